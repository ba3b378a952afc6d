"""Per-test overhead of the warm sandbox against a cold interpreter per test, side by side.

    .venv/bin/python bench/judge_overhead.py [--tests 60] [--cold-tests 12] [--concurrent 8]
        [--cli-tests 201] [--cli-rounds 3]

Warm: a trivial correct solution judged through the real pipeline (zygote fork, every isolation
layer, checker) on a generated problem with many tests. Cold: the same tests, each in a fresh
`python` that imports torch first, which is what a container- or process-per-test judge pays.
Both measured for the runtime's PRELOAD and, beside it with rounds interleaved (the machine is
shared, so one-off runs differ by more than what is compared), for the `--compare` preload list.
Memory: tests held open concurrently; the marginal cost of one more is the memory its cgroup
charged (pages it touched beyond the shared, preloaded runtime), and MemAvailable's drop.
Function mode: the same derivative as a function judged in function mode (arguments in, return
value out as JSON + .npy, compared in the judge), against calling it in this interpreter.
Zygote: how long the runner takes to start (the zygote importing and warming the preloaded
runtime) and the zygote's resident memory, which every test shares copy-on-write.
Waiting children: the memory charged to each child kept confined and waiting for a test.
CLI: `mljudge judge` on a --cli-tests package against a 1-test one, the difference per test
(the judge's whole cost of one more test, end to end, as issue 10 measured it).
Targets (2-core machine): overhead <= 10 ms per test end to end, >= 200x faster than cold,
<= 50 MiB per test, <= 2.4 MiB charged per waiting child.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from judge.pipeline import judge_report
from judge.problemset import load_problem
from judge.runner import RunRequest
from judge.runner.sandbox import SandboxRunner, Zygote
from judge.runtime import PRELOAD, preload_for
from judge.spec import Limits

OVERHEAD_TARGET_MS = 10.0
SPEED_UP_TARGET = 200
WAITING_TARGET_MIB = 2.4

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

    problem = load_problem(folder)
    judge_report(problem, FUNCTION, runner)  # first use pays page faults once
    started = time.perf_counter()
    report = judge_report(problem, FUNCTION, runner)
    warm_ms = (time.perf_counter() - started) / len(report.tests) * 1000
    assert report.verdict.value == "AC", report
    namespace: dict = {}
    exec(compile(FUNCTION, "solution.py", "exec"), namespace)
    started = time.perf_counter()
    for i in range(100):
        x = torch.tensor([i / 7, -i / 3, 1.0], dtype=torch.float64, requires_grad=True)
        namespace["grad_at"](x)
    return warm_ms, (time.perf_counter() - started) / 100 * 1000


def process_cpu_ms(pid: int) -> float:
    """User + system CPU of one process so far (its own, not its reaped children's)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def groups_cpu_ms(runner: SandboxRunner) -> float:
    """CPU charged to every test group of the runner so far (waiting and confining included:
    a parent group's usage counts its removed children's)."""
    groups = runner._cgroups
    if groups.v2:
        for line in (groups.parents["cpu"] / "cpu.stat").read_text().splitlines():
            if line.startswith("usage_usec"):
                return int(line.split()[1]) / 1000
        return 0.0
    return int((groups.parents["cpuacct"] / "cpuacct.usage").read_text()) / 1e6


def warm_per_test(runner: SandboxRunner, problem) -> tuple[float, float, float, float, float]:
    """Per test judged end to end: (wall ms, CPU ms the test itself was charged, CPU ms of all
    test groups with confining and waiting, the zygote's own CPU ms forking and reaping, this
    process's CPU ms: hand-over, watching, checking). CPU, unlike wall time, hardly changes
    when other work shares the machine."""
    zygote_pid = runner._zygotes[PRELOAD].process.pid
    zygote_before = process_cpu_ms(zygote_pid)
    groups_before, judge_before = groups_cpu_ms(runner), time.process_time()
    started = time.perf_counter()
    report = judge_report(problem, SOLUTION, runner)
    elapsed = time.perf_counter() - started
    runner.settle()  # the children forked for the next tests belong to these ones
    tests = len(report.tests)
    zygote_ms = (process_cpu_ms(zygote_pid) - zygote_before) / tests
    groups_ms = (groups_cpu_ms(runner) - groups_before) / tests
    judge_ms = (time.process_time() - judge_before) * 1000 / tests
    assert report.verdict.value == "AC", report
    test_ms = statistics.mean(case.time_ms for case in report.tests)
    return elapsed / tests * 1000, test_ms, groups_ms, zygote_ms, judge_ms


def waiting_child_mib(runner: SandboxRunner) -> float:
    """Memory charged to each child waiting confined for a test (mean over those waiting)."""
    runner.settle()
    time.sleep(0.5)  # the last forked finish confining
    charged = []
    for child in runner.waiting():
        memory = child.group.dirs["memory"]
        name = "memory.current" if child.group.v2 else "memory.usage_in_bytes"
        charged.append(int((memory / name).read_text()) / (1 << 20))
    assert charged, "no child waits"
    return statistics.mean(charged)


def cli_seconds(folder: Path) -> float:
    """Wall seconds of `mljudge judge` on the package (the runner's start included)."""
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("mljudge")),
            "judge",
            "--problems",
            str(folder.parent),
            folder.name,
            str(folder / "solution.py"),
            "--json",
        ],
        check=False,  # a failure shows in the assertion below, with its output
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    assert json.loads(done.stdout)["verdict"] == "AC", done.stdout + done.stderr
    return elapsed


