"""The child process that runs a problem's checker.py for judge.checkers.custom.

Usage: python -I -B -X utf8 custom_host.py CHECKER_PATH FILES_DIR

Stand-alone on purpose: it imports nothing from `judge`, so it runs by file path under `python -I`
and the checker sees the standard library, the installed packages and its own folder, nothing else.

Protocol, one JSON object per line:
    host → judge, once:      {"ready": true}  or  {"error": str, "detail": str} and exit
    judge → host, per test:  {"input": str, "output": str, "answer": str}
    host → judge, per test:  {"score": float, "message": str}  or  {"error": str, "detail": str}
"error" is a short reason fit for a verdict message; "detail" (a traceback) is for the judge's log.
The host exits when its stdin closes.
"""

from __future__ import annotations

import importlib.util
import json
import numbers
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TextIO

REASON_LIMIT = 300
DETAIL_LIMIT = 4000


def _take_stdio() -> tuple[BinaryIO, TextIO]:
    """Keep private copies of stdin/stdout for the protocol and point fds 0/1 elsewhere.

    Whatever the checker prints (print, os.write(1, ...), a C extension, a subprocess) lands on
    stderr instead of corrupting a reply, and reading stdin cannot swallow the next request.
    """
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")
    sys.stdout = sys.stderr
    return requests, replies


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _failure(reason: str) -> dict[str, str]:
    return {"error": _clip(reason, REASON_LIMIT), "detail": traceback.format_exc()[-DETAIL_LIMIT:]}


def _load_check(path: Path) -> Callable[..., Any]:
    sys.path.insert(0, str(path.parent))  # so helpers beside checker.py can be imported
    spec = importlib.util.spec_from_file_location("checker", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["checker"] = module
    spec.loader.exec_module(module)
    check = getattr(module, "check", None)
    if not callable(check):
        raise AttributeError("checker.py defines no function check(input, output, answer, files)")
    return check


def _describe(value: object) -> str:
    return f"{type(value).__name__} {_clip(repr(value), 60)}"


def _result(returned: object) -> dict[str, Any]:
    """Check the shape here, where the Python types are known; the judge checks the values."""
    if not (isinstance(returned, tuple) and len(returned) == 2):
        return {"error": f"check() returned {_describe(returned)}, not a tuple (score, message)"}
    score, message = returned
    if isinstance(score, bool) or not isinstance(score, numbers.Real):
        return {"error": f"check() returned score {_describe(score)}, not a float in [0, 1]"}
    if not isinstance(message, str):
        return {"error": f"check() returned message {_describe(message)}, not a str"}
    return {"score": float(score), "message": message}


def _answer(check: Callable[..., Any], line: bytes, files: Path) -> dict[str, Any]:
    try:
        request = json.loads(line)
        args = (request["input"], request["output"], request["answer"])
    except (ValueError, KeyError, TypeError):
        return _failure("checker host received a malformed request")
    try:
        returned = check(*args, files)
    except BaseException as exc:  # noqa: BLE001 -- SystemExit too: one bad call must not end the host
        return _failure(f"check() raised {type(exc).__name__}: {exc}")
    return _result(returned)


def _send(replies: TextIO, reply: dict[str, Any]) -> None:
    replies.write(json.dumps(reply) + "\n")
    replies.flush()


def main(argv: list[str]) -> int:
    requests, replies = _take_stdio()
    if len(argv) != 3:
        _send(replies, {"error": "usage: custom_host.py CHECKER_PATH FILES_DIR", "detail": ""})
        return 2
    checker_path, files = Path(argv[1]), Path(argv[2])
    try:
        check = _load_check(checker_path)
    except BaseException as exc:  # noqa: BLE001 -- a SyntaxError or sys.exit() at import is the checker's fault too
        _send(replies, _failure(f"cannot load checker.py: {type(exc).__name__}: {exc}"))
        return 1
    _send(replies, {"ready": True})
    for line in requests:
        _send(replies, _answer(check, line, files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
