"""Log lines as text or JSON, with the submission and attempt a judge is working on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_LOG = """
import logging, sys, threading
from app import logs
logs.configure(sys.argv[1])
log = logging.getLogger("app.submissions.judging")
log.info("before")
with logs.about(7, 2):
    log.info("judging %s", "echo")
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("internal error")
    # Another thread is not judging this submission unless it says so.
    other = threading.Thread(target=log.warning, args=("elsewhere",))
    other.start()
    other.join()
logging.getLogger("some.library").info("chatter")
logging.getLogger("uvicorn.error").info("uvicorn running")
"""


def _lines(log_format: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOG, log_format], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == "", done.stderr
    return done.stderr.splitlines()


def test_json_logs_are_one_object_per_event_with_the_submission_and_attempt() -> None:
    events = [json.loads(line) for line in _lines("json")]  # every line is one JSON event
    uvicorn = events.pop()
    assert (uvicorn["logger"], uvicorn["message"]) == ("uvicorn.error", "uvicorn running")
    assert [e["message"] for e in events] == [
        "before",
        "judging echo",
        "internal error",
        "elsewhere",
    ]
    assert {e["logger"] for e in events} == {"app.submissions.judging"}
    assert [(e.get("submission_id"), e.get("attempt")) for e in events] == [
        (None, None),
        (7, 2),
        (7, 2),
        (None, None),
    ]
    assert events[2]["level"] == "ERROR" and "ZeroDivisionError" in events[2]["exc_info"]
    assert all(e["time"] for e in events)


def test_text_logs_name_the_submission_at_the_end_of_the_line() -> None:
    lines = _lines("text")
    assert lines[0] == "INFO app.submissions.judging: before"
    assert lines[1] == "INFO app.submissions.judging: judging echo [submission 7 attempt 2]"
    assert "chatter" not in "\n".join(lines)
    assert lines[-1] == "INFO uvicorn.error: uvicorn running"  # once: uvicorn's handlers are gone


def test_an_unknown_log_format_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pydantic import ValidationError

    from app.settings import Settings

    monkeypatch.setenv("MLJUDGE_LOG_FORMAT", "xml")
    with pytest.raises(ValidationError, match="log_format"):
        Settings()
