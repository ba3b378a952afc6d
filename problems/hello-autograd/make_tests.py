"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Each answer is f'(x) from torch autograd in float64, cross-checked against a derivative worked
out by hand (evaluated with mpmath at 50 digits) and against mpmath's own numerical derivative
of an mpmath transcription of f. Any disagreement beyond 1e-12 (relative) stops the script.
"""

from pathlib import Path

import mpmath as mp
import torch

mp.mp.dps = 50
e, sin, cos, exp, log, sqrt, tanh = mp.e, mp.sin, mp.cos, mp.exp, mp.log, mp.sqrt, mp.tanh


def sig(t):
    return 1 / (1 + exp(-t))


def sech2(t):
    return 1 / mp.cosh(t) ** 2


# (lambda given to students, x as written on line 2, f in mpmath, f' worked out by hand)
TESTS = [
    ("lambda x: torch.sin(x) * x ** 2", "1.0",
     lambda x: sin(x) * x**2, lambda x: cos(x) * x**2 + 2 * x * sin(x)),
    ("lambda x: x ** 3 - 2 * x + 1", "2",
     lambda x: x**3 - 2 * x + 1, lambda x: 3 * x**2 - 2),
    ("lambda x: torch.exp(-x ** 2 / 2)", "0.5",
     lambda x: exp(-x**2 / 2), lambda x: -x * exp(-x**2 / 2)),
    ("lambda x: torch.log(1 + torch.exp(x))", "-1.5",
     lambda x: log(1 + exp(x)), lambda x: sig(x)),
    ("lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))", "0.3",
     lambda x: sig(x) * (1 - sig(x)), lambda x: sig(x) * (1 - sig(x)) * (1 - 2 * sig(x))),
    ("lambda x: torch.sqrt(x ** 2 + 1) / (x + 3)", "-0.75",
     lambda x: sqrt(x**2 + 1) / (x + 3),
     lambda x: (x / sqrt(x**2 + 1) * (x + 3) - sqrt(x**2 + 1)) / (x + 3) ** 2),
    ("lambda x: torch.tanh(3 * x) + torch.cos(x) ** 2", "0.2",
     lambda x: tanh(3 * x) + cos(x) ** 2, lambda x: 3 * sech2(3 * x) - 2 * cos(x) * sin(x)),
    ("lambda x: torch.abs(x - 1) * torch.exp(x / 4)", "-2",
     lambda x: abs(x - 1) * exp(x / 4), lambda x: (-1 + (1 - x) / 4) * exp(x / 4)),  # x < 1
    ("lambda x: torch.sin((x + 2) + (1 + torch.exp(x ** 2)))", "2.0",
     lambda x: sin((x + 2) + (1 + exp(x**2))),
     lambda x: cos((x + 2) + (1 + exp(x**2))) * (1 + 2 * x * exp(x**2))),
    ("lambda x: x ** 0.5 * torch.log(x)", "4",
     lambda x: sqrt(x) * log(x), lambda x: log(x) / (2 * sqrt(x)) + 1 / sqrt(x)),
    ("lambda x: x ** 2 if x > 0 else -x", "-1.5",
     lambda x: x**2 if x > 0 else -x, lambda x: 2 * x if x > 0 else mp.mpf(-1)),
    ("lambda x: torch.exp(x) / (1 + x ** 2)", "5",
     lambda x: exp(x) / (1 + x**2), lambda x: exp(x) * (x - 1) ** 2 / (1 + x**2) ** 2),
]


def autograd64(source: str, value: str) -> float:
    f = eval(source, {"torch": torch})
    x = torch.tensor(float(value), dtype=torch.float64, requires_grad=True)
    f(x).backward()
    return x.grad.item()


def main() -> None:
    tests = Path(__file__).parent / "tests"
    for number, (source, value, f, by_hand) in enumerate(TESTS, start=1):
        got = autograd64(source, value)
        x = mp.mpf(value)
        for name, other in (("by hand", by_hand(x)), ("mp.diff", mp.diff(f, x))):
            assert abs(got - other) <= 1e-12 * max(1, abs(other)), (number, name, got, other)
        (tests / f"{number}.in").write_text(f"{source}\n{value}\n")
        (tests / f"{number}.ans").write_text(f"{got!r}\n")
        print(f"{number:2}  {source:55} x = {value:5}  f'(x) = {got!r}")


if __name__ == "__main__":
    main()
