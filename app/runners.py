"""The judge's runner as the service holds it: built on first use, once, and closed at shutdown."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from app.metrics import judging as judge_metrics
from judge.runner import Runner, RunRequest, RunResult, RunStatus, parallel_tests

RunnerFactory = Callable[[], Runner]


def import_factory(path: str) -> RunnerFactory:
    """`package.module:Name.attr` → that callable (settings name the runner this way)."""
    module_name, _, attribute = path.partition(":")
    if not attribute:
        raise ValueError(f"runner {path!r} must look like 'package.module:callable'")
    target: object = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    if not callable(target):
        raise ValueError(f"runner {path!r} is not callable")
    return target


class RunnerHolder:
    def __init__(self, factory: RunnerFactory):
        self._factory = factory
        self._runner: Runner | None = None
        self._lock = threading.Lock()

    def get(self) -> Runner:
        with self._lock:
            if self._runner is None:
                self._runner = self._factory()
            return self._runner

    def close(self) -> None:
        with self._lock:
            close = getattr(self._runner, "close", None)
            if close is not None:
                close()
            self._runner = None


class CountedRunner:
    """`runner`, with the tests it could not run counted apart from the checkers' failures."""

    def __init__(self, runner: Runner):
        self._runner = runner

    def run(self, request: RunRequest) -> RunResult:
        result = self._runner.run(request)
        if result.status is RunStatus.IE:
            judge_metrics.sandbox_failures.inc()
        return result

    @property
    def parallel_tests(self) -> int:
        # The wrapped runner's: hidden, every submission's tests would run one at a time.
        return parallel_tests(self._runner)
