"""Production path: PostgreSQL and Redis of this machine, `mljudge serve` and `mljudge worker`
as real subprocesses, everything through the HTTP API. A missing service fails these tests.

Runs with the fake runner and with the real sandbox runner.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from app.db import make_engine, make_sessionmaker, transaction
from app.local_deployment import LocalDeployment, free_port, postgres_database
from app.submissions.models import CaseResultRecord, Submission
from tests.app.conftest import PG_SERVER, REDIS_URL
from tests.app.fakes import write_problem

pytestmark = [pytest.mark.services, pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[2]

PROGRAMS = {
    "fake": {
        "runner": "tests.app.fakes:start_fake_runner",
        "problem": "echo",
        "AC": "#fake ECHO",
        "WA": "print('no')",
        "TLE": "#fake TLE",
        "SLOW": "#fake SLEEP 1.5",
    },
    "sandbox": {
        "runner": "judge.runner.sandbox:SandboxRunner.start",
        # The verdicts on a shipped problem; the fault test uses the 3-test echo problem.
        "problem": "autograd-practice-1",
        "AC": (REPO / "problems" / "autograd-practice-1" / "solution.py").read_text(),
        "WA": "print(9.0)",
        "TLE": "while True:\n    pass\n",
        "ECHO": "print(input())",
        "SLOW": "import time\ntime.sleep(1.5)\nprint(input())\n",
    },
}


def deployment_for(
    tmp_path: Path, database_url: str, broker_url: str, runner: str
) -> LocalDeployment:
    """One API server and any number of workers sharing a fresh database and queue."""
    deployment = LocalDeployment(
        tmp_path,
        {
            "database_url": database_url,
            "broker_url": broker_url,
            "queue": f"mljudge-test-{uuid.uuid4().hex[:8]}",
            "problems_dir": str(tmp_path / "problems"),
            "runner": runner,
            # Heartbeats keep a busy judge's lease; a killed worker's runs out in 3 s. A judge
            # that finishes no test for lease_s (more than the sandbox TLE test's 5 s wall
            # limit) loses the submission as well.
            "lease_s": "30",
            "heartbeat_s": "0.5",
            "heartbeat_lease_s": "3",
            "sweep_interval_s": "0.5",
            "workers": "1",
            "log_format": "json",
            # The judges unpack problem versions from the database here; no folder is shared.
            "version_cache_dir": str(tmp_path / "versions"),
        },
    )
    return deployment


@pytest.fixture(params=["fake", "sandbox"])
def programs(request):
    return PROGRAMS[request.param]


@pytest.fixture
def deployment(tmp_path, programs):
    write_problem(tmp_path / "problems", "echo", solution=programs.get("ECHO", programs["AC"]))
    if programs["problem"] != "echo":
        shutil.copytree(
            REPO / "problems" / programs["problem"], tmp_path / "problems" / programs["problem"]
        )
    with postgres_database(PG_SERVER, "mljudge_test") as database_url:
        # A Redis database of the run's own: the health check's ping is broadcast to every worker
        # on the database, and other runs of these tests may have workers on this Redis.
        broker_url = f"{REDIS_URL}/{random.randrange(1, 16)}"
        deployment = deployment_for(tmp_path, database_url, broker_url, programs["runner"])
        try:
            yield deployment
        finally:
            deployment.stop()
            redis.Redis.from_url(broker_url).delete(deployment.env["MLJUDGE_QUEUE"])


def wait_for(client: httpx.Client, submission_id: int, condition, deployment, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = client.get(f"/api/submissions/{submission_id}").json()
        if condition(body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"submission {submission_id}: {body}\n{deployment.logs()}")


def test_verdicts_through_api_queue_and_worker(deployment, programs):
    deployment.start("serve", "--port", str(deployment.port))
    metrics_port = free_port()
    deployment.start("worker", "--metrics-port", str(metrics_port))
    deployment.wait_healthy()
    with deployment.client("alice", "correct-horse-battery") as client:
        ids = {
            verdict: client.post(
                "/api/submissions",
                json={"problem_id": programs["problem"], "code": programs[verdict]},
            ).json()["id"]
            for verdict in ("AC", "WA", "TLE")
        }
        for expected, submission_id in ids.items():
            done = wait_for(client, submission_id, lambda b: b["status"] == "done", deployment)
            assert done["verdict"] == expected, deployment.logs()

    # The pages' judging status: the worker answers the broker's ping (probed off the request
    # path, so a few reads may pass before it shows).
    deadline = time.monotonic() + 30
    health = httpx.get(f"{deployment.url}/api/health").json()
    while health["judges"] != 1 and time.monotonic() < deadline:
        time.sleep(0.5)
        health = httpx.get(f"{deployment.url}/api/health").json()
    assert health["state"] == "ok" and health["judges"] == 1, health

    # The worker's own figures, for a Prometheus server where no API process runs beside it.
    scraped = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics").text
    judged = {
        sample.labels.get("verdict"): sample.value
        for family in text_string_to_metric_families(scraped)
        for sample in family.samples
        if sample.name == "mljudge_judge_verdicts_total"
    }
    assert judged == {"AC": 1, "WA": 1, "TLE": 1}, scraped

    # JSON logs: the worker's output is one JSON event per line, those of a judging with its
    # submission and attempt.
    worker_log = (deployment.workdir / "worker-1.log").read_text().splitlines()
    events = [json.loads(line) for line in worker_log if line.strip()]
    verdict_events = {
        (e["submission_id"], e["attempt"]) for e in events if e["message"].startswith("submission ")
    }
    assert verdict_events == {(i, 1) for i in ids.values()}, worker_log

    # `mljudge submit` logs in, follows the progress events and prints the verdict.
    source = deployment.workdir / "answer.py"
    source.write_text(programs["AC"])
    submitted = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "submit",
            programs["problem"],
            str(source),
            "--server",
            deployment.url,
            "--user",
            "alice",
        ],
        cwd=REPO,
        env={**deployment.env, "MLJUDGE_PASSWORD": "correct-horse-battery"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert submitted.returncode == 0, submitted.stderr
    assert submitted.stdout.strip() == "AC  100/100"
    assert "queued" in submitted.stderr and " AC " in submitted.stderr


def test_a_worker_killed_mid_judging_leaves_exactly_one_verdict(deployment, programs):
    deployment.start("serve", "--port", str(deployment.port))
    first_worker = deployment.start("worker")
    deployment.wait_healthy()
    with deployment.client("alice", "correct-horse-battery") as client:
        submission_id = client.post(
            "/api/submissions", json={"problem_id": "echo", "code": programs["SLOW"]}
        ).json()["id"]
        wait_for(
            client,
            submission_id,
            lambda b: b["status"] == "judging" and len(b["tests"]) >= 1,
            deployment,
        )
        os.killpg(first_worker.pid, signal.SIGKILL)  # the worker and its sandbox, mid-test
        first_worker.wait()
        # Its heartbeats stopped, so the sweeper takes it back once the short lease runs out,
        # long before lease_s (30 s) would have.
        wait_for(client, submission_id, lambda b: b["status"] == "queued", deployment, 25)
        deployment.start("worker")
        done = wait_for(client, submission_id, lambda b: b["status"] == "done", deployment)
    assert done["verdict"] == "AC" and len(done["tests"]) == 3, deployment.logs()
    engine = make_engine(deployment.env["MLJUDGE_DATABASE_URL"])
    try:
        with transaction(make_sessionmaker(engine)) as session:
            submission = session.get(Submission, submission_id)
            assert submission.attempt == 2 and submission.interruptions == 1
            rows = session.scalar(
                select(func.count())
                .select_from(CaseResultRecord)
                .where(CaseResultRecord.submission_id == submission_id)
            )
            assert rows == 3  # only the finishing attempt's results remain
    finally:
        engine.dispose()
