"""Write tests/public.ans and tests/private.ans of kaggle-tabular from private/test_labels.csv.

Run make_data.py first, then this script, in this folder (the judge runs neither). Each .ans is a
perfect submission restricted to the rows its test scores (the header, then `id,price` for every
row of that subset, with the true price), so it passes its own checker; the checker takes the set
of scored ids from it and the true prices from private/test_labels.csv. There is no .in: the
submission reads public/train.csv and public/test.csv itself, the same way in both tests.
"""

from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent


def main() -> None:
    labels = pd.read_csv(HERE / "private/test_labels.csv")
    tests = HERE / "tests"
    tests.mkdir(exist_ok=True)
    for old in tests.iterdir():
        old.unlink()
    for subset in ["public", "private"]:
        rows = labels[labels["subset"] == subset]
        text = "id,price\n" + "".join(f"{i},{p}\n" for i, p in zip(rows["id"], rows["price"]))
        (tests / f"{subset}.ans").write_text(text)
        print(subset, len(rows), "rows")


if __name__ == "__main__":
    main()
