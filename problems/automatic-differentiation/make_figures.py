"""Draw the statement's computation graph, statement/graph.png (run by hand from this folder).

    u = w1·x,  h = σ(u),  z = w2·h + u,  y = σ(z)

Circles are variables, grey squares are operations. The two edges that leave u are coloured
(blue through σ and h, orange the skip connection straight into the sum): ∂y/∂u is the sum of
what arrives along both. Drawn with numpy only (shapes as distance tests on a 4× supersampled
canvas, labels from a small bitmap font below) and written by a tiny PNG writer, so it needs
nothing outside the judge's runtime. Deterministic: running it again writes the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
WIDTH, HEIGHT, SS = 900, 300, 4  # output size in pixels, supersampling factor

BLACK, GREY, FILL = (40, 40, 40), (225, 225, 225), (255, 255, 255)
BLUE, ORANGE = (31, 92, 170), (214, 110, 20)

# 5×7 glyphs ('#' = ink) for the few characters the figure needs.
GLYPHS = {
    "x": ["     ", "     ", "#   #", " # # ", "  #  ", " # # ", "#   #"],
    "w": ["     ", "     ", "#   #", "#   #", "# # #", "# # #", " # # "],
    "u": ["     ", "     ", "#   #", "#   #", "#   #", "#  ##", " ## #"],
    "h": ["#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#   #"],
    "z": ["     ", "     ", "#####", "   # ", "  #  ", " #   ", "#####"],
    "y": ["     ", "     ", "#   #", "#   #", " ####", "    #", " ### "],
    "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
    "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
    "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
    "×": ["     ", "#   #", " # # ", "  #  ", " # # ", "#   #", "     "],
    "σ": ["     ", "     ", " ####", "#  # ", "#   #", "#   #", " ### "],
}

# name: (column, row, label, subscript); variables are circles, operations squares.
VARIABLES = {
    "x": (60, 150, "x", ""),
    "w1": (60, 260, "w", "1"),
    "u": (250, 205, "u", ""),
    "h": (440, 120, "h", ""),
    "w2": (440, 40, "w", "2"),
    "z": (690, 205, "z", ""),
    "y": (850, 205, "y", ""),
}
OPERATIONS = {
    "mul1": (155, 205, "×"),
    "sig1": (345, 120, "σ"),
    "mul2": (540, 80, "×"),
    "add": (600, 205, "+"),
    "sig2": (770, 205, "σ"),
}
EDGES = [  # (from, to, colour)
    ("x", "mul1", BLACK),
    ("w1", "mul1", BLACK),
    ("mul1", "u", BLACK),
    ("u", "sig1", BLUE),
    ("sig1", "h", BLUE),
    ("h", "mul2", BLUE),
    ("w2", "mul2", BLACK),
    ("mul2", "add", BLUE),
    ("u", "add", ORANGE),
    ("add", "z", BLACK),
    ("z", "sig2", BLACK),
    ("sig2", "y", BLACK),
]
RADIUS, HALF_SQUARE, LINE = 24, 19, 2.5


class Canvas:
    def __init__(self) -> None:
        self.rgb = np.ones((HEIGHT * SS, WIDTH * SS, 3)) * 255
        rows, cols = np.mgrid[0 : HEIGHT * SS, 0 : WIDTH * SS]
        self.py = (rows + 0.5) / SS  # pixel centres in output coordinates
        self.px = (cols + 0.5) / SS

    def paint(self, mask: np.ndarray, colour) -> None:
        self.rgb[mask] = colour

    def segment(self, a, b, colour, width=LINE) -> None:
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        t = np.clip(((self.px - ax) * dx + (self.py - ay) * dy) / (dx * dx + dy * dy), 0, 1)
        dist = np.hypot(self.px - (ax + t * dx), self.py - (ay + t * dy))
        self.paint(dist <= width / 2, colour)

    def arrow(self, a, b, colour) -> None:
        (ax, ay), (bx, by) = a, b
        length = np.hypot(bx - ax, by - ay)
        ux, uy = (bx - ax) / length, (by - ay) / length
        base = (bx - 11 * ux, by - 11 * uy)
        self.segment(a, base, colour)
        # The head: a triangle with its tip at b, 11 px long and 12 px wide.
        left = (base[0] - 6 * uy, base[1] + 6 * ux)
        right = (base[0] + 6 * uy, base[1] - 6 * ux)
        self.triangle((bx, by), left, right, colour)

    def triangle(self, p, q, r, colour) -> None:
        def side(a, b):
            return (b[0] - a[0]) * (self.py - a[1]) - (b[1] - a[1]) * (self.px - a[0])

        s1, s2, s3 = side(p, q), side(q, r), side(r, p)
        inside = ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))
        self.paint(inside, colour)

    def circle(self, centre, radius) -> None:
        dist = np.hypot(self.px - centre[0], self.py - centre[1])
        self.paint(dist <= radius + LINE / 2, BLACK)
        self.paint(dist <= radius - LINE / 2, FILL)

    def square(self, centre, half) -> None:
        dist = np.maximum(abs(self.px - centre[0]), abs(self.py - centre[1]))
        self.paint(dist <= half + LINE / 2, BLACK)
        self.paint(dist <= half - LINE / 2, GREY)

    def text(self, left, top, string, scale) -> None:
        for k, char in enumerate(string):
            bitmap = np.array([[c == "#" for c in row] for row in GLYPHS[char]])
            big = np.kron(bitmap, np.ones((scale * SS, scale * SS), dtype=bool))
            r0 = int(round(top * SS))
            c0 = int(round((left + k * 6 * scale) * SS))
            region = self.rgb[r0 : r0 + big.shape[0], c0 : c0 + big.shape[1]]
            region[big] = BLACK

    def label(self, centre, string, subscript="") -> None:
        scale, sub = 4, 2
        width = 5 * scale + (6 * sub if subscript else 0)
        left, top = centre[0] - width / 2, centre[1] - 3.5 * scale - (2 if subscript else 0)
        self.text(left, top, string, scale)
        if subscript:
            self.text(left + 5 * scale + sub, top + 7 * scale - 5 * sub, subscript, sub)

    def image(self) -> np.ndarray:
        small = self.rgb.reshape(HEIGHT, SS, WIDTH, SS, 3).mean(axis=(1, 3))
        return np.round(small).astype(np.uint8)


def border_point(name: str, towards) -> tuple[float, float]:
    """Where the edge from the centre of `name` towards `towards` leaves its circle or square."""
    if name in VARIABLES:
        cx, cy = VARIABLES[name][:2]
        reach = RADIUS + LINE
    else:
        cx, cy = OPERATIONS[name][:2]
    dx, dy = towards[0] - cx, towards[1] - cy
    length = np.hypot(dx, dy)
    if name in OPERATIONS:  # a ray from the centre meets the square at max(|dx|, |dy|) = half
        reach = (HALF_SQUARE + LINE) * length / max(abs(dx), abs(dy))
    return cx + reach * dx / length, cy + reach * dy / length


def centre(name: str) -> tuple[float, float]:
    node = VARIABLES.get(name) or OPERATIONS[name]
    return node[0], node[1]


def draw() -> np.ndarray:
    canvas = Canvas()
    for start, end, colour in EDGES:
        a = border_point(start, centre(end))
        b = border_point(end, centre(start))
        canvas.arrow(a, b, colour)
    for x, y, label, subscript in VARIABLES.values():
        canvas.circle((x, y), RADIUS)
        canvas.label((x, y), label, subscript)
    for x, y, label in OPERATIONS.values():
        canvas.square((x, y), HALF_SQUARE)
        canvas.label((x, y), label)
    return canvas.image()


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


def main() -> None:
    (HERE / "statement").mkdir(exist_ok=True)
    (HERE / "statement" / "graph.png").write_bytes(png(draw()))


if __name__ == "__main__":
    main()
