"""Per-test overhead of this tree's judge against an earlier revision's, side by side in one run.

Each round runs the two trees' own `bench/judge_overhead.py` one after the other (the order
alternating), on the same interpreter and machine, and reads the warm sandbox's wall time and
the CPU charged inside the test's cgroup from what each prints. Then, with `--cli-tests N`,
each tree's `mljudge judge` on an N-test package against a 1-test one (issue 10's figure: the
difference per test, end to end), alternating too. The earlier tree is exported with
`git archive` into a temporary folder, so the checkout is left alone.

    .venv/bin/python bench/against_revision.py d88a4ed --rounds 4 [--cli-tests 201]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
WALL = re.compile(r"warm sandbox:\s+([\d.]+) ms per test")
# this tree: "CPU: 8.2 ms per test (6.4 in the test's cgroup, ...)"; earlier ones: "(... tests
# judged end to end; 6.6 ms CPU charged inside the test's cgroup)"
CGROUP_CPU = re.compile(r"([\d.]+)(?: ms CPU charged inside| in) the test's cgroup")


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(HERE), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def interpreter_for(tree: Path, workdir: Path) -> str:
    """A Python that imports `tree`'s code, even as the zygote does (`python -I`, which ignores
    PYTHONPATH and would find this checkout through the editable install): a copy of this venv
    made of hard links (the sandbox binds the interpreter's own prefix, so the packages must be
    inside it), without the editable install, with `tree` on its path instead."""
    if tree == HERE:
        return sys.executable
    workdir.mkdir(parents=True, exist_ok=True)
    venv = workdir / "venv"
    subprocess.run(["cp", "-al", sys.prefix, str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    for editable in site.glob("__editable__*mljudge*"):
        editable.unlink()
    (site / "0-tree.pth").write_text(f"{tree}\n")
    return str(venv / "bin" / "python")


def measure(tree: Path, tests: int, python: str = sys.executable) -> tuple[float, float]:
    """(wall ms, in-cgroup CPU ms) per test of the warm sandbox, as `tree`'s bench prints them."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    extra = ["--rounds", "1", "--compare", "none", "--cli-rounds", "0"] if tree == HERE else []
    done = subprocess.run(
        [
            python,
            "bench/judge_overhead.py",
            "--tests",
            str(tests),
            "--cold-tests",
            "1",
            *extra,
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = WALL.search(done.stdout), CGROUP_CPU.search(done.stdout)
    assert wall and cpu, done.stdout
    return float(wall.group(1)), float(cpu.group(1))


def cli_seconds(tree: Path, folder: Path, python: str) -> float:
    """Wall seconds of `tree`'s `mljudge judge` on the package, the runner's start included."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [python, "-c", "import sys; from app.cli import main; sys.exit(main())"]
    started = time.perf_counter()
    problem = ["--problems", str(folder.parent), folder.name, str(folder / "solution.py")]
    done = subprocess.run(
        [*command, "judge", *problem, "--json"],
        cwd=tree,
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    assert json.loads(done.stdout)["verdict"] == "AC", done.stdout
    return elapsed


def imports_from(tree: Path, python: str) -> Path:
    """Where `python -I` (as the zygote runs) imports judge from, in `tree`."""
    out = subprocess.run(
        [python, "-I", "-c", "import judge; print(judge.__file__)"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return Path(out).parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the earlier revision, e.g. d88a4ed")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--tests", type=int, default=60)
    parser.add_argument(
        "--cli-tests", type=int, default=0, help="mljudge judge on a package of so many tests"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        earlier = export(args.revision, Path(tmp) / "tree")
        trees = {args.revision: earlier, "this tree": HERE}
        pythons = {label: interpreter_for(tree, Path(tmp)) for label, tree in trees.items()}
        for label, tree in trees.items():
            # An editable install must not shadow the tree under test, in the zygote either.
            found = imports_from(tree, pythons[label])
            assert found == tree, f"{label}: judge imported from {found}"
        figures: dict[str, list[tuple[float, float]]] = {label: [] for label in trees}
        for round_ in range(args.rounds):
            order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
            for label in order:
                figures[label].append(measure(trees[label], args.tests, pythons[label]))
        cli: dict[str, list[float]] = {label: [] for label in trees}
        if args.cli_tests > 1:
            sys.path.insert(0, str(HERE / "bench"))
            from judge_overhead import make_problem

            many = make_problem(Path(tmp) / "cli-many", args.cli_tests)
            one = make_problem(Path(tmp) / "cli-one", 1)
            for round_ in range(args.rounds):
                order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
                for label in order:
                    python = pythons[label]
                    extra_s = cli_seconds(trees[label], many, python) - cli_seconds(
                        trees[label], one, python
                    )
                    cli[label].append(extra_s / (args.cli_tests - 1) * 1000)
    for label, rows in figures.items():
        walls = sorted(wall for wall, _cpu in rows)
        cpus = [cpu for _wall, cpu in rows]
        print(
            f"{label:>12}: {statistics.median(walls):6.1f} ms wall per test "
            f"(rounds {walls[0]:.1f}-{walls[-1]:.1f}), "
            f"{statistics.median(cpus):5.1f} ms CPU in the test's cgroup"
        )
    (old_wall, old_cpu), (new_wall, new_cpu) = (
        (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
        for rows in figures.values()
    )
    print(
        f"this tree minus {args.revision}: {new_wall - old_wall:+.1f} ms wall, "
        f"{new_cpu - old_cpu:+.1f} ms CPU in the test's cgroup per test (budget +2 ms)"
    )
    for label, per_test in cli.items():
        if per_test:
            print(
                f"{label:>12}: mljudge judge {statistics.median(per_test):6.1f} ms per test "
                f"({args.cli_tests}-test package against a 1-test one; rounds "
                f"{', '.join(f'{ms:.1f}' for ms in per_test)}; target <= 10 ms)"
            )


if __name__ == "__main__":
    main()
