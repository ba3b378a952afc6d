"""Write tests/ (run by hand from this folder; the judge only reads what it writes).

Each test calls grad_at(x1, x2, x3) with three 0-dimensional float64 tensors, each with
requires_grad=True. The answer is the list of the three partial derivatives of
y = x1² + x2² + x3², from plain autograd in float64, cross-checked with the closed form 2·xi.
Scalars are written inline: JSON keeps a float64 exactly (repr round-trips). Fixed seed, so
running it again writes the same files.
"""

import json
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20240617)


def scalar(value: float, requires_grad: bool = False) -> dict:
    node = {"tensor": float(value), "dtype": "float64"}
    return {**node, "requires_grad": True} if requires_grad else node


def write(name: str, xs: list[float]) -> None:
    ts = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in xs]
    y = ts[0] ** 2 + ts[1] ** 2 + ts[2] ** 2
    y.backward()
    grads = [t.grad.item() for t in ts]
    assert np.allclose(grads, 2 * np.array(xs, dtype=np.float64), rtol=1e-15, atol=0)
    call = {"args": [scalar(v, requires_grad=True) for v in xs]}
    (TESTS / f"{name}.in").write_text(json.dumps(call) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps([scalar(g) for g in grads]) + "\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
write("1", [0.5, -1.0, 2.0])  # the sample, repeated in the statement
write("2", [0.0, 0.0, 0.0])  # the minimum: every partial derivative is 0
write("3", [4.0, -7.0, 1.0])  # whole numbers, given as float64 tensors
for name in ("4", "5", "6"):
    write(name, rng.normal(0, 1, 3).tolist())
write("7", rng.normal(0, 1000, 3).tolist())  # large magnitudes
write("8", rng.uniform(-1e-4, 1e-4, 3).tolist())  # tiny ones
