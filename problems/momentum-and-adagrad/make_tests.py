"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

f(x, y) = p x^2 + q y^2, grad f = (2 p x, 2 q y). Both methods are run with mpmath at 50
significant digits from the decimal strings of the input (x and y updated independently, since
both methods work coordinate by coordinate); only the final points are rounded to floats.
Checks: a plain float64 loop agrees to 1e-11, and each typical mistake (the expect/ files and a
few more) is off by far more than the tolerance on several hidden tests.
"""

import math
import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
random.seed(5)
EPS = "1e-8"
ABS_TOL, REL_TOL = 1e-9, 1e-6  # as in problem.yaml


def momentum(k, z, n, eta, alpha, sqrt=mp.sqrt, exp=None, num=mp.mpf):
    """One coordinate of Momentum: v <- alpha v - eta f'(z); z <- z + v, with f'(z) = 2 k z."""
    k, z, eta, alpha = num(k), num(z), num(eta), num(alpha)
    v = num(0)
    for _ in range(n):
        v = alpha * v - eta * 2 * k * z
        z = z + v
    return z


def adagrad(k, z, n, eta, sqrt=mp.sqrt, num=mp.mpf):
    """One coordinate of AdaGrad: h <- h + g^2; z <- z - eta g / (sqrt(h) + eps)."""
    k, z, eta, eps = num(k), num(z), num(eta), num(EPS)
    h = num(0)
    for _ in range(n):
        g = 2 * k * z
        h = h + g * g
        z = z - eta * g / (sqrt(h) + eps)
    return z


def answer(case, num=mp.mpf, sqrt=mp.sqrt) -> list[float]:
    p, q, x0, y0, n, eta_m, alpha, eta_a = case
    return [
        float(momentum(p, x0, n, eta_m, alpha, num=num)),
        float(momentum(q, y0, n, eta_m, alpha, num=num)),
        float(adagrad(p, x0, n, eta_a, sqrt, num)),
        float(adagrad(q, y0, n, eta_a, sqrt, num)),
    ]


# Typical mistakes, in float64: each must fail several hidden tests.
def velocity_after_step(case):  # x <- x + v with the old v, then v is updated
    p, q, x0, y0, n, eta_m, alpha, _eta_a = case
    out = []
    for k, z in ((p, x0), (q, y0)):
        k, z, v = float(k), float(z), 0.0
        for _ in range(n):
            z, v = z + v, float(alpha) * v - float(eta_m) * 2 * k * z
        out.append(z)
    return out + answer(case, float, math.sqrt)[2:]


def adagrad_variant(case, rule):
    p, q, x0, y0, n, _eta_m, _alpha, eta_a = case
    zs = [float(x0), float(y0)]
    ks = [float(p), float(q)]
    hs = [0.0, 0.0]
    for _ in range(n):
        gs = [2 * k * z for k, z in zip(ks, zs)]
        if rule == "norm":  # one h for both coordinates: the squared norm of the gradient
            hs = [hs[0] + gs[0] ** 2 + gs[1] ** 2] * 2
        elif rule == "not accumulated":
            hs = [g * g for g in gs]
        else:
            hs = [h + g * g for h, g in zip(hs, gs)]
        if rule == "no sqrt":
            zs = [z - float(eta_a) * g / (h + 1e-8) for z, g, h in zip(zs, gs, hs)]
        else:
            zs = [z - float(eta_a) * g / (math.sqrt(h) + 1e-8) for z, g, h in zip(zs, gs, hs)]
    return answer(case, float, math.sqrt)[:2] + zs


MISTAKES = {
    "velocity after step": velocity_after_step,
    "AdaGrad with the norm": lambda c: adagrad_variant(c, "norm"),
    "AdaGrad without sqrt": lambda c: adagrad_variant(c, "no sqrt"),
    "AdaGrad h not accumulated": lambda c: adagrad_variant(c, "not accumulated"),
    "N - 1 steps": lambda c: answer(c[:4] + (c[4] - 1,) + c[5:], float, math.sqrt),
    "N + 1 steps": lambda c: answer(c[:4] + (c[4] + 1,) + c[5:], float, math.sqrt),
}


def random_case(n: int):
    """Random p, q, start and rates, redrawn until each method ends with a coordinate above 1e-3
    in size (a point that has all but reached 0 passes the absolute tolerance however it was got).
    """
    while True:
        p, q = (random.uniform(0.1, 20) for _ in range(2))
        alpha = random.choice([0.5, 0.8, 0.9])
        # Momentum on k z^2 is stable for eta * 2k < 2 (1 + alpha); stay well inside that.
        eta_m = random.uniform(0.002, 0.3) * (1 + alpha) / max(p, q)
        x0, y0 = (random.choice([-1, 1]) * random.uniform(0.5, 10) for _ in range(2))
        case = (
            f"{p:.3f}",
            f"{q:.3f}",
            f"{x0:.2f}",
            f"{y0:.2f}",
            n,
            f"{eta_m:.5f}",
            f"{alpha}",
            f"{random.uniform(0.01, 0.5):.3f}",
        )
        xm, ym, xa, ya = answer(case, float, math.sqrt)
        if max(abs(xm), abs(ym)) > 1e-3 and max(abs(xa), abs(ya)) > 1e-3:
            return case


def tests():
    return [
        # sample: the narrow valley f = x^2 / 4 + 16 y^2 that the slides use for Momentum
        ("0.25", "16", "-8", "1", 20, "0.02", "0.9", "0.5"),
        ("1", "1", "3", "-4", 1, "0.1", "0.9", "0.1"),  # N = 1
        ("0.25", "16", "5", "0", 100, "0.05", "0.5", "1"),  # y_0 = 0: its gradient stays 0
        ("2", "1", "-3", "2", 50, "0.1", "0.9", "1"),  # integers, an AdaGrad rate of 1
        random_case(10),
        random_case(30),
        random_case(100),
        random_case(200),
        random_case(500),
    ]


# Variants that are just as right: torch.optim.Adagrad's eps = 1e-10, eps inside the root, and
# the velocity kept with the opposite sign (v <- alpha v + eta g; x <- x - v).
def adagrad_eps(case, eps, inside):
    p, q, x0, y0, n, _eta_m, _alpha, eta_a = case
    out = []
    for k, z in ((float(p), float(x0)), (float(q), float(y0))):
        h = 0.0
        for _ in range(n):
            g = 2 * k * z
            h += g * g
            z -= float(eta_a) * g / (math.sqrt(h + eps) if inside else math.sqrt(h) + eps)
        out.append(z)
    return answer(case, float, math.sqrt)[:2] + out


def momentum_flipped(case):
    p, q, x0, y0, n, eta_m, alpha, _eta_a = case
    out = []
    for k, z in ((float(p), float(x0)), (float(q), float(y0))):
        v = 0.0
        for _ in range(n):
            v = float(alpha) * v + float(eta_m) * 2 * k * z
            z -= v
        out.append(z)
    return out + answer(case, float, math.sqrt)[2:]


ALSO_RIGHT = {
    "eps = 1e-10": lambda c: adagrad_eps(c, 1e-10, False),
    "eps inside the sqrt": lambda c: adagrad_eps(c, 1e-8, True),
    "velocity with the other sign": momentum_flipped,
}


def close(got: float, want: float) -> bool:
    return abs(got - want) <= ABS_TOL or abs(got - want) <= REL_TOL * abs(want)


def main() -> None:
    folder = Path(__file__).parent / "tests"
    cases = tests()
    for number, case in enumerate(cases, start=1):
        p, q, x0, y0, n, eta_m, alpha, eta_a = case
        want = answer(case)
        plain = answer(case, float, math.sqrt)
        assert all(abs(a - b) <= 1e-11 * max(1, abs(b)) for a, b in zip(plain, want)), number
        (folder / f"{number}.in").write_text(f"{p} {q}\n{x0} {y0}\n{n}\n{eta_m} {alpha}\n{eta_a}\n")
        (folder / f"{number}.ans").write_text(f"{want[0]!r} {want[1]!r}\n{want[2]!r} {want[3]!r}\n")
        print(f"{number:2} {case}\n   {want}")
    for name, right in ALSO_RIGHT.items():
        assert all(all(map(close, right(c), answer(c))) for c in cases), name
    for name, wrong in MISTAKES.items():
        failed = [i for i, c in enumerate(cases, 1) if not all(map(close, wrong(c), answer(c)))]
        print(f"{name:28} fails tests {failed}")
        assert len(failed) >= 5, name


if __name__ == "__main__":
    main()
