"""Faults an operator meets, in production mode: a stream of submissions while a worker is
killed mid-judging, the broker is stopped and comes back empty, and the API is killed and
restarted. Every accepted submission is judged exactly once, no answer is a 5xx, and judging
catches up within seconds of the broker's return.

PostgreSQL of this machine (a database of the test's own), a Redis the test starts itself on a
free port (never the machine's own), `mljudge serve` and two `mljudge worker` as subprocesses with
the default timings (heartbeats, sweeper, outbox relay). Run with `-s` to see the figures.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.db import make_engine, make_sessionmaker, transaction
from app.local_deployment import LocalDeployment, free_port, postgres_database
from app.submissions.models import CaseResultRecord, Status, Submission
from tests.app.conftest import PG_SERVER
from tests.app.fakes import write_problem

pytestmark = [pytest.mark.services, pytest.mark.postgres]

SUBMISSIONS = 80
RATE_PER_S = 3.0
FAST = "#fake SLEEP 0.1\n"  # three tests: judging takes a few tenths of a second
SLOW = "#fake SLEEP 1.5\n"  # keeps both workers busy when one is killed
SLOW_AT = (6, 7)
OUTAGE_S = 10.0
WORST_AFTER_BROKER_S = 30.0


class RedisServer:
    """A Redis of the test's own that keeps nothing on disk: a restart comes back empty."""

    def __init__(self, workdir: Path):
        self.port, self.workdir = free_port(), workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / "redis.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Submitted:
    key: str
    first_try: float  # wall clock, as the database's timestamps
    status: int | None = None
    submission_id: int | None = None


@dataclass
class Client:
    """Submits at a steady rate; on a lost connection it retries with the same key."""

    deployment: LocalDeployment
    headers: dict[str, str]
    done: list[Submitted] = field(default_factory=list)
    connection_errors: int = 0
    server_errors: int = 0

    def run(self) -> None:
        with httpx.Client(base_url=self.deployment.url, timeout=10) as http:
            started = time.monotonic()
            for n in range(SUBMISSIONS):
                time.sleep(max(0.0, started + n / RATE_PER_S - time.monotonic()))
                code = SLOW if n in SLOW_AT else FAST
                self.done.append(self._submit(http, code))

    def _submit(self, http: httpx.Client, code: str) -> Submitted:
        sent = Submitted(key=str(uuid.uuid4()), first_try=time.time())
        headers = {**self.headers, "Idempotency-Key": sent.key}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                response = http.post(
                    "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
                )
            except httpx.TransportError:  # refused while the API restarts, or cut mid-request
                self.connection_errors += 1
                time.sleep(0.2)
                continue
            sent.status = response.status_code
            if response.status_code >= 500:
                self.server_errors += 1
                time.sleep(0.2)
                continue
            if response.status_code == 202:
                sent.submission_id = response.json()["id"]
            return sent
        return sent


def wait_until(condition, timeout_s: float, what: str, deployment: LocalDeployment) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} not within {timeout_s} s\n{deployment.logs()}")


def test_broker_worker_and_api_faults_lose_nothing_and_judge_once(tmp_path, redis_server):
    write_problem(tmp_path / "problems", "echo")
    with postgres_database(PG_SERVER, "mljudge_test") as database_url:
        deployment = LocalDeployment(
            tmp_path,
            {
                "database_url": database_url,
                "broker_url": redis_server.url,
                "queue": f"mljudge-faults-{uuid.uuid4().hex[:8]}",
                "problems_dir": str(tmp_path / "problems"),
                "runner": "tests.app.fakes:start_fake_runner",
                "submission_rate_count": "100000",
            },
        )
        engine = make_engine(database_url)
        factory = make_sessionmaker(engine)
        try:
            run_the_faults(deployment, redis_server, factory)
        finally:
            deployment.stop()
            engine.dispose()


