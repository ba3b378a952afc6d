"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

The answers are computed in mpmath at 50 digits, independently of torch: the torch lambda given to
students is evaluated with a stand-in `torch` whose functions are mpmath's, x and h are taken as
the exact decimals of the input, f'(x) is mpmath's own (high-precision) derivative, cross-checked
against torch float64 autograd.

Every test is then checked to be well-conditioned for the judge's tolerance (abs 1e-9 or rel 1e-9):
  * a float64 program (simulated with torch float64) is within TOL / 10 of every answer number;
  * a float32 program is NOT within tolerance (the lesson: in float32 the rounding error of
    f(x + h) - f(x), about 1e-7 |f| / h, swamps what is being measured);
  * each typical mistake of expect/ misses by far more than the tolerance.
The script stops on any violation.
"""

import random
from pathlib import Path

import mpmath as mp
import torch

mp.mp.dps = 50
TOL = 1e-9  # must equal abs_tol and rel_tol in problem.yaml


class MpTorch:
    """Just enough of `torch` to evaluate the statements' lambdas in mpmath."""

    sin, cos, exp, log, sqrt, tanh = mp.sin, mp.cos, mp.exp, mp.log, mp.sqrt, mp.tanh

    @staticmethod
    def sigmoid(t):
        return 1 / (1 + mp.exp(-t))


def mp_function(source):
    return eval(source, {"torch": MpTorch})


def torch_function(source):
    return eval(source, {"torch": torch})


# The sample, then hand-picked edge cases, then random ones from templates.
FIXED = [
    ("lambda x: torch.exp(x)", "0", "0.1"),  # sample: errors ~ h/2 and ~ h^2/6
    ("lambda x: x ** 3 - 2 * x", "2", "0.01"),  # integer x; central error exactly h^2
    ("lambda x: torch.sin(x)", "-1.25", "0.0001"),  # smallest h: rounding still far below 1e-9
    ("lambda x: torch.log(1 + torch.exp(x))", "3.5", "0.05"),
]
TEMPLATES = [
    "lambda x: {a} * torch.sin({b} * x) {s} {c} * x ** 2",
    "lambda x: torch.exp({a} * x) / (1 + x ** 2)",
    "lambda x: {c} * torch.tanh({a} * x + {b})",
    "lambda x: torch.sqrt(x ** 2 + {p}) * torch.cos({b} * x)",
    "lambda x: torch.sigmoid({a} * x) {s} {c} * x ** 3",
    "lambda x: torch.log(x ** 2 + {p}) {s} {c} * x",
]
H_VALUES = ["0.1", "0.05", "0.02", "0.01", "0.005", "0.001", "0.0005", "0.0001"]


def random_tests(count, rng):
    tests = []
    for k in range(count):
        template = TEMPLATES[k % len(TEMPLATES)]
        coefficients = {
            "a": f"{rng.choice([-1, 1]) * rng.uniform(0.3, 2):.2f}",
            "b": f"{rng.uniform(0.5, 2.5):.2f}",
            "s": rng.choice("+-"),
            "c": f"{rng.uniform(0.2, 1.5):.2f}",
            "p": f"{rng.uniform(0.5, 3):.2f}",
        }
        source = template.format(**coefficients)
        x = f"{rng.uniform(-2, 2):.3f}"
        tests.append((source, x, rng.choice(H_VALUES)))
    return tests


def answer(source, x_text, h_text):
    f = mp_function(source)
    x, h = mp.mpf(x_text), mp.mpf(h_text)
    exact = mp.diff(f, x)
    forward = (f(x + h) - f(x)) / h
    central = (f(x + h) - f(x - h)) / (2 * h)
    return [exact, forward, forward - exact, central, central - exact]


def program(source, x_text, h_text, dtype, central_divisor=2, h_override=None, sign=1):
    """What a student's program prints, with the knobs of the typical mistakes."""
    f = torch_function(source)
    h = float(h_override or h_text)
    x = torch.tensor(float(x_text), dtype=dtype, requires_grad=True)
    f(x).backward()
    exact = x.grad.item()
    with torch.no_grad():
        x = x.detach()
        forward = ((f(x + h) - f(x)) / h).item()
        central = ((f(x + h) - f(x - h)) / (central_divisor * h)).item()
    return [exact, forward, sign * (forward - exact), central, sign * (central - exact)]


def worst_miss(got, want):
    """How far outside the tolerance the worst number is, in units of TOL (<= 1 means accepted)."""
    return max(abs(g - float(w)) / max(TOL, TOL * abs(float(w))) for g, w in zip(got, want))


def main():
    rng = random.Random(345_01)
    tests = FIXED + random_tests(8, rng)
    folder = Path(__file__).parent / "tests"
    for number, (source, x_text, h_text) in enumerate(tests, start=1):
        want = answer(source, x_text, h_text)
        f = mp_function(source)
        x, h = mp.mpf(x_text), mp.mpf(h_text)
        size = max(abs(f(x + t * h)) for t in (-1, 0, 1))
        assert size <= 20, (number, "keep |f| small so that |f| eps / h stays far below 1e-9")
        assert abs(float(want[0])) <= 50, number
        got64 = program(source, x_text, h_text, torch.float64)
        assert worst_miss(got64, want) <= 0.1, (number, "float64", got64, want)
        got32 = program(source, x_text, h_text, torch.float32)
        assert worst_miss(got32, want) > 10, (number, "float32 passes", got32, want)
        mistakes = {
            "central / h": program(source, x_text, h_text, torch.float64, central_divisor=1),
            "h = 1e-6": program(source, x_text, h_text, torch.float64, h_override="1e-6"),
            "f' - D": program(source, x_text, h_text, torch.float64, sign=-1),
        }
        for name, got in mistakes.items():
            assert worst_miss(got, want) > 100, (number, name, got, want)
        lines = [
            mp.nstr(want[0], 17),
            f"{mp.nstr(want[1], 17)} {mp.nstr(want[2], 17)}",
            f"{mp.nstr(want[3], 17)} {mp.nstr(want[4], 17)}",
        ]
        (folder / f"{number}.in").write_text(f"{source}\n{x_text}\n{h_text}\n")
        (folder / f"{number}.ans").write_text("\n".join(lines) + "\n")
        print(f"{number:2} {source:58} x={x_text:7} h={h_text:7} " + " | ".join(lines))


if __name__ == "__main__":
    main()
