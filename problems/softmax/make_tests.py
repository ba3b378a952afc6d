"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Answers are computed with mpmath at 50 digits straight from the definition exp(x_i) / sum exp(x_j)
(no shift needed: mpmath has no overflow), then rounded to float64. Tests 2-4 are "moderate"
(|x| <= 10, where even exp(x) without the shift works); tests 5-10 are "large": exp(x) overflows
(777.0) or every exp(x) underflows to 0 in float64.
"""

import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50


def softmax(xs: list[str]) -> list[float]:
    es = [mp.exp(mp.mpf(x)) for x in xs]
    total = mp.fsum(es)
    return [float(e / total) for e in es]


def main() -> None:
    rng = random.Random(20240715)
    cases = [
        "1.0 2.0 3.0",  # the sample
        # moderate
        " ".join(f"{rng.uniform(-10, 10):.3f}" for _ in range(7)),
        "2 -1 0 3",  # integers
        "0.5",  # n = 1
        # large
        "777.0 778.0 775.5",  # exp(777) overflows float64
        "-1000 -999.5 -998",  # every exp underflows to 0: 0 / 0 without the shift
        "1000 -1000 0 999.99",
        " ".join(f"{rng.uniform(992, 1000):.2f}" for _ in range(10)),  # all overflow, none tiny
        "777.0 777.0 777.0",
        "-1000",  # n = 1 again, with exp(-1000) = 0
    ]
    tests = Path(__file__).parent / "tests"
    for number, line in enumerate(cases, start=1):
        xs = line.split()
        assert 1 <= len(xs) <= 10 and all(abs(float(x)) <= 1000 for x in xs)
        answer = softmax(xs)
        (tests / f"{number}.in").write_text(line + "\n")
        (tests / f"{number}.ans").write_text(" ".join(repr(p) for p in answer) + "\n")
        print(f"{number:2}  {line[:50]:50}  {[f'{p:.4g}' for p in answer][:4]}")


if __name__ == "__main__":
    main()
