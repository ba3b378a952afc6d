"""Write tests/ of classification-metrics with a fixed seed (run by hand in this folder).

The answers are computed with exact fractions (fractions.Fraction) from the confusion counts and
cross-checked with scikit-learn (precision_recall_fscore_support with labels=range(K) and
zero_division=0). Each typical mistake is then checked to fail at least one test of every group
it is declared to fail in problem.yaml; the script stops otherwise.
"""

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20270107)


def exact(y_true: list[int], y_pred: list[int], k: int) -> dict:
    tp, predicted, actual = [0] * k, [0] * k, [0] * k
    for t, p in zip(y_true, y_pred):
        predicted[p] += 1
        actual[t] += 1
        tp[t] += t == p
    precision = [Fraction(tp[c], predicted[c]) if predicted[c] else Fraction(0) for c in range(k)]
    recall = [Fraction(tp[c], actual[c]) for c in range(k)]  # every class occurs in y_true
    f1 = [2 * p * r / (p + r) if p + r else Fraction(0) for p, r in zip(precision, recall)]
    return {
        "accuracy": Fraction(sum(tp), len(y_true)),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": sum(f1) / k,
    }


def mistakes(a: dict, y_true: np.ndarray, k: int) -> dict:
    """What the typical wrong programs return for macro_f1 (or instead of the whole answer)."""
    precision = [float(v) for v in a["precision"]]
    recall = [float(v) for v in a["recall"]]
    support = np.bincount(y_true, minlength=k)
    mp, mr = np.mean(precision), np.mean(recall)
    return {
        "micro": float(a["accuracy"]),
        "f1 of macro precision and recall": 2 * mp * mr / (mp + mr),
        "weighted by support": float(np.dot([float(v) for v in a["f1"]], support) / len(y_true)),
        "precision and recall swapped": float(np.mean(recall)) if precision != recall else None,
        "0/0 is NaN": float("nan") if any(v == 0 for v in precision) else None,
    }


def close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-8 + 1e-5 * abs(y)


CAUGHT: dict[str, set[str]] = {}


def write(name: str, group: str, y_true, y_pred, k: int, inline: bool = False) -> None:
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    assert y_true.shape == y_pred.shape and y_true.ndim == 1 and len(y_true) >= 1
    assert set(np.unique(y_true)) == set(range(k)), "every class must occur in y_true"
    assert 0 <= y_pred.min() and y_pred.max() < k
    a = exact(y_true.tolist(), y_pred.tolist(), k)
    p, r, f, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=list(range(k)), average=None, zero_division=0
    )
    for ours, theirs in [(a["precision"], p), (a["recall"], r), (a["f1"], f)]:
        assert np.allclose([float(v) for v in ours], theirs, rtol=1e-12, atol=0)
    for mistake, value in mistakes(a, y_true, k).items():
        if mistake == "precision and recall swapped":
            wrong = value is not None and not close(value, float(np.mean([float(v) for v in a["precision"]])))
        elif mistake == "0/0 is NaN":
            wrong = value is not None
        else:
            wrong = not close(value, float(a["macro_f1"]))
        if wrong:
            CAUGHT.setdefault(mistake, set()).add(group)
    vectors = {key: [float(v) for v in a[key]] for key in ["precision", "recall", "f1"]}
    if inline:
        args = [
            {"tensor": y_true.tolist(), "dtype": "int64"},
            {"tensor": y_pred.tolist(), "dtype": "int64"},
            k,
        ]
        arrays = {key: {"tensor": v, "dtype": "float64"} for key, v in vectors.items()}
    else:
        np.save(TESTS / f"{name}.true.npy", y_true)
        np.save(TESTS / f"{name}.pred.npy", y_pred)
        args = [{"tensor": f"{name}.true.npy"}, {"tensor": f"{name}.pred.npy"}, k]
        arrays = {}
        for key, v in vectors.items():
            np.save(TESTS / f"{name}.{key}.npy", np.array(v, dtype=np.float64))
            arrays[key] = {"tensor": f"{name}.{key}.npy"}
    answer = {
        "accuracy": float(a["accuracy"]),
        "precision": arrays["precision"],
        "recall": arrays["recall"],
        "f1": arrays["f1"],
        "macro_f1": float(a["macro_f1"]),
    }
    (TESTS / f"{name}.in").write_text(json.dumps({"args": args}) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps(answer) + "\n")
    never = [c for c in range(k) if not (y_pred == c).any()]
    print(f"{name:>3} {group:13} n={len(y_true):6} K={k:2} acc={float(a['accuracy']):.4f} "
          f"macro_f1={float(a['macro_f1']):.4f} never predicted: {never}")


