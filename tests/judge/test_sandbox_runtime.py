"""What a submission can import works inside the real sandbox, within the default limits.

pandas and scikit-learn are what the lecture's solutions use besides torch and numpy; each test
here runs them the way a student would, under seccomp, Landlock, a read-only filesystem and the
default limits (memory_mb 256, processes 16), and judges the output through the pipeline.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from judge.pipeline import judge_report
from judge.problemset import load_problem
from judge.runtime import PRELOAD, preload_for
from judge.spec import Limits
from judge.verdict import Verdict
from tests.judge.sandbox_support import nothing_survives, run  # noqa: F401

DEFAULT_LIMITS = Limits()

ICECREAM_CSV = "年月,アイスクリーム,気温\n2003-01,331,6.1\n2003-02,290,7.2\n2003-08,1237,27.5\n"


def make_problem(root: Path, solution: str, tests: dict[str, tuple[bytes, str]]) -> Path:
    """A package judged with the default limits: `tests` maps a name to (stdin, answer)."""
    folder = root / "runtime-problem"
    (folder / "tests").mkdir(parents=True)
    (folder / "problem.yaml").write_text(
        "id: runtime-problem\ntitle: Runtime\nsection: 1\n"
        "checker: {type: float, abs_tol: 1.0e-6, rel_tol: 1.0e-6}\n"
    )
    (folder / "statement.md").write_text("Uses the runtime's packages.\n")
    (folder / "solution.py").write_text(textwrap.dedent(solution))
    for name, (stdin, answer) in tests.items():
        (folder / "tests" / f"{name}.in").write_bytes(stdin)
        (folder / "tests" / f"{name}.ans").write_text(answer)
    return folder


def judge_solution(runner, root: Path, tests: dict[str, tuple[bytes, str]], solution: str):
    problem = load_problem(make_problem(root, solution, tests))
    assert problem.spec.limits == DEFAULT_LIMITS
    return judge_report(problem, problem.solution_path.read_text(), runner)


def test_pandas_reads_a_shift_jis_csv_from_stdin(runner, tmp_path):
    # The lecture's ice-cream tables are Shift-JIS with Japanese headers.
    solution = """
        import sys
        import pandas as pd
        frame = pd.read_csv(sys.stdin.buffer, encoding="shift_jis")
        print(frame["アイスクリーム"].mean())
        print(frame["気温"].corr(frame["アイスクリーム"]))
    """
    stdin = ICECREAM_CSV.encode("shift_jis")
    spending = [331, 290, 1237]
    temperature = [6.1, 7.2, 27.5]
    mean_s, mean_t = sum(spending) / 3, sum(temperature) / 3
    cov = sum((s - mean_s) * (t - mean_t) for s, t in zip(spending, temperature, strict=True))
    var_s = sum((s - mean_s) ** 2 for s in spending)
    var_t = sum((t - mean_t) ** 2 for t in temperature)
    answer = f"{mean_s!r}\n{cov / (var_s * var_t) ** 0.5!r}\n"
    report = judge_solution(runner, tmp_path, {"1": (stdin, answer)}, solution)
    assert report.verdict is Verdict.AC, report.tests[0].message


def test_scikit_learn_fits_linear_and_logistic_regression_on_bundled_digits(runner, tmp_path):
    solution = """
        import numpy as np
        from sklearn.datasets import load_digits
        from sklearn.linear_model import LinearRegression, LogisticRegression

        n = int(input())
        x = np.arange(n, dtype=float).reshape(-1, 1)
        line = LinearRegression().fit(x, 3.0 * x.ravel() - 2.0)
        print(line.coef_[0], line.intercept_)

        X, y = load_digits(return_X_y=True)
        model = LogisticRegression(max_iter=300).fit(X[:1200] / 16, y[:1200])
        print(X.shape[0], int(model.score(X[1200:] / 16, y[1200:]) > 0.9))
    """
    tests = {"1": (b"5\n", "3 -2\n1797 1\n"), "2": (b"50\n", "3 -2\n1797 1\n")}
    report = judge_solution(runner, tmp_path, tests, solution)
    assert report.verdict is Verdict.AC, [case.message for case in report.tests]
    assert all(case.memory_kb < DEFAULT_LIMITS.memory_mb * 1024 for case in report.tests)


def test_scikit_learn_and_joblib_stay_single_threaded_in_the_test(runner):
    # n_jobs=-1 (or 4) must neither start worker processes (which burn the test's CPU time and
    # memory importing, or trip `processes`) nor threads; every BLAS/OpenMP pool has one thread.
    result = run(
        runner,
        """
        import json, os
        import threadpoolctl
        from joblib import Parallel, cpu_count, delayed
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_score

        X, y = load_iris(return_X_y=True)
        scores = cross_val_score(LogisticRegression(max_iter=500), X, y, cv=3, n_jobs=-1)
        squares = Parallel(n_jobs=4)(delayed(pow)(i, 2) for i in range(6))
        print(json.dumps({
            "scores": len(scores),
            "squares": squares,
            "cpu_count": cpu_count(),
            "pools": sorted({pool["num_threads"] for pool in threadpoolctl.threadpool_info()}),
            "threads": len(os.listdir("/proc/self/task")),
            "processes": len([p for p in os.listdir("/proc") if p.isdigit()]),
        }))
        """,
        limits=DEFAULT_LIMITS,
    )
    assert result.status.value == "OK", (result.message, result.stderr_tail)
    seen = json.loads(result.stdout)
    assert seen == {
        "scores": 3,
        "squares": [0, 1, 4, 9, 16, 25],
        "cpu_count": 1,
        "pools": [1],
        "threads": 1,
        "processes": 1,
    }
    assert result.stderr_tail == ""  # no warning about semaphores, caches or CPU counts


def test_the_zygote_preloads_the_runtime_so_a_test_pays_no_import(runner):
    result = run(
        runner,
        f"""
        import sys
        missing = [name for name in {PRELOAD!r} if name not in sys.modules]
        print(missing, "pandas" in sys.modules)
        """,
    )
    # pandas is not in every test's zygote: its mappings cost each fork and exit ~2-3 ms of CPU.
    assert result.stdout == b"[] False\n", result.stderr_tail


PANDAS_SOURCE = """
import sys
preloaded = "pandas" in sys.modules
import pandas
print(preloaded, pandas.DataFrame({"x": [1.0, 2.0, 3.0]})["x"].sum())
"""


def test_a_problem_whose_solution_imports_pandas_is_judged_by_a_zygote_preloading_it(runner):
    preload = preload_for([PANDAS_SOURCE])
    assert preload == (*PRELOAD, "pandas")
    warm = run(runner, PANDAS_SOURCE, limits=DEFAULT_LIMITS, preload=preload)
    assert warm.stdout == b"True 6.0\n", warm.stderr_tail
    # Imported in the test instead, pandas alone charged it ~23 MiB and ~200 ms of CPU.
    assert warm.memory_kb < 12 * 1024
    cold = run(runner, PANDAS_SOURCE, limits=DEFAULT_LIMITS)
    assert cold.stdout == b"False 6.0\n", cold.stderr_tail
    assert cold.memory_kb > warm.memory_kb + 8 * 1024
    # One zygote per preload list, both alive: PRELOAD's tests did not wait for the second.
    assert set(runner._zygotes) == {PRELOAD, preload}
    assert all(zygote.alive() for zygote in runner._zygotes.values())


def test_a_training_test_finds_torch_optim_warm(runner):
    # The first optimizer imports torch._dynamo (and sympy): ~0.8 s of CPU and ~115 MiB charged to
    # every test that trains, unless the zygote has already built one.
    result = run(
        runner,
        """
        import sys
        import torch
        warm = "torch._dynamo" in sys.modules
        model = torch.nn.Linear(3, 1)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
        for _ in range(5):
            optimizer.zero_grad()
            model(torch.ones(4, 3)).pow(2).mean().backward()
            optimizer.step()
        print(warm)
        """,
        limits=DEFAULT_LIMITS,
    )
    assert result.stdout == b"True\n", result.stderr_tail
    assert result.memory_kb < 40 * 1024
