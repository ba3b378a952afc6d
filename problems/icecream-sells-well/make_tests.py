"""Write tests/1.ans, the least-squares optimum (run by hand from this folder).

The problem has one test and no input: every student fits the same data. The answer file holds
the optimal a and b as a student would print them (so the answer passes its own checker); the
optimal loss L(a, b) = (1/n) Σ (y_i - (a x_i + b))² is printed here. Both are computed exactly
with fractions from the decimal numbers in the CSVs (x: 日最高気温の平均(℃), y: アイスクリーム,
joined on 年 and 月), and cross-checked with numpy's float64 least squares. The checker reads a and
b from it and recomputes the optimal loss with its own code, so both sides use one formula.
Deterministic (no randomness at all): running it again writes the same file.
"""

import csv
import io
from fractions import Fraction
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
DATA = HERE / "files" / "public" / "data"


def read(name: str) -> list[dict[str, str]]:
    text = (DATA / name).read_bytes().decode("shift_jis")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


ice = {(r["年"], r["月"]): r["アイスクリーム"] for r in read("icecream-spending-2003-2012.csv")}
weather = {(r["年"], r["月"]): r["日最高気温の平均(℃)"] for r in read("tokyo-weather-2003-2012.csv")}
months = [(str(year), str(month)) for year in range(2003, 2013) for month in range(1, 13)]
assert list(ice) == months and list(weather) == months  # 120 months, same order, no gaps

xs = [Fraction(weather[m]) for m in months]
ys = [Fraction(ice[m]) for m in months]
n = len(xs)
mx, my = sum(xs) / n, sum(ys) / n
a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
b = my - a * mx
loss = sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)) / n

X = np.array([float(x) for x in xs])
Y = np.array([float(y) for y in ys])
(a64, b64), *_ = np.linalg.lstsq(np.c_[X, np.ones(n)], Y, rcond=None)
assert abs(a64 - float(a)) <= 1e-9 * abs(float(a)) and abs(b64 - float(b)) <= 1e-9 * abs(float(b))

(HERE / "tests").mkdir(exist_ok=True)
(HERE / "tests" / "1.ans").write_text(f"{float(a)!r} {float(b)!r}\n")
print(f"a = {float(a)!r}, b = {float(b)!r}, optimal loss = {float(loss)!r}")
