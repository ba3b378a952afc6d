"""Production path: PostgreSQL and Redis of this machine, `mljudge serve` and `mljudge worker`
as real subprocesses, everything through the HTTP API. A missing service fails these tests.

Runs with the fake runner always, and with the real sandbox runner once judge/runner/sandbox.py
exists (it is built in parallel with the service).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from sqlalchemy import func, select

from app.db import make_engine, make_sessionmaker, transaction
from app.submissions.models import CaseResultRecord, Submission
from tests.app.conftest import REDIS_URL, postgres_database
from tests.app.fakes import write_problem

pytestmark = [pytest.mark.services, pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[2]
HAS_SANDBOX = importlib.util.find_spec("judge.runner.sandbox") is not None

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deployment:
    """One API server and any number of workers sharing a fresh database and queue."""

    def __init__(self, tmp_path: Path, database_url: str, runner: str):
        self.tmp_path, self.database_url = tmp_path, database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.queue = f"mljudge-test-{uuid.uuid4().hex[:8]}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("MLJUDGE_")},
            "PYTHONPATH": str(REPO),
            "MLJUDGE_DATABASE_URL": database_url,
            "MLJUDGE_BROKER_URL": f"{REDIS_URL}/0",
            "MLJUDGE_QUEUE": self.queue,
            "MLJUDGE_SECRET_KEY": uuid.uuid4().hex,
            "MLJUDGE_PROBLEMS_DIR": str(tmp_path / "problems"),
            "MLJUDGE_RUNNER": runner,
            "MLJUDGE_LEASE_S": "3",
            "MLJUDGE_SWEEP_INTERVAL_S": "0.5",
            "MLJUDGE_WORKERS": "1",
        }
        self.processes: list[subprocess.Popen] = []

    def start(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"{args[0]}-{len(self.processes)}.log", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *args],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(self.tmp_path.glob("*.log"))
        )

    def wait_healthy(self, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server never became healthy\n{self.logs()}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        redis.Redis.from_url(f"{REDIS_URL}/0").delete(self.queue)


@pytest.fixture(
    params=[
        "fake",
        pytest.param(
            "sandbox",
            marks=pytest.mark.skipif(
                not HAS_SANDBOX, reason="judge/runner/sandbox.py has not landed on main yet"
            ),
        ),
    ]
)
def programs(request):
    return PROGRAMS[request.param]


@pytest.fixture
def deployment(tmp_path, programs):
    write_problem(tmp_path / "problems", "echo", solution=programs.get("ECHO", programs["AC"]))
    if programs["problem"] != "echo":
        shutil.copytree(
            REPO / "problems" / programs["problem"], tmp_path / "problems" / programs["problem"]
        )
    with postgres_database() as database_url:
        deployment = Deployment(tmp_path, database_url, programs["runner"])
        try:
            yield deployment
        finally:
            deployment.stop()


@contextlib.contextmanager
def api_user(url: str) -> Iterator[httpx.Client]:
    client = httpx.Client(base_url=url, timeout=10)
    try:
        yield _logged_in(client)
    finally:
        client.close()


def _logged_in(client: httpx.Client) -> httpx.Client:
    assert (
        client.post(
            "/api/users", json={"username": "alice", "password": "correct-horse-battery"}
        ).status_code
        == 201
    )
    token = client.post(
        "/api/token", data={"username": "alice", "password": "correct-horse-battery"}
    ).json()
    client.headers["Authorization"] = f"Bearer {token['access_token']}"
    return client


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
    deployment.start("worker")
    deployment.wait_healthy()
    with api_user(deployment.url) as client:
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

    # `mljudge submit` logs in, follows the progress events and prints the verdict.
    source = deployment.tmp_path / "answer.py"
    source.write_text(programs["AC"])
    submitted = subprocess.run(
        [sys.executable, "-m", "app.cli", "submit", programs["problem"], str(source),
         "--server", deployment.url, "--user", "alice"],
        cwd=REPO, env={**deployment.env, "MLJUDGE_PASSWORD": "correct-horse-battery"},
        capture_output=True, text=True, timeout=120,
    )
    assert submitted.returncode == 0, submitted.stderr
    assert submitted.stdout.strip() == "AC  100/100"
    assert "queued" in submitted.stderr and " AC " in submitted.stderr


def test_a_worker_killed_mid_judging_leaves_exactly_one_verdict(deployment, programs):
    deployment.start("serve", "--port", str(deployment.port))
    first_worker = deployment.start("worker")
    deployment.wait_healthy()
    with api_user(deployment.url) as client:
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
        deployment.start("worker")
        done = wait_for(client, submission_id, lambda b: b["status"] == "done", deployment)
    assert done["verdict"] == "AC" and len(done["tests"]) == 3, deployment.logs()
    engine = make_engine(deployment.database_url)
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
