"""Write the data of kaggle-tabular (run by hand in this folder; the judge does not run it).

A synthetic second-hand flat market: each row is a flat sold in one city, the target is its price
in units of 10,000 yen (万円). The price is multiplicative in the features (a price per m² that
depends on the district, discounted by age and by the walk to the station, a premium for the
structure and for high floors) times log-normal noise, so a linear model on the raw columns is
only part of the way there. Some ages, walking times and structures are missing (blank in the
CSV); the true value was used for the price, so a missing value says nothing about the price.

Writes files/public/train.csv (id, features, price), files/public/test.csv (id, features) and
private/test_labels.csv (id, price, subset), where subset says whether the row is scored in the
public or in the private part. The ids are shuffled so that neither file is sorted by anything.
Then run make_tests.py, which writes tests/ from private/test_labels.csv.
"""

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
SEED = 20270201
N_TRAIN, N_TEST, N_PUBLIC = 1200, 800, 240

DISTRICTS = {  # price per m² in 万円 for a new wooden flat next to the station
    "chuo": 95.0,
    "minato": 120.0,
    "kita": 55.0,
    "higashi": 45.0,
    "nishi": 65.0,
    "minami": 38.0,
}
STRUCTURES = {"wood": 1.0, "steel": 1.12, "rc": 1.3}


def make(rng: np.random.Generator, n: int) -> pd.DataFrame:
    district = rng.choice(list(DISTRICTS), size=n, p=[0.12, 0.08, 0.2, 0.22, 0.2, 0.18])
    rooms = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.25, 0.3, 0.28, 0.12, 0.05])
    area = np.round(rng.normal(12 + 17 * rooms, 6).clip(14, 140), 1)
    age = rng.integers(0, 51, size=n)
    walk = np.round(rng.gamma(2.0, 5.0, size=n).clip(1, 40)).astype(int)
    floor = np.minimum(rng.geometric(0.25, size=n), 30)
    structure = rng.choice(list(STRUCTURES), size=n, p=[0.35, 0.25, 0.4])
    unit = np.array([DISTRICTS[d] for d in district])
    premium = np.array([STRUCTURES[s] for s in structure])
    price = (
        area
        * unit
        * np.exp(-0.022 * age)
        * (1.0 - 0.018 * walk)
        * premium
        * (1.0 + 0.012 * (floor - 1))
        * np.exp(rng.normal(0.0, 0.07, size=n))
    )
    frame = pd.DataFrame(
        {
            "area": area,
            "rooms": rooms,
            "age": pd.array(age, dtype="Int64"),
            "walk_min": pd.array(walk, dtype="Int64"),
            "floor": floor,
            "district": district,
            "structure": structure,
            "price": np.round(price, 1),
        }
    )
    frame.loc[rng.random(n) < 0.10, "age"] = pd.NA
    frame.loc[rng.random(n) < 0.06, "walk_min"] = pd.NA
    frame["structure"] = frame["structure"].astype(object)
    frame.loc[rng.random(n) < 0.08, "structure"] = None
    return frame


def main() -> None:
    rng = np.random.default_rng(SEED)
    data = make(rng, N_TRAIN + N_TEST)
    data.insert(0, "id", rng.permutation(np.arange(10001, 10001 + len(data))))
    train = data.iloc[:N_TRAIN].sort_values("id")
    test = data.iloc[N_TRAIN:].sort_values("id")
    subset = np.array(["private"] * N_TEST, dtype=object)
    subset[rng.choice(N_TEST, size=N_PUBLIC, replace=False)] = "public"
    labels = pd.DataFrame({"id": test["id"], "price": test["price"], "subset": subset})
    train.to_csv(HERE / "files/public/train.csv", index=False)
    test.drop(columns="price").to_csv(HERE / "files/public/test.csv", index=False)
    labels.to_csv(HERE / "private/test_labels.csv", index=False)
    print(train.describe(include="all").T)
    print(train.isna().sum())


if __name__ == "__main__":
    main()
