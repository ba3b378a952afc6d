"""Service figures: submit→verdict latency, queue throughput, API latency under load.

    .venv/bin/python bench/service.py [latency|throughput|api|burst|all] [--submissions 500]
    .venv/bin/python bench/service.py burst --against main --rounds 2

latency     embedded `mljudge serve` (SQLite, in-process judges, real sandbox): 50 submissions
            of autograd-practice-1 (one test) one after another, each way in turn; time from
            POST to the verdict seen through the submission's event stream (the page's way),
            and seen by GET polled every 5 ms. Target p50 <= 30 ms.
throughput  production: PostgreSQL, Redis, `mljudge serve` and 1, then 2, `mljudge worker`
            processes (one submission at a time each); a burst of submissions through the API
            (20 clients at once), time until all are judged, submissions/s; then the same with
            the queue filled first and only the workers' drain timed. Target: two workers >=
            1.8x one.
api         embedded serve; 50 concurrent clients reading /api/problems and polling their
            submissions, first each every 0.5 s (a live page), then back to back (the most one
            API process serves). Target p99 <= 50 ms.
burst       20 clients, each its own user, submit 1,000 times in all back to back (the per-user
            rate limit raised for the bench), in embedded mode and then in production mode (2
            worker processes); POST latency p50/p95/p99/max, errors, and the time until all are
            judged. Targets: embedded POST p99 < 100 ms; embedded, all 1,000 (one test each)
            judged <= 15 s after the first POST. `--against REV` runs REV's service too,
            the trees alternating round by round, for a before/after in one run.

Every server here is a subprocess on 127.0.0.1 with its own database (and broker queue), so the
figures include HTTP, the database and the queue. Needs root (sandbox), PostgreSQL and Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from app.local_deployment import REPO, LocalDeployment, postgres_database

PROBLEM = "autograd-practice-1"
SOLUTION = (REPO / "problems" / PROBLEM / "solution.py").read_text()
PG_SERVER = os.environ.get("MLJUDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("MLJUDGE_TEST_REDIS", "redis://127.0.0.1:6379")
PASSWORD = "correct-horse-battery"
BENCH_RATE_COUNT, BENCH_RATE_WINDOW_S = 1_000_000, 60
PRODUCTION_WORKERS = 2
LATENCY_P50_TARGET_MS = 30
DRAIN_TARGET_S = 15  # 1,000 one-test submissions, embedded, on 2 cores
WORKERS_SPEED_UP_TARGET = 1.8


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


PYTHONS: dict[Path, str] = {}  # tree -> the interpreter that runs its code (run_bursts)


def deployment(workdir: Path, tree: Path = REPO, **settings: str) -> LocalDeployment:
    # A benchmark submits far faster than a person may: the per-user rate limit is raised.
    rate = {
        "submission_rate_count": str(BENCH_RATE_COUNT),
        "submission_rate_window_s": str(BENCH_RATE_WINDOW_S),
    }
    python = PYTHONS.get(tree, sys.executable)
    return LocalDeployment(workdir, {**rate, **settings}, repo=tree, python=python)


def submit(client: httpx.Client, code: str = SOLUTION) -> int:
    response = client.post("/api/submissions", json={"problem_id": PROBLEM, "code": code})
    response.raise_for_status()
    return response.json()["id"]


def _verdict_polled(client: httpx.Client, submission_id: int) -> dict:
    while True:
        body = client.get(f"/api/submissions/{submission_id}").json()
        if body["status"] == "done":
            return body
        time.sleep(0.005)


def _verdict_streamed(client: httpx.Client, submission_id: int) -> dict:
    """The submission page's way: its event stream, read until `done`."""
    with client.stream("GET", f"/api/submissions/{submission_id}/events") as stream:
        done = False
        for line in stream.iter_lines():
            if line == "event: done":
                done = True
            elif done and line.startswith("data: "):
                return json.loads(line[len("data: ") :])
    raise SystemExit(f"the event stream of {submission_id} ended without `done`")


