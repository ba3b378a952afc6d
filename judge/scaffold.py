"""`mljudge problems new ID`: a small, complete package that passes `problems check` as written.

It is a real (tiny) exercise, not a template with blanks, so an admin starts from something that
works and changes it piece by piece, re-running the check after each change.
"""

from __future__ import annotations

import re
from pathlib import Path

from judge.problemset import PROBLEM_ID

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
One number. Answers within $10^{{-6}}$ (absolute or relative) are accepted.
""",
    "statement.ja.md": """\
# 二乗の微分

標準入力から実数 $x$ を読み、$f(x) = x^2$ の $x$ における微分係数 $f'(x)$ を
PyTorch の自動微分で求めて出力してください。

## 入力
$x$ が1行で与えられます。

## 出力
数値を1つ出力してください。絶対誤差または相対誤差が $10^{{-6}}$ 以内なら正解です。
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


class ScaffoldError(ValueError):
    pass


def scaffold(problems_root: Path, problem_id: str) -> Path:
    if not re.match(PROBLEM_ID, problem_id) or len(problem_id) > 40:
        raise ScaffoldError(
            f"{problem_id!r}: a problem id uses lowercase letters, digits and single hyphens (at most 40)"
        )
    folder = Path(problems_root) / problem_id
    if folder.exists():
        raise ScaffoldError(f"{folder}: already exists")
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.format(id=problem_id) if name.endswith((".yaml", ".md")) else text)
    return folder