def random_case(n: int, k: int, skill: float, never: int = 0, hopeless: int = 0):
    """Labels with unequal class sizes; each prediction is right with a probability that differs
    by class (around `skill`), otherwise a class drawn with a bias of its own. `never` classes are
    never predicted, `hopeless` further classes are predicted but never right."""
    while True:
        prior = rng.dirichlet(np.full(k, 1.0)) * 0.8 + 0.2 / k
        y_true = rng.choice(k, size=n, p=prior)
        if len(np.unique(y_true)) == k:
            break
    right = np.clip(rng.normal(skill, 0.15, size=k), 0.05, 0.98)
    bias = rng.dirichlet(np.full(k, 1.0))
    y_pred = np.where(rng.random(n) < right[y_true], y_true, rng.choice(k, size=n, p=bias))
    classes = rng.permutation(k)
    for c in classes[:never]:  # predict another (allowed) class instead
        others = [d for d in range(k) if d not in classes[:never]]
        y_pred[y_pred == c] = rng.choice(others, size=(y_pred == c).sum())
    for c in classes[never : never + hopeless]:
        # every c predicted so far becomes a wrong class, and some wrong rows predict c
        hit = y_pred == c
        allowed = [d for d in range(k) if d != c and d not in classes[:never]]
        y_pred[hit] = rng.choice(allowed, size=hit.sum())
        wrong_rows = np.flatnonzero(y_true != c)
        y_pred[rng.choice(wrong_rows, size=max(1, len(wrong_rows) // (3 * k)), replace=False)] = c
    for c in classes[:never]:
        assert not (y_pred == c).any()
    return y_true, y_pred


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
# 1: the sample of the statements (class 2 is never predicted)
write("1", "sample", [0, 1, 2, 2, 0, 1, 2, 0, 1, 2], [0, 1, 1, 1, 0, 0, 1, 0, 1, 1], 3, inline=True)
# binary, both classes predicted and hit
write("2", "binary", *random_case(40, 2, 0.8), 2)
write("3", "binary", *random_case(500, 2, 0.7), 2)
write("4", "binary", *random_case(3000, 2, 0.9), 2)
# several classes, each predicted at least once
write("5", "multiclass", *random_case(60, 3, 0.6), 3)
write("6", "multiclass", *random_case(1000, 5, 0.7), 5)
write("7", "multiclass", *random_case(5000, 10, 0.5), 10)
write("8", "multiclass", *random_case(100_000, 8, 0.75), 8)
# zero division: classes never predicted, classes never predicted right, tiny cases
write("9", "zero-division", *random_case(300, 4, 0.7, never=1), 4)
write("10", "zero-division", *random_case(2000, 6, 0.6, never=2, hopeless=1), 6)
write("11", "zero-division", *random_case(800, 5, 0.6, hopeless=1), 5)
write("12", "zero-division", [0, 1, 2], [1, 1, 1], 3, inline=False)
write("13", "zero-division", [1, 0], [0, 1], 2, inline=False)
for mistake, groups in sorted(CAUGHT.items()):
    print(f"    {mistake:34} caught in {sorted(groups)}")
