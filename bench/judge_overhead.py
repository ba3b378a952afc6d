"""Per-test overhead of the warm sandbox against a cold interpreter per test, side by side.

    .venv/bin/python bench/judge_overhead.py [--tests 60] [--cold-tests 12] [--concurrent 8]

Warm: a trivial correct solution judged through the real pipeline (zygote fork, every isolation
layer, checker) on a generated problem with many tests. Cold: the same tests, each in a fresh
`python` that imports torch first, which is what a container- or process-per-test judge pays.
Memory: tests held open concurrently; the marginal cost of one more is the memory its cgroup
charged (pages it touched beyond the shared, preloaded runtime), and MemAvailable's drop.
Function mode: the same derivative as a function judged in function mode (arguments in, return
value out as JSON + .npy, compared in the judge), against calling it in this interpreter.
Targets (2-core machine): warm overhead <= 30 ms/test, >= 50x faster than cold, <= 50 MiB/test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from judge.pipeline import judge_report
from judge.problemset import Limits, load_problem
from judge.runner import RunRequest
from judge.runner.sandbox import SandboxRunner

SOLUTION = "import torch\nx = torch.tensor(float(input()), requires_grad=True)\n(x * x).backward()\nprint(x.grad.item())\n"


def make_problem(root: Path, tests: int) -> Path:
    folder = root / "bench-many-tests"
    (folder / "tests").mkdir(parents=True)
    (folder / "problem.yaml").write_text(
        "id: bench-many-tests\ntitle: Bench\nsection: 3\nchecker: {type: float, abs_tol: 1.0e-4, rel_tol: 1.0e-4}\n"
    )
    (folder / "statement.md").write_text("Print the derivative of x² at x.\n")
    (folder / "solution.py").write_text(SOLUTION)
    for i in range(tests):
        (folder / "tests" / f"{i}.in").write_text(f"{i / 7:.6f}\n")
        (folder / "tests" / f"{i}.ans").write_text(f"{2 * i / 7:.6f}\n")
    return folder


FUNCTION = "import torch\n\ndef grad_at(x):\n    (x * x).sum().backward()\n    return x.grad\n"


def make_function_problem(root: Path, tests: int) -> Path:
    folder = root / "bench-function"
    (folder / "tests").mkdir(parents=True)
    signature = "def grad_at(x: torch.Tensor) -> torch.Tensor"
    (folder / "problem.yaml").write_text(
        "id: bench-function\ntitle: Bench\nsection: 3\nmode: function\n"
        f'function: {{name: grad_at, signature: "{signature}"}}\nrequires: autograd\n'
    )
    (folder / "statement.md").write_text(f"`{signature}`\n")
    (folder / "solution.py").write_text(FUNCTION)
    for i in range(tests):
        x = [i / 7, -i / 3, 1.0]
        call = {"args": [{"tensor": x, "dtype": "float64", "requires_grad": True}]}
        answer = {"tensor": [2 * v for v in x], "dtype": "float64"}
        (folder / "tests" / f"{i}.in").write_text(json.dumps(call))
        (folder / "tests" / f"{i}.ans").write_text(json.dumps(answer))
    return folder


def bench_function_mode(runner: SandboxRunner, folder: Path) -> tuple[float, float]:
    """(ms per test judged end to end, ms per call of the same function in this interpreter)."""
    import torch

    warm_ms, _user_ms = bench_warm(runner, folder, FUNCTION)
    namespace: dict = {}
    exec(compile(FUNCTION, "solution.py", "exec"), namespace)
    started = time.perf_counter()
    for i in range(100):
        x = torch.tensor([i / 7, -i / 3, 1.0], dtype=torch.float64, requires_grad=True)
        namespace["grad_at"](x)
    return warm_ms, (time.perf_counter() - started) / 100 * 1000


def bench_warm(runner: SandboxRunner, folder: Path, source: str = SOLUTION) -> tuple[float, float]:
    problem = load_problem(folder)
    judge_report(problem, source, runner)  # first use pays page faults once
    started = time.perf_counter()
    report = judge_report(problem, source, runner)
    elapsed = time.perf_counter() - started
    assert report.verdict.value == "AC", report
    user_ms = statistics.mean(case.time_ms for case in report.tests)
    return elapsed / len(report.tests) * 1000, user_ms


def bench_in_process(folder: Path, tests: int) -> float:
    """The solution's own cost, run in this already-warm interpreter: what no judge can avoid."""
    import contextlib
    import io

    import torch  # noqa: F401 - warm, as the zygote is

    code = compile(SOLUTION, "solution.py", "exec")
    started = time.perf_counter()
    for i in range(tests):
        stdin = io.StringIO((folder / "tests" / f"{i}.in").read_text())
        with contextlib.redirect_stdout(io.StringIO()):
            sys.stdin = stdin
            exec(code, {"__name__": "__main__"})
    sys.stdin = sys.__stdin__
    return (time.perf_counter() - started) / tests * 1000


