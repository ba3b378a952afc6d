"""Write tests/ (run by hand from this folder; the judge only reads what it writes).

Each test calls grad_at(x) with x a float64 tensor of shape (n,) and requires_grad=True. The
answer is the gradient of y = sum(x² + 2x + 1) from plain autograd in float64, cross-checked with
the closed form 2x + 2. Inputs are drawn with a fixed seed, so running it again writes the same
files.
"""

import json
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20240603)


def gradient(x: np.ndarray) -> np.ndarray:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (t**2 + 2 * t + 1).sum().backward()
    grad = t.grad.numpy()
    assert np.allclose(grad, 2 * x + 2, rtol=1e-12, atol=0), "autograd and 2x + 2 disagree"
    return grad


def write(name: str, x: np.ndarray, inline: bool = False) -> None:
    grad = gradient(x)
    if inline:  # the sample: short enough to read in the statement
        arg = {"tensor": x.tolist(), "dtype": "float64", "requires_grad": True}
        answer = {"tensor": grad.tolist(), "dtype": "float64"}
    else:
        np.save(TESTS / f"{name}.x.npy", x)
        np.save(TESTS / f"{name}.grad.npy", grad)
        arg = {"tensor": f"{name}.x.npy", "requires_grad": True}
        answer = {"tensor": f"{name}.grad.npy"}
    (TESTS / f"{name}.in").write_text(json.dumps({"args": [arg]}) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps(answer) + "\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
write("1", np.array([3.0, -1.0, 0.5]), inline=True)
write("2", np.array([-1.0]))  # a single element whose gradient is 0
write("3", rng.normal(0, 1, 10))
write("4", rng.normal(0, 100, 100))
write("5", rng.uniform(-1e-3, 1e-3, 1000))
