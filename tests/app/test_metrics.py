"""/metrics in the Prometheus text format: the database's figures (the same for every API
process) and the judges' histograms and counters, summed over the processes of a host in
prometheus-client's multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import Collector

from app.metrics import service
from judge.problemset import load_problem
from tests.app.conftest import Accounts

AC = "#fake ECHO\nprint(input())\n"
WA = "#fake OUTPUT 0\n"
NO_SANDBOX = "#fake NOSANDBOX\n"
REPO = Path(__file__).resolve().parents[2]


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return _samples(response.text)


def test_metrics_count_submissions_verdicts_and_judge_time(
    client: TestClient,
    accounts: Accounts,
    judge_queued: Callable[[], list[int]],
    problems_dir: Path,
) -> None:
    headers = accounts.user()
    before = _scrape(client)
    for code in (AC, AC, WA, NO_SANDBOX):
        response = client.post(
            "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
        )
        assert response.status_code == 202
    waiting = _scrape(client)
    assert waiting[("mljudge_submissions", (("status", "queued"),))] == 4
    judge_queued()
    after = _scrape(client)

    assert after[("mljudge_submissions", (("status", "queued"),))] == 0
    assert after[("mljudge_submissions", (("status", "done"),))] == 4
    assert after[("mljudge_submissions_by_verdict", (("verdict", "AC"),))] == 2
    assert after[("mljudge_submissions_by_verdict", (("verdict", "WA"),))] == 1
    assert after[("mljudge_submissions_by_verdict", (("verdict", "IE"),))] == 1
    assert after[("mljudge_outbox_unsent", ())] == 0
    assert after[("mljudge_queue_reachable", ())] == 1

    def grew(name: str, labels: tuple[tuple[str, str], ...] = ()) -> float:
        return after[(name, labels)] - before.get((name, labels), 0.0)

    # The judges of this process: each test of the four submissions, and each submission.
    tests = len(load_problem(problems_dir / "echo").tests)
    assert grew("mljudge_judge_test_seconds_count") == 4 * tests
    assert grew("mljudge_judge_submission_seconds_count") == 4
    assert grew("mljudge_judge_verdicts_total", (("verdict", "AC"),)) == 2
    assert grew("mljudge_judge_verdicts_total", (("verdict", "WA"),)) == 1
    assert grew("mljudge_judge_verdicts_total", (("verdict", "IE"),)) == 1
    # Every test of the last one found no sandbox: IE, counted as the sandbox's failure too.
    assert grew("mljudge_judge_test_internal_errors_total") == tests
    assert grew("mljudge_sandbox_failures_total") == tests


def test_metrics_is_not_in_the_api_document(client: TestClient) -> None:
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


class _NoDatabase(Collector):
    def collect(self) -> Iterator[object]:  # type: ignore[override]
        return iter(())


_OBSERVE = """
from app.metrics import judging
judging.test_seconds.observe(0.02)
judging.submission_seconds.observe(0.1)
judging.verdicts.labels("AC").inc()
"""


def test_multiprocess_mode_sums_the_processes_of_a_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two judging processes (as two `mljudge worker`s would) write to the folder; the API
    # process reads every file of it.
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", _OBSERVE], check=True, cwd=REPO, env=env)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    samples = _samples(service.exposition(_NoDatabase()).decode())  # type: ignore[arg-type]
    assert samples[("mljudge_judge_test_seconds_count", ())] == 2
    assert samples[("mljudge_judge_submission_seconds_count", ())] == 2
    assert samples[("mljudge_judge_verdicts_total", (("verdict", "AC"),))] == 2