def bench_latency(workdir: Path, count: int = 50) -> None:
    """Each submission's verdict seen two ways, taking turns: through the event stream (as the
    submission page sees it) and by a client polling GET every 5 ms."""
    database_url = f"sqlite:///{workdir / 'latency.db'}"
    service = deployment(workdir, database_url=database_url)
    ways = {"event stream": _verdict_streamed, "GET polled every 5 ms": _verdict_polled}
    latencies: dict[str, list[float]] = {way: [] for way in ways}
    marks: dict[str, dict[int, tuple[float, float, float]]] = {way: {} for way in ways}
    try:
        service.serve()
        with service.client("latency", PASSWORD) as client:
            submit(client)  # warm-up: first fork, first checker
            for _ in range(count):
                for way, wait in ways.items():
                    started = time.perf_counter()
                    posted_at = time.time()
                    submission_id = submit(client)
                    post_ms = (time.perf_counter() - started) * 1000
                    body = wait(client, submission_id)
                    latencies[way].append((time.perf_counter() - started) * 1000)
                    marks[way][submission_id] = (posted_at, post_ms, time.time())
                    assert body["verdict"] == "AC", body
    finally:
        service.stop()
    for way, figures in latencies.items():
        print(
            f"latency (embedded, {count} submissions of {PROBLEM}, verdict seen by {way}): "
            f"p50 {percentile(figures, 50):.0f} ms, p95 {percentile(figures, 95):.0f} ms, "
            f"max {max(figures):.0f} ms (target p50 <= {LATENCY_P50_TARGET_MS} ms)"
        )
        print(f"  where it goes (medians): {latency_parts(database_url, marks[way])}")


def _instant(value: object) -> float:
    """A timestamp column as seconds since the epoch (SQLite hands back text)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def latency_parts(database_url: str, marks: dict[int, tuple[float, float, float]]) -> str:
    """Each submission's path from the POST to the client seeing its verdict, from the row's
    timestamps: stored and answered, waiting for a judge, judged, and seen by the polling."""
    engine = create_engine(database_url)
    parts: dict[str, list[float]] = {}
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, created_at, started_at, finished_at FROM submissions")
            ).all()
            walls = dict(
                connection.execute(text("SELECT submission_id, wall_ms FROM test_results")).all()
            )
    finally:
        engine.dispose()
    for submission_id, created, started, finished in rows:
        if submission_id not in marks:
            continue
        posted_at, post_ms, seen_at = marks[submission_id]
        created_s, started_s, finished_s = map(_instant, (created, started, finished))
        for name, ms in (
            ("POST answered", post_ms),
            ("row created -> judge started", (started_s - created_s) * 1000),
            ("judge started -> finished", (finished_s - started_s) * 1000),
            ("finished -> seen by the client", (seen_at - finished_s) * 1000),
            ("POST sent -> row created", (created_s - posted_at) * 1000),
        ):
            parts.setdefault(name, []).append(ms)
    parts["the test in the sandbox (wall, part of judging)"] = [
        float(walls[submission_id]) for submission_id in marks
    ]
    return "; ".join(f"{name} {statistics.median(ms):.1f} ms" for name, ms in parts.items())


def _cpu_ticks() -> tuple[int, int]:
    """The machine's CPU time so far, all of it and the busy part, in ticks (/proc/stat)."""
    with open("/proc/stat") as stat:
        ticks = [int(field) for field in stat.readline().split()[1:]]
    return sum(ticks), sum(ticks) - ticks[3] - ticks[4]  # less idle and iowait


def busy_cores(before: tuple[int, int], after: tuple[int, int]) -> float:
    """How many of the machine's cores were busy on average between two _cpu_ticks()."""
    total, busy = after[0] - before[0], after[1] - before[1]
    return (os.cpu_count() or 1) * busy / total if total else 0.0


_COUNTS = {
    "unsent": text("SELECT count(*) FROM submissions WHERE id >= :f AND dispatched_at IS NULL"),
    "unjudged": text("SELECT count(*) FROM submissions WHERE id >= :f AND status != 'done'"),
}


