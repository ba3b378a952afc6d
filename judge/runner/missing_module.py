"""A test that ended on `ModuleNotFoundError`: say that the judge's runtime lacks the module.

An author whose solution imports a package the sandbox does not have would otherwise see only
"exit code 1" and a traceback; a student gets the same message, which tells both what to use.
"""

from __future__ import annotations

import re

# Python's last traceback line; only the last line counts, so a handled import failure earlier
# in the output does not explain a later, different error.
NO_MODULE = re.compile(r"ModuleNotFoundError: No module named '([^']+)'")


def missing_module(stderr_tail: str) -> str | None:
    """The module named by the exception the program died of, or None."""
    lines = stderr_tail.rstrip().splitlines()
    found = NO_MODULE.fullmatch(lines[-1].strip()) if lines else None
    return found.group(1) if found else None


def explain(module: str, runtime: str) -> str:
    """Two lines: the module first, as `mljudge judge` and `problems check` show a message's
    first line; then what a submission can import instead."""
    return (
        f"実行環境にモジュール '{module}' はありません / the judge's runtime has no module "
        f"'{module}'\n"
        f"提出 (作問者の解答も学生の提出も同じ) が import できるもの / what a submission (yours or "
        f"a student's alike) can import: {runtime} (see /runtime)"
    )
