"""`mljudge problems new ID`: a small, complete package that passes `problems check` as written.

It is a real (tiny) exercise, not a template with blanks, so an admin starts from something that
works and changes it piece by piece, re-running the check after each change.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from judge.spec import PROBLEM_ID

FILES = {
    "problem.yaml": """\
id: {id}
title: Derivative of a square
title_ja: 二乗の微分
section: 3
points: 100
limits:
  time_ms: 2000
  memory_mb: 256
  output_kb: 16
checker:
  type: float
  abs_tol: 1.0e-6
  rel_tol: 1.0e-6
samples: [1]
expect:
  wrong-derivative.py: WA
""",
    "statement.md": """\
# Derivative of a square

Read a real number $x$ from standard input and print $f'(x)$ for $f(x) = x^2$,
computed with PyTorch's automatic differentiation.

## Input
One line with $x$.

## Output
One number, nothing else (print a float, not `tensor(...)`).

## Judging
Answers within $10^{{-6}}$ (absolute or relative) are accepted. The score is the mean over the
tests.
""",
    "statement.ja.md": """\
# 二乗の微分

標準入力から実数 $x$ を読み、$f(x) = x^2$ の $x$ における微分係数 $f'(x)$ を PyTorch の自動微分で求めて出力してください。

## 入力
$x$ が1行で与えられます。

## 出力
数値を1つだけ出力してください（`tensor(...)` ではなく実数を出力します）。

## 採点
絶対誤差または相対誤差が $10^{{-6}}$ 以内なら正解です。得点はテストごとの得点の平均です。
""",
    "solution.py": """\
import torch

x = torch.tensor(float(input()), requires_grad=True)
(x**2).backward()
print(x.grad.item())
""",
    "expect/wrong-derivative.py": """\
x = float(input())
print(x**2)  # the value of f, not its derivative
""",
    "tests/1.in": "3\n",
    "tests/1.ans": "6\n",
    "tests/2.in": "-0.5\n",
    "tests/2.ans": "-1\n",
}


FUNCTION_FILES = {
    "problem.yaml": """\
id: {id}
title: Gradient of a sum of cubes
title_ja: 三乗の和の勾配
section: 3
points: 100
limits:
  time_ms: 2000
  memory_mb: 256
  output_kb: 64
samples: [1]
expect:
  closed_form.py: WA
mode: function
function:
  name: grad_of_cubes
  signature: "def grad_of_cubes(x: torch.Tensor) -> torch.Tensor"
compare: {{rtol: 1.0e-7, atol: 1.0e-9, equal_nan: false}}
requires: autograd
""",
    "statement.md": """\
# Gradient of a sum of cubes

Write

```python
def grad_of_cubes(x: torch.Tensor) -> torch.Tensor
```

that returns the gradient of $y = \\sum_i x_i^3$ with respect to `x`, computed by PyTorch's
automatic differentiation (`y.backward()` or `torch.autograd.grad`).

## Function
`x` is a one-dimensional `torch.float64` tensor with `requires_grad=True`. Return the gradient,
a tensor of the same shape. The file only defines the function; it reads and prints nothing.

## Judging
Same shape, a floating-point dtype, and every element within
$10^{{-9}} + 10^{{-7}} \\times$ |answer|. The gradient must come from autograd: a formula such as `3 * x.detach() ** 2` is judged wrong.
""",
    "statement.ja.md": """\
# 三乗の和の勾配

```python
def grad_of_cubes(x: torch.Tensor) -> torch.Tensor
```

を定義し、$y = \\sum_i x_i^3$ の `x` に関する勾配を PyTorch の自動微分（`y.backward()` または `torch.autograd.grad`）で求めて返してください。

## 関数
`x` は `requires_grad=True` のついた 1 次元の `torch.float64` の `Tensor` です。同じ形の勾配の `Tensor` を返してください。ファイルは関数を定義するだけで、何も読み込まず、何も出力しません。

## 採点
形が同じで、dtype が浮動小数点数で、すべての要素が $10^{{-9}} + 10^{{-7}} \\times$ |答え| 以内なら正解です。勾配は自動微分で求めたものでなければならず、`3 * x.detach() ** 2` のような式で返すと不正解です。
""",
    "solution.py": """\
import torch


def grad_of_cubes(x: torch.Tensor) -> torch.Tensor:
    (x**3).sum().backward()
    return x.grad
""",
    "expect/closed_form.py": """\
# Wrong: the right numbers, but worked out by hand instead of by autograd.
import torch


def grad_of_cubes(x: torch.Tensor) -> torch.Tensor:
    return 3 * x.detach() ** 2
""",
    "make_tests.py": """\
\"\"\"Write tests/ with a fixed seed (run again after editing: `python make_tests.py`).\"\"\"

import json
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(12345)


def write(name: str, x: np.ndarray) -> None:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (t**3).sum().backward()  # the answer from plain autograd, in float64
    np.save(TESTS / f"{{name}}.x.npy", x)
    np.save(TESTS / f"{{name}}.grad.npy", t.grad.numpy())
    call = {{"args": [{{"tensor": f"{{name}}.x.npy", "requires_grad": True}}]}}
    (TESTS / f"{{name}}.in").write_text(json.dumps(call) + "\\n")
    (TESTS / f"{{name}}.ans").write_text(json.dumps({{"tensor": f"{{name}}.grad.npy"}}) + "\\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
write("1", np.array([1.0, -2.0, 0.5]))
for number, size in enumerate([10, 100], start=2):
    write(str(number), rng.normal(0, 1, size))
""",
}


class ScaffoldError(ValueError):
    pass


def _make_tests(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "make_tests.py"],
        check=False,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        shutil.rmtree(folder)
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ScaffoldError(f"{folder}/make_tests.py failed: {reason}")


def scaffold(problems_root: Path, problem_id: str, mode: str = "stdout") -> Path:
    if not re.match(PROBLEM_ID, problem_id) or len(problem_id) > 40:
        raise ScaffoldError(
            f"{problem_id!r}: a problem id uses lowercase letters, digits and single hyphens (at most 40)"
        )
    folder = Path(problems_root) / problem_id
    if folder.exists():
        raise ScaffoldError(f"{folder}: already exists")
    files = FUNCTION_FILES if mode == "function" else FILES
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        formatted = mode == "function" or name.endswith((".yaml", ".md"))
        path.write_text(text.format(id=problem_id) if formatted else text)
    if mode == "function":
        _make_tests(folder)
    return folder
