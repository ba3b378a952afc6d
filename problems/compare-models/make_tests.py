"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

The answer is the 1-based index of the candidate (a_j, b_j) with the smallest sum of squared errors
S_j = sum (y_i - (a_j x_i + b_j))^2 (the same order as the mean L_j = S_j / n), computed exactly
with Python integers; ties go to the smallest index. Random tests use a fixed seed. The script
asserts the limits and the trap each test is meant to set (a tie, MAE disagreeing, a near tie).
"""

import random
from pathlib import Path

N_MAX, K_MAX, X_MAX, Y_MAX, A_MAX, B_MAX = 1000, 100, 1000, 10**6, 100, 10**6
rng = random.Random(3)

Case = tuple[list[int], list[int], list[tuple[int, int]]]


def sse(xs: list[int], ys: list[int], a: int, b: int) -> int:
    return sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys))


def sae(xs: list[int], ys: list[int], a: int, b: int) -> int:
    return sum(abs(y - (a * x + b)) for x, y in zip(xs, ys))


def best(losses: list[int]) -> int:
    return losses.index(min(losses)) + 1  # list.index: the first, i.e. the smallest index


def cases() -> list[tuple[Case, str]]:
    out: list[tuple[Case, str]] = []
    # 1 (sample): the lecture's three candidates on five made-up months.
    out.append(
        (
            (
                [25, 30, 18, 33, 12],
                [1000, 1200, 800, 1300, 500],
                [(20, 100), (-20, 1000), (50, -300)],
            ),
            "",
        )
    )
    # 2: k = 1.
    out.append((([1, 2, 3], [2, 4, 7], [(2, 0)]), ""))
    # 3: n = 1, the best candidate is last.
    out.append((([10], [-5], [(1, 0), (0, 0), (-1, 4)]), ""))
    # 4: an exact tie for the minimum between candidates 2 and 4 (data on y = 3x - 7; b +- 1).
    xs = [rng.randint(-X_MAX, X_MAX) for _ in range(40)]
    out.append(((xs, [3 * x - 7 for x in xs], [(3, 10), (3, -6), (2, -7), (3, -8), (3, 5)]), "tie"))
    # 5: an outlier. Candidate 1 fits 19 points exactly and misses the outlier by 1000 (small
    # absolute error, large squared error); candidate 2 is off by 60 everywhere.
    xs = list(range(20))
    ys = [5 * x + 20 for x in xs]
    ys[-1] += 1000
    out.append(((xs, ys, [(5, 20), (5, 80), (0, 0)]), "mae"))
    # 6: random data near a line, 20 candidates around it.
    xs = [rng.randint(0, 40) for _ in range(200)]
    ys = [36 * x + 126 + rng.randint(-300, 300) for x in xs]
    cands = [(36 + rng.randint(-10, 10), 126 + rng.randint(-200, 200)) for _ in range(20)]
    out.append(((xs, ys, cands), ""))
    # 7: a near tie at large values. The data lie on y = 100x + 5 with sum of errors 1; the
    # candidates b +- D have S differing by 4D = 4e5 out of ~1e13: float32 (7 digits) cannot tell.
    n, D = N_MAX, 10**5
    xs = [rng.randint(-X_MAX, X_MAX) for _ in range(n)]
    errs = [rng.choice([-1, 1]) for _ in range(n - 1)]
    errs.append(1 - sum(errs))
    ys = [100 * x + 5 + e for x, e in zip(xs, errs)]
    out.append(((xs, ys, [(100, 5 - D), (100, 5 + D), (-100, 5)]), "near-tie"))
    # 8: k = K_MAX random candidates, the best is the last one.
    xs = [rng.randint(-X_MAX, X_MAX) for _ in range(N_MAX)]
    ys = [-37 * x + 4000 + rng.randint(-5000, 5000) for x in xs]
    cands = [(rng.randint(-A_MAX, A_MAX), rng.randint(-(10**5), 10**5)) for _ in range(K_MAX - 1)]
    out.append(((xs, ys, cands + [(-37, 4000)]), "last"))
    # 9: random data with a few outliers and candidates near the line: MSE and MAE disagree.
    xs = [rng.randint(-500, 500) for _ in range(300)]
    ys = [12 * x - 900 + rng.randint(-50, 50) for x in xs]
    for i in rng.sample(range(300), 6):
        ys[i] += rng.choice([-1, 1]) * 40_000
    cands = [(12 + rng.randint(-1, 1), -900 + rng.randint(-300, 300)) for _ in range(30)]
    out.append(((xs, ys, cands), "mae"))
    # 10: the largest residuals the limits allow.
    xs = [rng.choice([-X_MAX, X_MAX]) for _ in range(N_MAX)]
    ys = [Y_MAX if x < 0 else -Y_MAX for x in xs]
    out.append(((xs, ys, [(A_MAX, B_MAX), (-A_MAX, -B_MAX), (A_MAX, -B_MAX), (0, 0)]), ""))
    return out


def main() -> None:
    tests = Path(__file__).parent / "tests"
    answers = []
    for number, ((xs, ys, cands), trap) in enumerate(cases(), start=1):
        n, k = len(xs), len(cands)
        assert 1 <= n <= N_MAX and len(ys) == n and 1 <= k <= K_MAX
        assert all(abs(x) <= X_MAX for x in xs) and all(abs(y) <= Y_MAX for y in ys)
        assert all(abs(a) <= A_MAX and abs(b) <= B_MAX for a, b in cands)
        losses = [sse(xs, ys, a, b) for a, b in cands]
        assert max(losses) < 2**53  # float64 holds every S_j exactly
        answer = best(losses)
        ranked = sorted(losses)
        if trap == "tie":
            assert losses.count(ranked[0]) == 2, losses
        if trap == "mae":
            assert best([sae(xs, ys, a, b) for a, b in cands]) != answer
        if trap == "near-tie":
            assert ranked[1] - ranked[0] < 1e-7 * ranked[0] and answer != 1, losses
        if trap == "last":
            assert answer == k and ranked[0] < ranked[1]
        lines = [f"{n} {k}", " ".join(map(str, xs)), " ".join(map(str, ys))]
        lines += [f"{a} {b}" for a, b in cands]
        (tests / f"{number}.in").write_text("\n".join(lines) + "\n")
        (tests / f"{number}.ans").write_text(f"{answer}\n")
        answers.append(answer)
        print(f"{number:2}  n = {n:4}  k = {k:3}  answer = {answer}  {trap}")
    assert len(set(answers[1:])) >= 3  # hidden answers vary, so no constant passes them all


if __name__ == "__main__":
    main()
