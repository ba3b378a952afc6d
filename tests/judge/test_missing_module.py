"""A solution that imports what the judge's runtime lacks: the message names the module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from judge import runtime
from judge.runner import RunStatus
from judge.runner.missing_module import explain, missing_module
from judge.runner.outcome import Observed, classify
from judge.runtime import PRELOAD
from judge.spec import Limits

REPO = Path(__file__).resolve().parents[2]

TRACEBACK = """Traceback (most recent call last):
  File "submission.py", line 1, in <module>
    import polars as pl
ModuleNotFoundError: No module named 'polars'
"""


def died(stderr: str, exit_code: int = 1) -> Observed:
    return Observed(wait_status=exit_code << 8, setup="ok", stderr_tail=stderr)


def test_the_module_is_read_from_the_last_traceback_line():
    assert missing_module(TRACEBACK) == "polars"
    assert missing_module(TRACEBACK.replace("'polars'", "'sklearn.neural'")) == "sklearn.neural"


def test_an_import_failure_the_program_handled_does_not_explain_a_later_error():
    later = TRACEBACK + "Traceback (most recent call last):\nValueError: bad input\n"
    assert missing_module(later) is None
    assert missing_module("") is None
    assert missing_module("ImportError: cannot import name 'x' from 'numpy'") is None


def test_the_first_line_names_the_module_and_the_second_what_the_runtime_has():
    first, second = explain("polars", "numpy 2.0").splitlines()
    assert (
        first
        == "実行環境にモジュール 'polars' はありません / the judge's runtime has no module 'polars'"
    )
    assert "numpy 2.0" in second and "yours or a student's" in second


def test_classify_explains_a_missing_module_and_keeps_the_exit_code():
    result = classify(died(TRACEBACK), Limits())
    assert result.status is RunStatus.RE and result.exit_code == 1
    assert result.message.startswith("exit code 1: ")
    assert "no module 'polars'" in result.message
    for package in runtime.describe()["packages"]:
        assert f"{package['import_name']} {package['version']}" in result.message


def test_classify_leaves_other_runtime_errors_alone():
    result = classify(died("Traceback ...\nZeroDivisionError: division by zero\n"), Limits())
    assert result.message == "exit code 1"


def test_the_runtime_lists_every_package_with_its_installed_version():
    info = runtime.describe()
    assert info["python"] == ".".join(map(str, sys.version_info[:3]))
    names = [package["name"] for package in info["packages"]]
    assert names == ["numpy", "torch", "pandas", "scikit-learn", "scipy"]
    assert all(package["version"] for package in info["packages"])
    preloaded = {package["import_name"] for package in info["packages"] if package["preloaded"]}
    assert preloaded == {name for name in PRELOAD if "." not in name}


def test_mljudge_judge_and_check_name_the_missing_module(tmp_path):
    # Through the real sandbox, as an author would meet it.
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def mljudge(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "judge.cli", *args, "--problems", str(tmp_path)]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=300, env=env, check=False
        )

    assert mljudge("problems", "new", "uses-polars").returncode == 0
    solution = tmp_path / "uses-polars" / "solution.py"
    solution.write_text("import polars\nprint(polars.__version__)\n")
    done = mljudge("judge", "uses-polars", str(solution))
    assert done.returncode == 0, done.stderr
    # The table shows each message's first line, cut at 80 characters.
    assert "uses-polars: RE, 0 / " in done.stdout
    assert "exit code 1: 実行環境にモジュール 'polars' はありません / the judge's" in done.stdout
    done = mljudge("judge", "uses-polars", str(solution), "--json")
    message = json.loads(done.stdout)["tests"][0]["message"]
    assert "the judge's runtime has no module 'polars'" in message
    assert runtime.importable() in message
    done = mljudge("problems", "check", "uses-polars")
    assert done.returncode == 1
    assert (
        "solution.py: got RE 0/100, not AC" in done.stdout and "no module 'polars'" in done.stdout
    )