def bench_cold(folder: Path, tests: int) -> float:
    times = []
    for i in range(tests):
        stdin = (folder / "tests" / f"{i}.in").read_bytes()
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", SOLUTION], input=stdin, capture_output=True, check=True
        )
        times.append(time.perf_counter() - started)
        assert abs(float(out.stdout) - float((folder / "tests" / f"{i}.ans").read_text())) < 1e-5
    return statistics.mean(times) * 1000


def mem_available_kb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    raise RuntimeError("no MemAvailable in /proc/meminfo")


def bench_memory(runner: SandboxRunner, concurrent: int) -> tuple[float, float]:
    """Hold `concurrent` tests that used torch open at once; return (cgroup MiB, MemAvailable MiB) per test."""
    hold = "import torch, time\nx = torch.randn(64, 64, requires_grad=True)\n(x @ x).sum().backward()\nprint(x.grad.sum().item())\ntime.sleep(1.5)\n"
    limits = Limits(time_ms=2000, wall_ms=6000, memory_mb=256)
    results = []
    before = mem_available_kb()
    low = [before]

    def one() -> None:
        results.append(runner.run(RunRequest(source=hold, limits=limits)))

    threads = [threading.Thread(target=one) for _ in range(concurrent)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        low.append(mem_available_kb())
        time.sleep(0.05)
    assert all(r.status.value == "OK" for r in results), results
    cgroup_mib = statistics.mean(r.memory_kb for r in results) / 1024
    host_mib = (before - min(low)) / 1024 / concurrent
    return cgroup_mib, host_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=60)
    parser.add_argument("--cold-tests", type=int, default=12)
    parser.add_argument("--concurrent", type=int, default=8)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxRunner.start(max_concurrency=args.concurrent) as runner,
    ):
        folder = make_problem(Path(tmp), args.tests)
        warm_ms, user_ms = bench_warm(runner, folder)
        own_ms = bench_in_process(folder, args.tests)
        cold_ms = bench_cold(folder, min(args.cold_tests, args.tests))
        cgroup_mib, host_mib = bench_memory(runner, args.concurrent)
        function_folder = make_function_problem(Path(tmp), args.tests)
        function_ms, function_own_ms = bench_function_mode(runner, function_folder)
    cold_tests = min(args.cold_tests, args.tests)
    print(
        f"solution alone: {own_ms:7.1f} ms per test (in an already-warm interpreter, no isolation)"
    )
    print(
        f"warm sandbox:   {warm_ms:7.1f} ms per test ({args.tests} tests judged end to end; "
        f"{user_ms:.1f} ms CPU charged inside the test's cgroup)"
    )
    print(f"  overhead:     {warm_ms - own_ms:7.1f} ms per test (target <= 30 ms)")
    print(
        f"cold python:    {cold_ms:7.1f} ms per test ({cold_tests} tests, fresh interpreter + import torch)"
    )
    print(f"  overhead:     {cold_ms - own_ms:7.1f} ms per test")
    print(
        f"speed-up:       {(cold_ms - own_ms) / (warm_ms - own_ms):7.1f}x overhead, "
        f"{cold_ms / warm_ms:.1f}x end to end (target >= 50x)"
    )
    print(
        f"function mode:  {function_ms:7.1f} ms per test ({args.tests} tests, requires: autograd; "
        f"the call alone {function_own_ms:.2f} ms), overhead {function_ms - function_own_ms:.1f} ms"
    )
    print(
        f"memory/test:    {cgroup_mib:7.1f} MiB charged to the test's cgroup, "
        f"{host_mib:.1f} MiB of MemAvailable, with {args.concurrent} tests at once (target <= 50 MiB)"
    )


if __name__ == "__main__":
    main()