def _count(database_url: str, which: str, first_id: int) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(_COUNTS[which], {"f": first_id}).scalar_one()
    finally:
        engine.dispose()


def _wait_until_none(database_url: str, which: str, first_id: int, timeout_s: float) -> None:
    engine = create_engine(database_url)
    deadline = time.monotonic() + timeout_s
    try:
        with engine.connect() as connection:
            while left := connection.execute(_COUNTS[which], {"f": first_id}).scalar_one():
                connection.rollback()  # a fresh snapshot each poll
                if time.monotonic() > deadline:
                    raise SystemExit(f"{left} submissions still {which} after {timeout_s} s")
                time.sleep(0.05)
    finally:
        engine.dispose()


def bench_throughput(workdir: Path, workers: int, count: int, prefilled: bool = False) -> float:
    """Submissions judged per second with `workers` worker processes: while 20 clients submit
    them (the API, the database and the clients share the cores with the workers), or with
    `prefilled`, the workers' drain of a queue that already holds them all (the workers warm,
    told by Celery's remote control to stop consuming while the submissions are stored and sent,
    then to start again: only the judging is timed)."""
    from judge.tasks import create_celery

    queue = f"mljudge-bench-{uuid.uuid4().hex[:8]}"
    broker_url = f"{REDIS_URL}/0"
    with postgres_database(PG_SERVER, "mljudge_bench") as database_url:
        service = deployment(
            workdir, database_url=database_url, broker_url=broker_url, queue=queue, lease_s="600"
        )
        control = create_celery(broker_url, queue).control
        try:
            service.serve()
            for _ in range(workers):
                service.start("worker")
            # Every worker answers (its runner is warm by then), not just the first one up.
            deadline = time.monotonic() + 120
            while len(control.ping(timeout=0.5) or []) < workers:
                if time.monotonic() > deadline:
                    raise SystemExit(f"fewer than {workers} workers came up; see {workdir}")
            with service.client("burst", PASSWORD) as client:
                warm_up = submit(client)
                while client.get(f"/api/submissions/{warm_up}").json()["status"] != "done":
                    if time.monotonic() > deadline:
                        raise SystemExit(f"no worker judged anything; see {workdir}")
                    time.sleep(0.1)
                token = client.headers["Authorization"].split()[1]
            first = warm_up + 1
            if prefilled:
                replies = control.cancel_consumer(queue, reply=True, timeout=5, limit=workers)
                if len(replies or []) != workers:
                    raise SystemExit(f"{len(replies or [])} of {workers} workers stopped consuming")
            # Submitted by 20 clients at once, so that submitting (~130/s) is not what bounds
            # the judging measured (one client back to back managed ~25-30/s).
            started = time.perf_counter()
            errors = post_concurrently(service.port, token, count)
            submitted = time.perf_counter() - started
            if errors:
                raise SystemExit(f"submitting failed: {dict(errors)}")
            judged = count
            if prefilled:
                _wait_until_none(database_url, "unsent", first, 120)
                # A worker may have held one message it had fetched before it stopped.
                judged = _count(database_url, "unjudged", first)
                started = time.perf_counter()
                control.add_consumer(queue, reply=True, timeout=5, limit=workers)
            ticks = _cpu_ticks()
            verdicts = _wait_judged(database_url, first, 600)
            elapsed = time.perf_counter() - started
            busy = busy_cores(ticks, _cpu_ticks())
        finally:
            control.app.close()
            service.stop()
    how = "a queue already holding them" if prefilled else "while 20 clients submit them"
    print(
        f"throughput ({workers} worker process{'es' if workers > 1 else ''}, {how}): {judged} "
        f"submissions in {elapsed:.1f} s ({judged / elapsed:.1f} submissions/s; submitting took "
        f"{submitted:.1f} s); {busy:.2f} of the machine's {os.cpu_count()} cores busy meanwhile"
        f"{'' if prefilled else ' (from the last POST)'}; verdicts {verdicts}"
    )
    return judged / elapsed


