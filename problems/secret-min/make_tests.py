"""Write tests/1.ans: the hidden integer y (run by hand; not used by the judge).

The game has no input, so the only test is y itself, drawn once with a fixed seed. The draw
avoids |y| < 10 so that a guess of 0 (the most common first try) scores nothing.
"""

import random
from pathlib import Path


def main() -> None:
    rng = random.Random(20240624)  # the date of the first lecture
    y = 0
    while abs(y) < 10:
        y = rng.randint(-1000, 1000)
    tests = Path(__file__).parent / "tests"
    (tests / "1.ans").write_text(f"{y}\n")
    print(f"y = {y}")


if __name__ == "__main__":
    main()
