"""Writes tests/ for nn-module-architecture (run by hand in this folder; fixed seed).

The expected outputs are computed in float64 with numpy from the float32 weights (the submission
computes in float32 with torch), and the parameter count by the formula
(n_in + 1) h1 + (h1 + 1) h2 + (h2 + 1) n_out, never by running solution.py.
"""

import json
from itertools import pairwise
from pathlib import Path

import numpy as np

TESTS = Path(__file__).with_name("tests")
NAMES = ["fc1", "fc2", "fc3"]
rng = np.random.default_rng(20240710)


def forward(sizes: list[int], state: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    h = x.astype(np.float64)
    for i, name in enumerate(NAMES):
        w = state[f"{name}.weight"].astype(np.float64)
        b = state[f"{name}.bias"].astype(np.float64)
        h = h @ w.T + b
        if i < 2:
            h = np.maximum(h, 0.0)
    return h


def random_state(sizes: list[int]) -> dict[str, np.ndarray]:
    state = {}
    for name, (n, m) in zip(NAMES, pairwise(sizes)):
        # He-like scale keeps the activations of order 1; biases are random so that
        # forgetting a bias or a ReLU changes the output
        state[f"{name}.weight"] = rng.normal(0, np.sqrt(2 / n), (m, n)).astype(np.float32)
        state[f"{name}.bias"] = rng.normal(0, 0.5, m).astype(np.float32)
    return state


def write(name: str, sizes, state, x, inline: bool = False) -> None:
    out = forward(sizes, state, x)
    count = sum((n + 1) * m for n, m in pairwise(sizes))
    assert count == sum(a.size for a in state.values())
    if inline:
        state_json = {k: {"tensor": v.tolist(), "dtype": "float32"} for k, v in state.items()}
        x_json = {"tensor": x.tolist(), "dtype": "float32"}
        out_json = {"tensor": out.tolist(), "dtype": "float64"}
    else:
        state_json = {}
        for k, v in state.items():
            np.save(TESTS / f"{name}.{k}.npy", v)
            state_json[k] = {"tensor": f"{name}.{k}.npy"}
        np.save(TESTS / f"{name}.x.npy", x)
        np.save(TESTS / f"{name}.out.npy", out)
        x_json = {"tensor": f"{name}.x.npy"}
        out_json = {"tensor": f"{name}.out.npy"}
    call = {"args": [list(sizes), state_json, x_json]}
    (TESTS / f"{name}.in").write_text(json.dumps(call) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps([count, out_json]) + "\n")


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()

# the sample: small numbers a student can follow by hand
sample_state = {
    "fc1.weight": np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]], np.float32),
    "fc1.bias": np.array([0.0, -1.0, 0.5], np.float32),
    "fc2.weight": np.array([[1.0, 0.0, 1.0], [-1.0, 1.0, 0.0], [0.5, 0.5, 0.5]], np.float32),
    "fc2.bias": np.array([0.0, 0.5, -2.0], np.float32),
    "fc3.weight": np.array([[1.0, -1.0, 2.0], [0.0, 1.0, -1.0]], np.float32),
    "fc3.bias": np.array([0.25, -0.5], np.float32),
}
write("1", [2, 3, 3, 2], sample_state, np.array([[1.0, 2.0], [-3.0, 0.5]], np.float32), True)

# hidden: random sizes; 2 has a square first layer (a transposed weight still fits), 3 has one
# output and one row, 4 has one input feature
cases = [
    [5, 5, 5, 5],
    [7, 16, 8, 1],
    [1, 12, 6, 3],
    [20, 32, 16, 10],
    [64, 30, 20, 10],
    [3, 1, 4, 2],
    [10, 24, 24, 4],
]
rows = [4, 1, 9, 16, 32, 5, 12]
for i, (sizes, n) in enumerate(zip(cases, rows), start=2):
    x = rng.normal(0, 1.5, (n, sizes[0])).astype(np.float32)
    write(str(i), sizes, random_state(sizes), x)