class RawHttpClient:
    """A keep-alive HTTP/1.1 client on bare asyncio streams. httpx costs about a millisecond
    of CPU per request, which on this 2-core machine would be taken from the server measured."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        payload = b"" if body is None else json.dumps(body).encode()
        content = (
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
            if body is not None
            else ""
        )
        self.writer.write(
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{content}"
            f"Authorization: Bearer {self.token}\r\n\r\n".encode()
            + payload
        )
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    async def get(self, path: str) -> int:
        return (await self.request("GET", path))[0]

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def _client_loop(
    port: int, token: str, submission_id: int, rounds: int, interval_s: float
) -> list[float]:
    """One client: alternately the problem list and its submission, a request every
    `interval_s` (as a live page polls), or back to back when it is 0."""
    latencies = []
    client = RawHttpClient(port, token)
    try:
        if interval_s:
            await asyncio.sleep(random.uniform(0, interval_s))  # clients don't start in step
        for index in range(rounds):
            path = "/api/problems" if index % 2 == 0 else f"/api/submissions/{submission_id}"
            started = time.perf_counter()
            status = await client.get(path)
            took = time.perf_counter() - started
            latencies.append(took * 1000)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status}")
            if interval_s:
                await asyncio.sleep(max(0.0, interval_s - took))
    finally:
        await client.close()
    return latencies


def bench_api(workdir: Path, clients: int = 50, rounds: int = 40) -> None:
    service = deployment(workdir, database_url=f"sqlite:///{workdir / 'api.db'}")
    try:
        service.serve()
        sessions = []
        for index in range(clients):
            with service.client(f"reader{index}", PASSWORD) as client:
                sessions.append((client.headers["Authorization"].split()[1], submit(client)))
        # Judging done before measuring: reads of finished submissions, no sandbox forking.
        deadline = time.monotonic() + 120
        for token, submission_id in sessions:
            headers = {"Authorization": f"Bearer {token}"}
            url = f"{service.url}/api/submissions/{submission_id}"
            while httpx.get(url, headers=headers).json()["status"] != "done":
                if time.monotonic() > deadline:
                    raise SystemExit(f"submissions were not judged in time; see {workdir}")
                time.sleep(0.05)

        async def run(interval_s: float) -> list[float]:
            loops = [_client_loop(service.port, t, s, rounds, interval_s) for t, s in sessions]
            return [ms for result in await asyncio.gather(*loops) for ms in result]

        # Paced: every client polls twice a second, as a live submission page does. Then back
        # to back, which measures how many requests per second the one API process serves.
        for interval_s, label in ((0.5, "each polling every 0.5 s"), (0.0, "back to back")):
            started = time.perf_counter()
            latencies = asyncio.run(run(interval_s))
            elapsed = time.perf_counter() - started
            print(
                f"api ({clients} concurrent clients {label}, {len(latencies)} requests, "
                f"{len(latencies) / elapsed:.0f} req/s): p50 {percentile(latencies, 50):.1f} ms, "
                f"p95 {percentile(latencies, 95):.1f} ms, p99 {percentile(latencies, 99):.1f} ms "
                f"(target p99 <= 50 ms)"
            )
    finally:
        service.stop()


@dataclass
class BurstFigures:
    latencies_ms: list[float]
    errors: Counter[str]
    posting_s: float
    judged_s: float
    verdicts: dict[str, int]

    def line(self, mode: str = "") -> str:
        lat = self.latencies_ms
        target = f" (target <= {DRAIN_TARGET_S} s)" if mode == "embedded" else ""
        return (
            f"POST p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, "
            f"p99 {percentile(lat, 99):.0f} ms, max {max(lat):.0f} ms; "
            f"errors {sum(self.errors.values())}{dict(self.errors) or ''}; "
            f"{len(lat)} POSTs in {self.posting_s:.1f} s ({len(lat) / self.posting_s:.0f}/s); "
            f"all judged {self.judged_s:.1f} s after the first POST{target}; "
            f"verdicts {self.verdicts}"
        )


async def _burst_client(port: int, token: str, count: int) -> tuple[list[float], Counter[str]]:
    """One client submitting `count` times back to back, each POST timed."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    client = RawHttpClient(port, token)
    body = {"problem_id": PROBLEM, "code": SOLUTION}
    try:
        for _ in range(count):
            started = time.perf_counter()
            status, _ = await client.request("POST", "/api/submissions", body)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 202:
                errors[f"HTTP {status}"] += 1
    except (OSError, asyncio.IncompleteReadError) as exc:  # the rest of this client's are lost
        errors[type(exc).__name__] += count - len(latencies)
    finally:
        await client.close()
    return latencies, errors


