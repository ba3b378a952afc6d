"""Write tests/ (run by hand from this folder; the judge only reads what it writes).

Each test is one call MySigmoid.apply(x) on a float64 tensor x with requires_grad=True, followed
by backpropagating the upstream gradient g (the test's grad_output). The answer holds the output
and the gradient of x, computed with plain autograd through torch.sigmoid in float64 and
cross-checked with the closed form g·σ(x)(1 − σ(x)). Fixed seed: running it again writes the same
files.
"""

import json
from pathlib import Path

import numpy as np
import torch

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20240610)


def expected(x: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = torch.sigmoid(t)
    out.backward(torch.tensor(g, dtype=torch.float64))
    s = 1 / (1 + np.exp(-x))
    assert np.allclose(t.grad.numpy(), g * s * (1 - s), rtol=1e-9, atol=1e-15)
    return out.detach().numpy(), t.grad.numpy()


def write(name: str, x: np.ndarray, g: np.ndarray, inline: bool = False) -> None:
    out, grad = expected(x, g)
    arrays = {"x": x, "g": g, "out": out, "grad": grad}
    if inline:  # the sample: short enough to read in the statement
        ref = {k: {"tensor": v.tolist(), "dtype": "float64"} for k, v in arrays.items()}
    else:
        for key, value in arrays.items():
            np.save(TESTS / f"{name}.{key}.npy", value)
        ref = {k: {"tensor": f"{name}.{k}.npy"} for k in arrays}
    call = {"args": [{**ref["x"], "requires_grad": True}], "grad_output": ref["g"]}
    answer = {"output": ref["out"], "grads": [ref["grad"]]}
    (TESTS / f"{name}.in").write_text(json.dumps(call) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps(answer) + "\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
write("1", np.array([0.0, 2.0, -1.0]), np.array([1.0, 1.0, 0.5]), inline=True)
write("2", np.array(0.7), np.array(-2.0))  # a 0-dimensional tensor
write("3", rng.normal(0, 2, (4, 5)), rng.normal(0, 1, (4, 5)))
write("4", rng.uniform(-30, 30, (2, 3, 4)), rng.normal(0, 1, (2, 3, 4)))
write("5", rng.normal(0, 5, 500), rng.uniform(-3, 3, 500))
