"""Write tests/ (run by hand from this folder; the judge only reads what it writes).

Each test calls grads(x, w1, w2) with three numbers. The answer is the output
y = σ(w2·σ(w1·x) + w1·x) and the gradients of y with respect to u = w1·x, x, w1 and w2, computed
by torch's autograd in float64 (u.retain_grad() for the inner node) and cross-checked with the
derivatives worked out by hand. Fixed seed, so running it again writes the same files.
"""

import json
import math
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20240701)


def expected(x: float, w1: float, w2: float) -> dict:
    xt, w1t, w2t = (
        torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in (x, w1, w2)
    )
    u = w1t * xt
    u.retain_grad()
    z = w2t * torch.sigmoid(u) + u
    y = torch.sigmoid(z)
    y.backward()
    answer = {
        "y": y.item(),
        "u": u.grad.item(),
        "x": xt.grad.item(),
        "w1": w1t.grad.item(),
        "w2": w2t.grad.item(),
    }
    # The same by hand: dy/dz = y(1 - y), and u reaches z by two paths (through h and directly).
    sig = lambda v: 1 / (1 + math.exp(-v))
    h = sig(w1 * x)
    yy = sig(w2 * h + w1 * x)
    dz = yy * (1 - yy)
    du = dz * (w2 * h * (1 - h) + 1)
    by_hand = {"y": yy, "u": du, "x": du * w1, "w1": du * x, "w2": dz * h}
    for key, value in by_hand.items():
        assert math.isclose(answer[key], value, rel_tol=1e-12, abs_tol=1e-300), (key, x, w1, w2)
    return answer


def write(name: str, x, w1, w2) -> None:
    (TESTS / f"{name}.in").write_text(json.dumps({"args": [x, w1, w2]}) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps(expected(x, w1, w2)) + "\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
write("1", 1.5, 0.5, -2.0)  # the sample, repeated in the statement
write("2", 0.0, 0.0, 0.0)  # everything at 0: y = σ(0) = 0.5
write("3", 2, -1, 3)  # whole numbers, given as Python ints
for name in ("4", "5", "6", "7", "8"):
    x, w1, w2 = rng.uniform(-5, 5, 3).round(6).tolist()
    write(name, x, w1, w2)
write("9", -5.0, 5.0, 5.0)  # saturated: u = -25, so h ≈ 1e-11 and y = σ(z) ≈ 1e-11; gradients tiny but not 0
