"""Writes the data of training-loop (run by hand in this folder; a fixed seed, so rerunning it
rewrites the same files).

    files/public/train.csv          2100 labelled points: x1,x2,label (700 per class)
    files/public/test_features.csv  900 points without labels: x1,x2 (300 per class, shuffled)
    private/test_labels.csv         their labels (the checker reads them; never in the sandbox)
    tests/1.ans                     the same labels, one per line: a perfect output
    statement/train.png             the training points, coloured by class

The data are synthetic: three interleaved spiral arms in the plane (the classic "spiral" task of
neural-network playgrounds). Point i of class c lies at radius r = 3t and angle
2*pi*(0.6 t + c/3) for t uniform in [0.15, 1], plus Gaussian noise of standard deviation 0.25 in
each coordinate. No straight line separates the arms: a linear model (softmax regression) gets
about 67 % of the test points right, an MLP with hidden layers 97-99 %, and the best possible
classifier (the Bayes rule of this generating process, estimated below) about 99 %. An untrained
network labels about a third right (at most about 60 % for a rare lucky initialisation), as does
predicting one class for every point (exactly 1/3: the classes are balanced).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
K, TURNS, NOISE = 3, 0.6, 0.25
N_TRAIN, N_TEST = 700, 300  # per class


def centre(t: np.ndarray, c: np.ndarray) -> np.ndarray:
    angle = 2 * np.pi * (TURNS * t + c / K)
    return np.stack([3 * t * np.cos(angle), 3 * t * np.sin(angle)], axis=-1)


def sample(n_per_class: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = rng.permutation(np.repeat(np.arange(K), n_per_class))
    t = rng.uniform(0.15, 1.0, len(y))
    x = centre(t, y) + rng.normal(0.0, NOISE, (len(y), 2))
    return np.round(x, 4), y


def bayes_accuracy(x: np.ndarray, y: np.ndarray) -> float:
    """Accuracy of the Bayes rule: p(x | c) integrated over t on a fine grid."""
    ts = np.linspace(0.15, 1.0, 2001)
    scores = []
    for c in range(K):
        centres = centre(ts, np.full_like(ts, c))  # (T, 2)
        d2 = ((x[:, None, :] - centres[None, :, :]) ** 2).sum(-1)  # (N, T)
        scores.append(np.exp(-d2 / (2 * NOISE**2)).mean(1))
    return float((np.argmax(np.stack(scores, 1), 1) == y).mean())


def png(image: np.ndarray) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    height, width, _ = image.shape
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = b"".join(b"\0" + image[r].tobytes() for r in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def draw(x: np.ndarray, y: np.ndarray, size: int = 360, extent: float = 4.0) -> np.ndarray:
    image = np.full((size, size, 3), 255, dtype=np.uint8)
    grey = (190, 190, 190)
    mid = size // 2
    image[mid, :] = grey  # the axes x1 = 0 and x2 = 0
    image[:, mid] = grey
    colours = [(31, 92, 170), (214, 96, 0), (40, 150, 60)]  # class 0 blue, 1 orange, 2 green
    cols = np.round((x[:, 0] + extent) / (2 * extent) * (size - 1)).astype(int)
    rows = np.round((extent - x[:, 1]) / (2 * extent) * (size - 1)).astype(int)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            r, c = np.clip(rows + dr, 0, size - 1), np.clip(cols + dc, 0, size - 1)
            for k in range(K):
                image[r[y == k], c[y == k]] = colours[k]
    return image


def main() -> None:
    rng = np.random.default_rng(20240717)
    x_train, y_train = sample(N_TRAIN, rng)
    x_test, y_test = sample(N_TEST, rng)
    public = HERE / "files" / "public"
    public.mkdir(parents=True, exist_ok=True)
    (HERE / "private").mkdir(exist_ok=True)
    (HERE / "tests").mkdir(exist_ok=True)
    (HERE / "statement").mkdir(exist_ok=True)
    with open(public / "train.csv", "w") as f:
        f.write("x1,x2,label\n")
        for (a, b), label in zip(x_train, y_train):
            f.write(f"{a:.4f},{b:.4f},{label}\n")
    with open(public / "test_features.csv", "w") as f:
        f.write("x1,x2\n")
        for a, b in x_test:
            f.write(f"{a:.4f},{b:.4f}\n")
    labels = "".join(f"{label}\n" for label in y_test)
    (HERE / "private" / "test_labels.csv").write_text("label\n" + labels)
    (HERE / "tests" / "1.ans").write_text(labels)
    (HERE / "statement" / "train.png").write_bytes(png(draw(x_train, y_train)))
    print(f"Bayes accuracy on the test set: {bayes_accuracy(x_test, y_test):.4f}")
    big_x, big_y = sample(3000, np.random.default_rng(1))
    print(f"Bayes accuracy on 9000 fresh points: {bayes_accuracy(big_x, big_y):.4f}")


if __name__ == "__main__":
    main()
