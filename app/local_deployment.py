"""The service as local subprocesses (`mljudge serve` and workers), for tests and benchmarks.

Each deployment gets its own port, secret, settings and log files, and optionally its own
throwaway PostgreSQL database, so several can run side by side on one machine.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def postgres_database(server_url: str, prefix: str = "mljudge_tmp") -> Iterator[str]:
    """A fresh database with a unique name on `server_url`, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{server_url}/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server_url}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class LocalDeployment:
    """One API server and any number of workers, sharing the settings given (without the
    `MLJUDGE_` prefix, e.g. ``{"database_url": ..., "broker_url": ...}``). `repo` is the tree
    whose code and problems run (a benchmark may run an earlier revision's beside this one)."""

    def __init__(
        self,
        workdir: Path,
        settings: dict[str, str],
        repo: Path = REPO,
        python: str = sys.executable,
    ):
        """`python` runs the processes: for an earlier revision, one whose packages import that
        tree's code even in the sandbox's zygote (bench/against_revision.py interpreter_for)."""
        self.workdir, self.repo, self.python = workdir, repo, python
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("MLJUDGE_")},
            "PYTHONPATH": str(repo),
            "MLJUDGE_PROBLEMS_DIR": str(repo / "problems"),
            "MLJUDGE_SECRET_KEY": uuid.uuid4().hex,
            **{f"MLJUDGE_{key.upper()}": value for key, value in settings.items()},
        }
        self.processes: list[subprocess.Popen] = []

    def start(self, *args: str) -> subprocess.Popen:
        with open(self.workdir / f"{args[0]}-{len(self.processes)}.log", "wb") as log:
            process = subprocess.Popen(
                [self.python, "-m", "app.cli", *args],
                cwd=self.repo,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def serve(self, timeout_s: float = 60) -> None:
        self.start("serve", "--port", str(self.port))
        self.wait_healthy(timeout_s)

    def wait_healthy(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server never became healthy\n{self.logs()}")

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.workdir.glob("*.log"))
        )

    def stop(self, timeout_s: float = 20) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    @contextmanager
    def client(self, username: str, password: str) -> Iterator[httpx.Client]:
        """An API client logged in as `username`, registered first."""
        client = httpx.Client(base_url=self.url, timeout=30)
        try:
            created = client.post("/api/users", json={"username": username, "password": password})
            created.raise_for_status()
            token = client.post("/api/token", data={"username": username, "password": password})
            token.raise_for_status()
            client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
            yield client
        finally:
            client.close()
