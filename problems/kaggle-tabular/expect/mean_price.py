# A constant: the mean price of the training data for every flat. It ignores every feature, so
# it must score nothing (RMSE about 1300 and 1500, beyond the 0-point threshold of 900).
import sys

import pandas as pd

train = pd.read_csv("public/train.csv")
test = pd.read_csv("public/test.csv")
test["price"] = round(train["price"].mean(), 1)
test[["id", "price"]].to_csv(sys.stdout, index=False)