def judging_now(factory) -> int:
    with transaction(factory) as session:
        query = select(func.count()).where(Submission.status == Status.JUDGING)
        return session.scalar(query) or 0


def run_the_faults(deployment: LocalDeployment, redis: RedisServer, factory) -> None:
    api = deployment.start("serve", "--port", str(deployment.port))
    workers = [deployment.start("worker"), deployment.start("worker")]
    deployment.wait_healthy()
    with deployment.client("alice", "correct-horse-battery") as logged_in:
        headers = {"Authorization": logged_in.headers["Authorization"]}
    client = Client(deployment, headers)
    stream = threading.Thread(target=client.run, name="submissions")
    stream.start()

    # 1. A worker is killed (with its process group) while both are judging; a new one starts.
    wait_until(lambda: judging_now(factory) == 2, 30, "both workers judging", deployment)
    os.killpg(workers[0].pid, signal.SIGKILL)
    workers[0].wait()
    time.sleep(1)
    deployment.start("worker")

    # 2. The broker stops for a while and comes back empty.
    time.sleep(2)
    redis.stop()
    outage_started = time.monotonic()
    time.sleep(1.5)
    health = httpx.get(f"{deployment.url}/healthz", timeout=10)
    assert health.status_code == 503 and health.json()["queue"].startswith("broker unreachable")
    time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - outage_started)))
    redis.start()
    broker_back = time.time()

    # 3. The API is killed and restarted while submissions keep coming.
    time.sleep(3)
    os.killpg(api.pid, signal.SIGKILL)
    api.wait()
    deployment.start("serve", "--port", str(deployment.port))

    stream.join(timeout=180)
    assert not stream.is_alive(), "the client never finished"
    accepted = {s.submission_id for s in client.done if s.status == 202}
    refused = [s for s in client.done if s.status != 202]

    def all_judged() -> bool:
        with transaction(factory) as session:
            waiting = select(func.count()).where(Submission.status != Status.DONE)
            return session.scalar(waiting) == 0

    wait_until(all_judged, 120, "every submission judged", deployment)

    with transaction(factory) as session:
        rows = session.scalars(select(Submission)).all()
        results = {
            (submission_id, attempt): count
            for submission_id, attempt, count in session.execute(
                select(
                    CaseResultRecord.submission_id, CaseResultRecord.attempt, func.count()
                ).group_by(CaseResultRecord.submission_id, CaseResultRecord.attempt)
            )
        }
    stored = {row.id for row in rows}
    judged = [row for row in rows if row.status == Status.DONE and row.verdict is not None]
    first_try = {s.submission_id: s.first_try for s in client.done}
    after_broker = [
        row.finished_at.timestamp() - max(first_try[row.id], broker_back)
        for row in rows
        if row.finished_at.timestamp() > broker_back
    ]
    overall = [row.finished_at.timestamp() - first_try[row.id] for row in rows]
    interrupted = [row.id for row in rows if row.interruptions]
    print(
        f"\nfaults: accepted {len(accepted)} / stored {len(stored)} / judged {len(judged)} / "
        f"5xx {client.server_errors} / connection errors {client.connection_errors} / "
        f"refused otherwise {len(refused)}; worst submit->verdict after the broker returned "
        f"{max(after_broker):.1f} s (overall worst {max(overall):.1f} s); "
        f"judged again after the worker was killed: {interrupted}"
    )
    assert client.server_errors == 0
    assert not refused, [(s.key, s.status) for s in refused]
    assert len(accepted) == SUBMISSIONS and stored == accepted  # no duplicate, nothing lost
    assert all(row.verdict == "AC" for row in judged) and len(judged) == len(stored)
    # Exactly once: one verdict each, and only the final attempt's three results remain.
    assert results == {(row.id, row.attempt): 3 for row in rows}
    assert interrupted, "the killed worker was judging nothing"
    assert max(after_broker) < WORST_AFTER_BROKER_S, deployment.logs()
