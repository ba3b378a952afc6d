"""The compose stack for real: docker-compose.yml brought up with the smoke override (images built
from Debian's packages, the host's network, loopback ports of the test's own), an administrator
made with the CLI in the api container, a student registered through the API, a correct solution
judged AC by the real sandbox inside a worker container, both workers seen by the API and by
Flower, and the stack taken down with its volumes.

Skipped, with the engine's own reason, only when no Docker engine can run on this machine
(tests/compose/docker-engine.sh exits 3); anything else that goes wrong is a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.local_deployment import free_port

pytestmark = [pytest.mark.compose, pytest.mark.timeout(1800)]

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DOCKER = "/usr/bin/docker"
PROBLEM = "autograd-practice-1"
# What docker-compose.yml grants the worker: least privilege, never `privileged`.
WORKER_CAPS = {"CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_DAC_OVERRIDE"}


def _run(command: list[str], timeout_s: float, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout_s, cwd=REPO, **kwargs
    )


@pytest.fixture(scope="module")
def images() -> Path:
    """Builds the images; the wheelhouse's folder (it holds pytest for the sandbox's tests)."""
    engine = _run([str(HERE / "docker-engine.sh")], 600)
    if engine.returncode == 3:
        pytest.skip(engine.stderr.strip().splitlines()[-1])
    assert engine.returncode == 0, engine.stderr
    built = _run([str(HERE / "build-images.sh")], 1500)
    assert built.returncode == 0, built.stderr[-4000:]
    return Path(built.stdout.split()[-1])


@dataclass
class Stack:
    compose: list[str]
    env: dict[str, str]
    api: str
    flower: str
    wheels: Path

    def logs(self) -> str:
        return _run([*self.compose, "logs", "--no-color", "--tail", "60"], 60, env=self.env).stdout

    def exec_api(self, *command: str) -> subprocess.CompletedProcess[str]:
        return _run([*self.compose, "exec", "-T", "api", *command], 120, env=self.env)

    def container_ids(self, service: str) -> list[str]:
        listed = _run([*self.compose, "ps", "-q", service], 60, env=self.env)
        return listed.stdout.split()


@pytest.fixture
def stack(images) -> Iterator[Stack]:
    compose_bin = shutil.which("docker-compose")
    assert compose_bin, "docker-engine.sh installs Debian's docker-compose"
    ports = {name: free_port() for name in ("POSTGRES", "REDIS", "API", "FLOWER")}
    env = {
        **os.environ,
        **{f"SMOKE_{name}_PORT": str(port) for name, port in ports.items()},
        "MLJUDGE_SECRET_KEY": secrets.token_hex(32),
    }
    project = f"mljudgesmoke{uuid.uuid4().hex[:8]}"
    compose = [
        compose_bin,
        "-f",
        "docker-compose.yml",
        "-f",
        "tests/compose/docker-compose.smoke.yml",
        "-p",
        project,
    ]
    stack = Stack(
        compose,
        env,
        f"http://127.0.0.1:{ports['API']}",
        f"http://127.0.0.1:{ports['FLOWER']}",
        images,
    )
    try:
        yield stack
    finally:
        down = _run([*compose, "down", "-v", "--timeout", "10"], 300, env=env)
        left = _run(
            [DOCKER, "ps", "-aq", "--filter", f"label=com.docker.compose.project={project}"], 60
        )
        assert down.returncode == 0 and not left.stdout.strip(), down.stderr


def _until(what: str, probe, timeout_s: float, stack: Stack):
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout_s} s\n{stack.logs()}")
        time.sleep(0.5)


def test_the_stack_judges_a_submission_in_a_worker_container(stack):
    # Waits for PostgreSQL, Redis and then the api to be healthy before the workers start.
    up = _run([*stack.compose, "up", "-d"], 600, env=stack.env)
    assert up.returncode == 0, f"{up.stderr}\n{stack.logs()}"

    # The workers run with the capabilities documented in docker-compose.yml and no more.
    workers = stack.container_ids("worker")
    assert len(workers) == 2, stack.logs()
    for container in workers:
        inspect = _run([DOCKER, "inspect", "--format", "{{json .HostConfig}}", container], 60)
        config = json.loads(inspect.stdout)
        assert config["Privileged"] is False
        assert config["CapDrop"] == ["ALL"]
        assert {cap if cap.startswith("CAP_") else f"CAP_{cap}" for cap in config["CapAdd"]} == (
            WORKER_CAPS
        )

    password = secrets.token_hex(12)
    made = stack.exec_api("mljudge", "users", "create", "admin", "--admin", "--password", password)
    assert made.returncode == 0, made.stderr

    with httpx.Client(base_url=stack.api, timeout=30) as client:
        admin = client.post("/api/token", data={"username": "admin", "password": password})
        assert admin.status_code == 200, admin.text
        headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        problems = client.get("/api/admin/problems", headers=headers)
        assert problems.status_code == 200 and PROBLEM in problems.text, problems.text

        student = {"username": "student", "password": "correct-horse-battery"}
        assert client.post("/api/users", json=student).status_code == 201
        token = client.post("/api/token", data=student).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        code = (REPO / "problems" / PROBLEM / "solution.py").read_text()
        created = client.post("/api/submissions", json={"problem_id": PROBLEM, "code": code})
        assert created.status_code in (200, 201, 202), created.text
        url = f"/api/submissions/{created.json()['id']}"

        def judged():
            body = client.get(url).json()
            return body if body["status"] == "done" else None

        done = _until("a verdict", judged, 180, stack)
        assert done["verdict"] == "AC", f"{done}\n{stack.logs()}"
        assert done["tests"] and {test["verdict"] for test in done["tests"]} == {"AC"}

    # Both workers answer the API's ping (its status probe is cached for a few seconds)...
    def both_judges():
        health = httpx.get(f"{stack.api}/api/health", timeout=30).json()
        return health if health["judges"] == 2 else None

    health = _until("both judges in /api/health", both_judges, 120, stack)
    assert health["state"] == "ok", health

    # ...and Flower, on loopback, sees both on the broker.
    def flower_workers():
        answer = httpx.get(f"{stack.flower}/api/workers", params={"refresh": 1}, timeout=30)
        names = sorted(answer.json()) if answer.status_code == 200 else []
        return names if len(names) == 2 else None

    names = _until("both workers in Flower", flower_workers, 120, stack)
    assert all(name.startswith("mljudge-") for name in names), names


def test_the_sandbox_tests_pass_in_a_worker_container(stack):
    """The worker's privileges as docker-compose.yml grants them (capabilities, seccomp profile,
    entry point, init) are enough for every test of the sandbox, hostile ones included: the
    least privilege the README describes, checked rather than assumed. The host's PostgreSQL
    socket is mounted so that the test proving a submission cannot reach it has it to try."""
    tests = sorted(
        str(p.relative_to(REPO)) for p in (REPO / "tests" / "judge").glob("test_sandbox_*.py")
    )
    # Looking into a waiting child's /proc/PID/ns and fd (another uid's process) takes
    # CAP_SYS_PTRACE, which the worker is deliberately not given; that test runs on the host.
    observer_only = (
        "--deselect tests/judge/test_sandbox_spares.py"
        "::test_a_waiting_child_is_confined_before_it_gets_the_source"
    )
    script = (
        "pip install --quiet --no-index --find-links /wheels pytest pytest-timeout"
        " && cd /srv/mljudge && python -m pytest -p no:cacheprovider -q -ra -x"
        f" {observer_only} {' '.join(tests)}"
    )
    mounts = [
        f"{REPO / 'tests'}:/srv/mljudge/tests:ro",
        f"{stack.wheels}:/wheels:ro",
        "/var/run/postgresql:/var/run/postgresql",
    ]
    volumes = [arg for mount in mounts for arg in ("-v", mount)]
    ran = _run(
        [*stack.compose, "run", "--rm", "--no-deps", *volumes, "worker", "sh", "-c", script],
        900,
        env=stack.env,
    )
    assert ran.returncode == 0, ran.stdout[-6000:] + ran.stderr[-2000:]
    assert " passed" in ran.stdout and " failed" not in ran.stdout, ran.stdout[-2000:]
    print(ran.stdout.strip().splitlines()[-1])  # with -s: how many ran