def post_concurrently(port: int, token: str, count: int, clients: int = 20) -> Counter[str]:
    """`count` submissions POSTed by `clients` clients back to back; the errors seen."""

    async def run() -> list[tuple[list[float], Counter[str]]]:
        shares = [count // clients + (i < count % clients) for i in range(clients)]
        return await asyncio.gather(*(_burst_client(port, token, n) for n in shares))

    errors: Counter[str] = Counter()
    for _latencies, client_errors in asyncio.run(run()):
        errors.update(client_errors)
    return errors


def _wait_judged(database_url: str, first_id: int, timeout_s: float) -> dict[str, int]:
    """Wait until every submission from `first_id` on is judged; their verdicts, counted."""
    _wait_until_none(database_url, "unjudged", first_id, timeout_s)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT verdict, count(*) FROM submissions WHERE id >= :f GROUP BY 1")
            return dict(connection.execute(query, {"f": first_id}).all())
    finally:
        engine.dispose()


def _burst(service: LocalDeployment, database_url: str, clients: int, total: int) -> BurstFigures:
    tokens = []
    for index in range(clients):  # each client its own user, as in a class
        with service.client(f"burst{index}", PASSWORD) as client:
            tokens.append(client.headers["Authorization"].split()[1])
            if index == 0:  # warm-up: the first fork, the first checker, the workers up
                first = submit(client)
                deadline = time.monotonic() + 120
                while client.get(f"/api/submissions/{first}").json()["status"] != "done":
                    if time.monotonic() > deadline:
                        raise SystemExit(f"the warm-up was never judged; see {service.workdir}")
                    time.sleep(0.05)

    async def run() -> list[tuple[list[float], Counter[str]]]:
        shares = [total // clients + (i < total % clients) for i in range(clients)]
        return await asyncio.gather(
            *(_burst_client(service.port, t, n) for t, n in zip(tokens, shares, strict=True))
        )

    started = time.perf_counter()
    results = asyncio.run(run())
    posting_s = time.perf_counter() - started
    verdicts = _wait_judged(database_url, first + 1, timeout_s=3600)
    judged_s = time.perf_counter() - started
    errors: Counter[str] = Counter()
    for _, client_errors in results:
        errors.update(client_errors)
    latencies = [ms for client_latencies, _ in results for ms in client_latencies]
    return BurstFigures(latencies, errors, posting_s, judged_s, verdicts)


def bench_burst(workdir: Path, mode: str, tree: Path, clients: int, total: int) -> BurstFigures:
    """`clients` users submitting `total` times in all, back to back, against `tree`'s code."""
    workdir = Path(tempfile.mkdtemp(prefix=f"burst-{mode}-", dir=workdir))
    if mode == "embedded":
        database_url = f"sqlite:///{workdir / 'burst.db'}"
        service = deployment(workdir, tree, database_url=database_url)
        try:
            service.serve()
            return _burst(service, database_url, clients, total)
        finally:
            service.stop()
    queue = f"mljudge-bench-{uuid.uuid4().hex[:8]}"
    with postgres_database(PG_SERVER, "mljudge_bench") as database_url:
        service = deployment(
            workdir, tree, database_url=database_url, broker_url=f"{REDIS_URL}/0", queue=queue
        )
        try:
            service.serve()
            for _ in range(PRODUCTION_WORKERS):
                service.start("worker")
            return _burst(service, database_url, clients, total)
        finally:
            service.stop()


def run_bursts(
    workdir: Path, modes: list[str], against: str | None, rounds: int, clients: int, total: int
) -> None:
    trees = {"this tree": REPO}
    if against:
        from against_revision import interpreter_for

        earlier = export(against, workdir / "against")
        PYTHONS[earlier] = interpreter_for(earlier, workdir / "against-python")
        trees = {against: earlier, **trees}
    print(
        f"burst: {clients} clients (each its own user) submitting {total} times in all, back to "
        f"back, {PROBLEM}; per-user rate limit raised to {BENCH_RATE_COUNT} per "
        f"{BENCH_RATE_WINDOW_S} s for the bench. embedded: SQLite, {os.cpu_count()} judge "
        f"threads; production: PostgreSQL, Redis, {PRODUCTION_WORKERS} worker processes"
    )
    figures: dict[tuple[str, str], list[BurstFigures]] = {}
    for round_ in range(rounds):
        # Trees alternate in order, so neither always runs on a machine the other left warm.
        order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
        for label in order:
            for mode in modes:
                result = bench_burst(workdir, mode, trees[label], clients, total)
                figures.setdefault((label, mode), []).append(result)
                print(f"round {round_ + 1}, {label}, {mode}: {result.line(mode)}", flush=True)
    if rounds > 1 or against:
        for (label, mode), results in figures.items():
            p99s = ", ".join(f"{percentile(r.latencies_ms, 99):.0f}" for r in results)
            rates = ", ".join(f"{len(r.latencies_ms) / r.posting_s:.0f}" for r in results)
            drains = ", ".join(f"{r.judged_s:.1f}" for r in results)
            target = " (target < 100 ms)" if mode == "embedded" else ""
            drain_target = f" (target <= {DRAIN_TARGET_S} s)" if mode == "embedded" else ""
            print(
                f"{label}, {mode}: POST p99 per round {p99s} ms{target}; POSTs/s {rates}; "
                f"all judged after {drains} s{drain_target}"
            )


def export(revision: str, into: Path) -> Path:
    """`revision`'s tree, exported with `git archive` (the checkout is left alone)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "which", nargs="?", default="all", choices=["latency", "throughput", "api", "burst", "all"]
    )
    parser.add_argument("--submissions", type=int, default=500, help="burst size (throughput)")
    parser.add_argument("--clients", type=int, default=20, help="burst: concurrent clients")
    parser.add_argument("--posts", type=int, default=1000, help="burst: POSTs in all")
    parser.add_argument(
        "--modes",
        default="embedded,production",
        help="burst: embedded, production or both (comma-separated)",
    )
    parser.add_argument("--against", help="burst: also run an earlier revision's service")
    parser.add_argument("--rounds", type=int, default=1, help="burst: runs of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mljudge-bench-") as tmp:
        workdir = Path(tmp)
        if args.which in ("latency", "all"):
            bench_latency(workdir)
        if args.which in ("throughput", "all"):
            for prefilled in (False, True):
                rates = {
                    workers: bench_throughput(workdir, workers, args.submissions, prefilled)
                    for workers in (1, 2)
                }
                how = "draining a filled queue" if prefilled else "while the clients submit"
                print(
                    f"throughput, 2 worker processes against 1, {how}: "
                    f"{rates[2] / rates[1]:.2f}x (target >= {WORKERS_SPEED_UP_TARGET}x)"
                )
        if args.which in ("api", "all"):
            bench_api(workdir)
        if args.which in ("burst", "all"):
            modes = [mode.strip() for mode in args.modes.split(",")]
            if not set(modes) <= {"embedded", "production"}:
                parser.error(f"--modes: unknown mode in {args.modes!r}")
            run_bursts(workdir, modes, args.against, args.rounds, args.clients, args.posts)


if __name__ == "__main__":
    main()
