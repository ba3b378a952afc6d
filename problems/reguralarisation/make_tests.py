"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

J(W) = -sum_k y_k log softmax(Wx)_k + (lambda / 2) ||W||_F^2 with lambda = 1 is strictly convex,
so its minimiser is unique, and it has a closed form. Setting the gradient (p - y) x^T + lambda W
to 0 gives W = u x^T with u = (y - p) / lambda, p = softmax(Wx). With s = ||x||^2 / lambda, the
right class c and a = 1 - p_c, symmetry makes every other class's probability a / (t - 1), and
a is the root in (0, 1) of

    a = (t-1) e^{-s a t / (t-1)} / (1 + (t-1) e^{-s a t / (t-1)})      (left side increasing,
                                                                        right side decreasing)
    min J = -log(1 - a) + s a^2 t / (2 (t-1)).

The root is found with mpmath at 40 digits; every answer is cross-checked against float64 L-BFGS
in torch run to convergence (agreement within 1e-9 required). t = 1 gives J = 0 (softmax of one
number is 1).
"""

import random
from pathlib import Path

import mpmath as mp
import torch

mp.mp.dps = 40
LAMBDA = 1


def closed_form(xs: list[str], t: int) -> float:
    if t == 1:
        return 0.0
    s = mp.fsum(mp.mpf(v) ** 2 for v in xs) / LAMBDA
    k = t - 1

    def gap(a):
        e = k * mp.exp(-s * a * t / k)
        return a - e / (1 + e)

    a = mp.findroot(gap, (mp.mpf(0), mp.mpf(1)), solver="anderson")
    assert 0 <= a < 1 and abs(gap(a)) < mp.mpf(10) ** -30
    return float(-mp.log(1 - a) + s * a**2 * t / (2 * k))


def lbfgs(xs: list[str], ys: list[str]) -> float:
    x = torch.tensor([float(v) for v in xs], dtype=torch.float64)
    y = torch.tensor([float(v) for v in ys], dtype=torch.float64)
    W = torch.zeros(len(ys), len(xs), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([W], max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16)

    def J():
        opt.zero_grad()
        value = -(y * torch.log_softmax(W @ x, dim=0)).sum() + LAMBDA / 2 * (W**2).sum()
        value.backward()
        return value

    for _ in range(5):
        opt.step(J)
    return J().item()


def main() -> None:
    rng = random.Random(20240708)

    def xs(m: int, bound: float = 3) -> str:
        return " ".join(f"{rng.uniform(-bound, bound):.2f}" for _ in range(m))

    def onehot(t: int) -> str:
        c = rng.randrange(t)
        return " ".join("1" if k == c else "0" for k in range(t))

    cases = [
        ("2 3", "1.0 2.0", "0 1 0"),  # the sample
        ("1 2", "0.5", "1 0"),
        ("3 10", xs(3, 1), onehot(10)),
        ("10 10", xs(10), onehot(10)),
        (
            "10 5",
            " ".join(rng.choice(["3.0", "-3.0"]) for _ in range(10)),
            onehot(5),
        ),  # ||x||^2 = 90
        ("4 4", "0 0 0 0", onehot(4)),  # x = 0: J = log t whatever W is
        ("5 1", xs(5), "1"),  # t = 1: J = 0
        ("6 7", " ".join(str(rng.randint(-3, 3)) for _ in range(6)), onehot(7)),  # integers
        ("2 2", xs(2, 0.5), onehot(2)),
    ]
    tests = Path(__file__).parent / "tests"
    for number, (sizes, xline, yline) in enumerate(cases, start=1):
        m, t = map(int, sizes.split())
        x, y = xline.split(), yline.split()
        assert len(x) == m and len(y) == t and 1 <= m <= 10 and 1 <= t <= 10
        assert all(abs(float(v)) <= 3 for v in x) and sorted(y) == ["0"] * (t - 1) + ["1"]
        answer = closed_form(x, t)
        check = lbfgs(x, y)
        assert abs(answer - check) <= 1e-9, (number, answer, check)
        (tests / f"{number}.in").write_text(f"{sizes}\n{xline}\n{yline}\n")
        (tests / f"{number}.ans").write_text(f"{answer!r}\n")
        print(f"{number:2}  m t = {sizes:5}  J = {answer!r}  (L-BFGS {check!r})")


if __name__ == "__main__":
    main()