def bench_cli(root: Path, tests: int, rounds: int) -> tuple[float, list[float]]:
    """(median ms per test, each round's) of `mljudge judge`: a `tests`-test package against a
    1-test one, alternating, the difference divided by the extra tests."""
    many = make_problem(root / "cli-many", tests)
    one = make_problem(root / "cli-one", 1)
    per_test = []
    for _ in range(rounds):
        many_s, one_s = cli_seconds(many), cli_seconds(one)
        per_test.append((many_s - one_s) / (tests - 1) * 1000)
    return statistics.median(per_test), per_test


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


def zygote_memory_mib(pid: int) -> tuple[float, float]:
    """(resident, anonymous) MiB of the zygote: the shared runtime every test forks from."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return fields["Rss"] / 1024, fields["Anonymous"] / 1024


# Tests whose first use of a library is costly unless the zygote preloaded it: (source, what).
FIRST_USE_PROBES = {
    "pandas+sklearn test": (
        (
            "import pandas, numpy\nfrom sklearn.linear_model import LinearRegression\n"
            "x = numpy.arange(8.0).reshape(-1, 1)\n"
            "print(LinearRegression().fit(x, 2 * x.ravel()).coef_[0])\n"
        ),
        "import pandas and sklearn.linear_model, fit one LinearRegression",
    ),
    "torch.optim test": (
        (
            "import torch\nmodel = torch.nn.Linear(4, 1)\n"
            "optimizer = torch.optim.Adam(model.parameters(), lr=0.1)\nx = torch.ones(8, 4)\n"
            "for _ in range(10):\n    optimizer.zero_grad()\n"
            "    model(x).pow(2).mean().backward()\n    optimizer.step()\nprint(model.bias.item())\n"
        ),
        "ten Adam steps on one nn.Linear",
    ),
}


def first_use_cost(runner: SandboxRunner, source: str) -> tuple[int, float]:
    """(CPU ms, cgroup MiB) of one test running `source`, judged as a test of a problem whose
    solution it is (so by the zygote that preloads what it imports of runtime.ON_DEMAND)."""
    limits = Limits(time_ms=10000, wall_ms=20000, memory_mb=256)
    request = RunRequest(source=source, limits=limits, preload=preload_for([source]))
    result = runner.run(request)
    assert result.status.value == "OK", result
    return result.time_ms, result.memory_kb / 1024


def start_runner(concurrent: int, preload: tuple[str, ...] | None) -> tuple[SandboxRunner, float]:
    """A runner whose zygote for the bench problem (PRELOAD's) preloads `preload` instead (None:
    PRELOAD itself); its start-up in s.

    The first zygote only warms the page cache, so both lists are timed from warm files."""
    runner = SandboxRunner.start(max_concurrency=concurrent)
    runner._zygotes[PRELOAD].close()
    started = time.perf_counter()
    runner._zygotes[PRELOAD] = Zygote(PRELOAD if preload is None else preload)
    return runner, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=60)
    parser.add_argument("--cold-tests", type=int, default=12)
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5, help="warm rounds, alternating runtimes")
    parser.add_argument("--cli-tests", type=int, default=201, help="tests of the CLI's package")
    parser.add_argument("--cli-rounds", type=int, default=3, help="0 skips the CLI figure")
    parser.add_argument(
        "--compare",
        default="numpy,torch,torch.optim,pandas",
        help="a preload list measured beside PRELOAD, rounds interleaved ('' preloads nothing; "
        "'none' skips the comparison); default: PRELOAD with pandas, what every test's zygote "
        "preloaded until pandas became on demand (the zygote of the problems that use it)",
    )
    args = parser.parse_args()
    lists: dict[str, tuple[str, ...] | None] = {"PRELOAD": None}
    if args.compare != "none":
        lists[f"--compare {args.compare!r}"] = tuple(filter(None, args.compare.split(",")))
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        problem = load_problem(make_problem(Path(tmp), args.tests))
        runners, start_s, zygote_mib = {}, {}, {}
        for label, preload in lists.items():
            runners[label], start_s[label] = start_runner(args.concurrent, preload)
            stack.enter_context(runners[label])
            zygote_mib[label] = zygote_memory_mib(runners[label]._zygotes[PRELOAD].process.pid)
            judge_report(problem, SOLUTION, runners[label])  # first use pays page faults once
        warm: dict[str, list[tuple[float, float, float, float, float]]] = {
            label: [] for label in lists
        }
        for _ in range(args.rounds):
            for label in lists:
                warm[label].append(warm_per_test(runners[label], problem))
        waiting_mib = {label: waiting_child_mib(runners[label]) for label in lists}
        memory = {label: bench_memory(runners[label], args.concurrent) for label in lists}
        first_use = {
            label: {
                name: first_use_cost(runners[label], source)
                for name, (source, _what) in FIRST_USE_PROBES.items()
            }
            for label in lists
        }
        function_ms, function_own_ms = bench_function_mode(
            runners["PRELOAD"], make_function_problem(Path(tmp), args.tests)
        )
        own_ms = bench_in_process(problem.root, args.tests)
        cold_tests = min(args.cold_tests, args.tests)
        cold_ms = bench_cold(problem.root, cold_tests)
        cli = bench_cli(Path(tmp), args.cli_tests, args.cli_rounds) if args.cli_rounds else None
    print(
        f"solution alone: {own_ms:7.1f} ms per test (in an already-warm interpreter, no isolation)"
    )
    overhead, cpu = {}, {}
    for label, preload in lists.items():
        names = ",".join(PRELOAD if preload is None else preload) or "nothing"
        walls = sorted(row[0] for row in warm[label])
        wall_ms = statistics.median(walls)
        overhead[label] = wall_ms - own_ms
        rss, anon = zygote_mib[label]
        cgroup_mib, host_mib = memory[label]
        print(f"\n{label}: the zygote preloads {names}")
        print(
            f"  zygote:       {start_s[label]:7.2f} s to start, {rss:.0f} MiB resident "
            f"({anon:.0f} MiB anonymous), shared by every test"
        )
        test_cpu, groups_cpu, zygote_cpu, judge_cpu = (
            statistics.median(row[column] for row in warm[label]) for column in (1, 2, 3, 4)
        )
        cpu[label] = groups_cpu + zygote_cpu + judge_cpu
        print(
            f"  warm sandbox: {wall_ms:7.1f} ms per test (median of {args.rounds} rounds of "
            f"{args.tests} tests, {walls[0]:.1f}-{walls[-1]:.1f}; up to "
            f"{runners[label].parallel_tests} tests of the submission at once)"
        )
        print(
            f"  CPU:          {cpu[label]:7.1f} ms per test ({groups_cpu:.1f} in the test's cgroup "
            f"with confining, of which {test_cpu:.1f} the test's own time; {zygote_cpu:.1f} in "
            f"the zygote forking and reaping it; {judge_cpu:.1f} in the judge handing over, "
            "watching and checking)"
        )
        print(
            f"  overhead:     {overhead[label]:7.1f} ms per test (target <= {OVERHEAD_TARGET_MS:.0f} ms)"
        )
        print(
            f"  memory/test:  {cgroup_mib:7.1f} MiB charged to the test's cgroup, "
            f"{host_mib:.1f} MiB of MemAvailable, with {args.concurrent} tests at once "
            f"(target <= 50 MiB)"
        )
        print(
            f"  waiting:      {waiting_mib[label]:7.1f} MiB charged to each of the "
            f"{runners[label].spares.capacity} children kept confined for the next tests "
            f"(target <= {WAITING_TARGET_MIB} MiB)"
        )
        for name, (_source, what) in FIRST_USE_PROBES.items():
            probe_ms, probe_mib = first_use[label][name]
            print(f"  {name}: {probe_ms} ms CPU, {probe_mib:.1f} MiB charged ({what})")
    print(
        f"\nfunction mode:  {function_ms:7.1f} ms per test ({args.tests} tests, requires: autograd; "
        f"the call alone {function_own_ms:.2f} ms), overhead {function_ms - function_own_ms:.1f} ms"
    )
    default = overhead["PRELOAD"]
    for label in lists:
        if label != "PRELOAD":
            print(
                f"\nPRELOAD minus {label}: {default - overhead[label]:+.1f} ms wall, "
                f"{cpu['PRELOAD'] - cpu[label]:+.1f} ms CPU per test"
            )
    print(
        f"\ncold python:    {cold_ms:7.1f} ms per test ({cold_tests} tests, fresh interpreter + import torch)"
    )
    print(
        f"speed-up:       {(cold_ms - own_ms) / default:7.1f}x overhead against PRELOAD's warm "
        f"sandbox (target >= {SPEED_UP_TARGET}x)"
    )
    if cli is not None:
        cli_ms, rounds = cli
        print(
            f"mljudge judge:  {cli_ms:7.1f} ms per test ({args.cli_tests}-test package against a "
            f"1-test one, rounds {', '.join(f'{ms:.1f}' for ms in rounds)}; target <= "
            f"{OVERHEAD_TARGET_MS:.0f} ms), {cold_ms / cli_ms:.0f}x the cold python "
            f"(target >= {SPEED_UP_TARGET}x)"
        )


if __name__ == "__main__":
    main()
