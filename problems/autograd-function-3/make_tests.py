"""Write tests/ (run by hand from this folder; the judge only reads what it writes).

Each test calls grad_at(x1) with x1 a float64 tensor of shape (2,) and requires_grad=True. The
answer is the gradient of f(x1) = x1ᵀ W x1 with W = [[1, 2], [2, 1]], from plain autograd in
float64, cross-checked with the closed form (W + Wᵀ) x1. Fixed seed, so running it again writes
the same files.
"""

import json
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
W = np.array([[1.0, 2.0], [2.0, 1.0]])
rng = np.random.default_rng(20240624)


def gradient(x: np.ndarray) -> np.ndarray:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    w = torch.tensor(W, dtype=torch.float64)
    torch.matmul(torch.matmul(t, w), t).backward()
    grad = t.grad.numpy()
    assert np.allclose(grad, (W + W.T) @ x, rtol=1e-12, atol=1e-300), "autograd and (W+Wᵀ)x differ"
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
write("1", np.array([3.0, -1.0]), inline=True)  # the sample, repeated in the statement
write("2", np.array([0.0, 0.0]))  # the stationary point
write("3", np.array([5.0, 2.0]))  # whole numbers, given as float64
for name in ("4", "5", "6"):
    write(name, rng.normal(0, 1, 2))
write("7", rng.normal(0, 1000, 2))  # large magnitudes
write("8", np.array([1.0, -1.0]) * rng.uniform(0.5, 2))  # on the eigenvector of eigenvalue -1
