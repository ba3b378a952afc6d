"""Write the statement's graph of f and the coarse table students may download (run by hand).

    statement/f-graph.png          f on [-10, 10], drawn with numpy, written by a tiny PNG writer
    files/public/data/f-values.csv f on a grid of step 0.5: enough to choose a starting point,
                                   far too coarse to be an answer (the nearest grid point to the
                                   minimiser is 0.19 away; a score needs it within 0.02)

Both files are deterministic, so running this again changes nothing.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
WIDTH, HEIGHT, MARGIN = 560, 260, 20
X_RANGE, Y_RANGE = (-10.0, 10.0), (-0.55, 0.05)


def f(x: np.ndarray) -> np.ndarray:
    return -np.log(1 / (1 + np.exp(-x)) + 1) / (x**2 + 1)


def to_pixels(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    (x0, x1), (y0, y1) = X_RANGE, Y_RANGE
    cols = MARGIN + (x - x0) / (x1 - x0) * (WIDTH - 2 * MARGIN)
    rows = MARGIN + (y1 - y) / (y1 - y0) * (HEIGHT - 2 * MARGIN)
    return np.round(rows).astype(int), np.round(cols).astype(int)


def draw() -> np.ndarray:
    image = np.full((HEIGHT, WIDTH, 3), 255, dtype=np.uint8)
    grey, blue = (170, 170, 170), (31, 92, 170)
    zero_row, zero_col = to_pixels(np.array([0.0]), np.array([0.0]))
    image[zero_row[0], MARGIN : WIDTH - MARGIN] = grey  # the x axis (f = 0)
    image[MARGIN : HEIGHT - MARGIN, zero_col[0]] = grey  # the y axis (x = 0)
    for tick in range(-10, 11, 2):  # a tick every 2 units of x
        row, col = to_pixels(np.array([float(tick)]), np.array([0.0]))
        image[row[0] - 4 : row[0] + 5, col[0]] = grey
    xs = np.linspace(*X_RANGE, 20_000)
    rows, cols = to_pixels(xs, f(xs))
    for dr in (-1, 0, 1):  # a line three pixels thick
        for dc in (-1, 0, 1):
            image[rows + dr, cols + dc] = blue
    return image


def png(image: np.ndarray) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    height, width, _ = image.shape
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = b"".join(b"\0" + image[r].tobytes() for r in range(height))  # filter 0 per row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def table() -> str:
    xs = np.arange(-10.0, 10.0 + 0.25, 0.5)
    return "x,f\n" + "".join(f"{x:g},{y:.10f}\n" for x, y in zip(xs, f(xs)))


def main() -> None:
    (HERE / "statement").mkdir(exist_ok=True)
    (HERE / "statement" / "f-graph.png").write_bytes(png(draw()))
    data = HERE / "files" / "public" / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "f-values.csv").write_text(table())


if __name__ == "__main__":
    main()
