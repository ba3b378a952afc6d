"""Compute the global minimiser of f and write it to tests/1.ans (run by hand; not used by the judge).

    f(x) = -log(1 / (1 + e^{-x}) + 1) / (x^2 + 1)

Why the critical point found here is the global minimiser, and the only local one:
write f = -g(x) / (x^2 + 1) with g(x) = log(1 + sigmoid(x)), which is positive and increasing.
* x <= 0: g and 1 / (x^2 + 1) are both positive and increasing, so their product is increasing
  and f is strictly decreasing: no minimum there.
* x >= 50: f'(x) = (2x g - (x^2 + 1) g') / (x^2 + 1)^2 with g >= log 1.5 > 0.4 and
  0 < g' <= e^{-x}, so f' > 0: f increases (towards 0) and has no minimum there.
* [0, 50]: f' changes sign exactly once on a grid of step 1e-3 (checked below), from - to +.
So f has a single critical point, a minimum, and f < 0 = lim f(x) as |x| -> oo makes it global.
The root of the analytic f' is then found by bisection at 60 significant digits and
cross-checked with mpmath's Newton solver.
"""

from pathlib import Path

import mpmath as mp

mp.mp.dps = 60


def f(x):
    return -mp.log(1 / (1 + mp.exp(-x)) + 1) / (x**2 + 1)


def df(x):
    s = 1 / (1 + mp.exp(-x))
    g, dg = mp.log(1 + s), s * (1 - s) / (1 + s)
    return 2 * x * g / (x**2 + 1) ** 2 - dg / (x**2 + 1)


def main() -> None:
    for t in ("-3", "0.1", "0.19", "2", "7", "49"):
        assert abs(df(mp.mpf(t)) - mp.diff(f, mp.mpf(t))) < mp.mpf(10) ** -40, t
    grid = [mp.mpf(i) / 1000 for i in range(0, 50_001)]
    signs = [mp.sign(df(x)) for x in grid]
    changes = [grid[i] for i in range(1, len(grid)) if signs[i] != signs[i - 1]]
    assert len(changes) == 1 and signs[0] < 0 and signs[-1] > 0, changes
    lo, hi = changes[0] - mp.mpf("0.001"), changes[0]
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if df(mid) < 0 else (lo, mid)
    newton = mp.findroot(df, mp.mpf("0.19"))
    assert abs(newton - lo) < mp.mpf(10) ** -50
    print("x* =", mp.nstr(lo, 40), " f(x*) =", mp.nstr(f(lo), 20), " f''(x*) =", mp.nstr(mp.diff(f, lo, 2), 10))
    (Path(__file__).parent / "tests" / "1.ans").write_text(mp.nstr(lo, 20) + "\n")


if __name__ == "__main__":
    main()
