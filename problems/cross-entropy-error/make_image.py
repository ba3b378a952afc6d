"""Write statement/digits.png: one handwritten digit of each class 0-9 (run by hand).

The images are the 8×8 digits bundled with scikit-learn (`sklearn.datasets.load_digits`, a small
MNIST stand-in from the UCI "Optical Recognition of Handwritten Digits" data set), each scaled up
12 times with nearest-neighbour pixels. The PNG is written with numpy and zlib only.
"""

import struct
import zlib
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

SCALE, GAP = 12, 6


def png(gray: np.ndarray) -> bytes:
    """8-bit grayscale PNG of a 2-D uint8 array."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    height, width = gray.shape
    raw = b"".join(b"\x00" + row.tobytes() for row in gray)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    digits = load_digits()
    side = 8 * SCALE
    canvas = np.full((side + 2 * GAP, 10 * (side + GAP) + GAP), 255, dtype=np.uint8)
    for label in range(10):
        image = digits.images[np.flatnonzero(digits.target == label)[0]]  # values 0..16
        big = np.kron(image, np.ones((SCALE, SCALE)))
        left = GAP + label * (side + GAP)
        canvas[GAP : GAP + side, left : left + side] = 255 - np.round(big * 255 / 16)
    out = Path(__file__).parent / "statement" / "digits.png"
    out.write_bytes(png(canvas))
    print(out, canvas.shape)


if __name__ == "__main__":
    main()
