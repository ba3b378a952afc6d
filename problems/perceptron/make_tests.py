"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

The answer w^T x + b is computed with Python's unbounded integers (exact), not with numpy like
solution.py. Test 1 is the sample of the statement; the others are random (fixed seed) or edge
cases: n = 1, b = 0 with all terms cancelling, the largest n and the largest magnitudes.
"""

import random
from pathlib import Path

N_MAX, V_MAX = 100_000, 1000


def case(rng: random.Random, n: int, v: int) -> tuple[list[int], list[int], int]:
    xs = [rng.randint(-v, v) for _ in range(n)]
    ws = [rng.randint(-v, v) for _ in range(n)]
    return xs, ws, rng.randint(-v, v)


def main() -> None:
    rng = random.Random(20240708)
    cases = [
        ([1, 2, 3], [4, -5, 6], -7),  # the sample: 4 - 10 + 18 - 7 = 5
        ([-8], [9], 1000),  # n = 1
        ([1, 1, 1, 1], [3, -1, -1, -1], 0),  # w^T x = 0 and b = 0
        case(rng, 5, 10),
        case(rng, 10, 1000),
        ([0] * 7, [5] * 7, -3),  # only b remains
        case(rng, 1000, 1000),
        case(rng, N_MAX, 1000),
        ([V_MAX] * N_MAX, [-V_MAX] * N_MAX, -V_MAX),  # the smallest possible answer
        case(rng, 99_999, 1000),
    ]
    tests = Path(__file__).parent / "tests"
    for number, (xs, ws, b) in enumerate(cases, start=1):
        assert len(xs) == len(ws) <= N_MAX and max(map(abs, xs + ws + [b])) <= V_MAX
        answer = sum(x * w for x, w in zip(xs, ws)) + b
        text = f"{len(xs)}\n{' '.join(map(str, xs))}\n{' '.join(map(str, ws))}\n{b}\n"
        (tests / f"{number}.in").write_text(text)
        (tests / f"{number}.ans").write_text(f"{answer}\n")
        print(f"{number:2}  n = {len(xs):6}  answer = {answer}")


if __name__ == "__main__":
    main()
