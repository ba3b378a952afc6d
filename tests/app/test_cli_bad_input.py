"""`mljudge` commands given text that is not storable (NUL, bytes that are not UTF-8) answer with
one line and a non-zero exit, never a traceback (issue 9)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.db import make_engine, make_sessionmaker, transaction
from tests.app.test_cli import REPO


def mljudge(database_url: str, *args: str | bytes, stdin: bytes = b"", **env: str | bytes):
    environment: dict[str | bytes, str | bytes] = {
        k: v for k, v in os.environ.items() if not k.startswith("MLJUDGE_")
    }
    environment.update(PYTHONPATH=str(REPO), MLJUDGE_DATABASE_URL=database_url, **env)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=REPO,
        env={os.fsencode(k): os.fsencode(v) for k, v in environment.items()},
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def assert_one_line_refusal(result, says: str) -> None:  # type: ignore[no-untyped-def]
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0, stderr
    assert "Traceback" not in stderr, stderr
    assert says in stderr.strip().splitlines()[-1], stderr


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        ((b"al\xffice", "--password", "correct-horse-1"), b"", "username:"),
        (("alice", "--password", b"correct-\xffhorse"), b"", "password:"),
        (("alice",), b"correct-\xffhorse\n", "password:"),
        (("alice",), b"correct-\x00horse\n", "password: must not contain NUL"),
    ],
    ids=["username-not-utf8", "password-not-utf8", "piped-not-utf8", "piped-nul"],
)
def test_users_create_refuses_unstorable_text_in_one_line(tmp_path, args, stdin, says):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert_one_line_refusal(mljudge(url, "users", "create", *args, stdin=stdin), says)
    if (tmp_path / "cli.db").exists():
        engine = make_engine(url)
        with transaction(make_sessionmaker(engine)) as session:
            assert session.scalar(select(func.count()).select_from(User)) == 0
        engine.dispose()


def test_submit_with_a_user_name_that_is_not_utf8_is_one_line(tmp_path):
    solution = tmp_path / "solution.py"
    solution.write_text("print(input())\n")
    result = mljudge(
        f"sqlite:///{tmp_path / 'unused.db'}",
        "submit",
        "echo",
        str(solution),
        "--user",
        b"bo\xffb",
        "--server",
        "http://127.0.0.1:9",  # never reached: the name is refused first
        MLJUDGE_PASSWORD=b"pass\xffword",
    )
    assert_one_line_refusal(result, "not UTF-8 text")


def test_a_worker_whose_metrics_port_is_taken_says_so_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = mljudge(
            f"sqlite:///{tmp_path / 'unused.db'}",
            "worker",
            "--metrics-port",
            str(port),
            MLJUDGE_BROKER_URL="redis://127.0.0.1:6379/0",
            MLJUDGE_SECRET_KEY="0123456789abcdef" * 4,
        )
    assert_one_line_refusal(result, f"--metrics-port {port}: Address already in use")
