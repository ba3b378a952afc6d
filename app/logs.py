"""Log lines for people (text, the default) or for a log collector (`MLJUDGE_LOG_FORMAT=json`:
one JSON object per line and event), on standard error.

A line written while a judge works on a submission carries its `submission_id` and `attempt`
as fields of their own (in text too, at the end), so every line of one judging can be found,
whichever thread or process wrote it: the judge sets them for its thread with `about`.
"""

from __future__ import annotations

import logging
import logging.config
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal

LogFormat = Literal["text", "json"]

_judging: ContextVar[tuple[int, int] | None] = ContextVar("mljudge_judging", default=None)

# Our own progress and the migrations applied are worth a line; library chatter is not.
INFO_LOGGERS = ("app", "judge", "alembic.runtime.migration", "uvicorn", "celery")


@contextmanager
def about(submission_id: int, attempt: int) -> Iterator[None]:
    """Lines logged in this thread meanwhile are about this judging attempt."""
    token = _judging.set((submission_id, attempt))
    try:
        yield
    finally:
        _judging.reset(token)


class SubmissionFields(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        current = _judging.get()
        if current is not None and not hasattr(record, "submission_id"):
            record.submission_id, record.attempt = current
        return True


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        submission_id = getattr(record, "submission_id", None)
        if submission_id is not None:
            line += f" [submission {submission_id} attempt {getattr(record, 'attempt', '?')}]"
        return line


def config(log_format: LogFormat) -> dict[str, Any]:
    """A `logging.config.dictConfig` (uvicorn's `log_config` takes the same)."""
    formatter: dict[str, Any] = {
        "()": f"{__name__}.TextFormatter",
        "format": "%(levelname)s %(name)s: %(message)s",
    }
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"submission": {"()": f"{__name__}.SubmissionFields"}},
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["submission"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "WARNING", "handlers": ["default"]},
        # Listed with no handlers of their own: uvicorn's would otherwise keep the handlers (and
        # formats) its default configuration gave them, and write each line twice.
        "loggers": {
            name: {"level": "INFO", "handlers": [], "propagate": True}
            for name in (*INFO_LOGGERS, "uvicorn.error", "uvicorn.access")
        },
    }


def configure(log_format: LogFormat) -> None:
    logging.config.dictConfig(config(log_format))
    # Python's warnings (Celery's about running as root, deprecations) are events too.
    logging.captureWarnings(True)
