# The same linear model of log(price) as the reference, but the missing values are handled with
# dropna() on the test data too: the flats with a missing age, walk or structure get no
# prediction at all, and a submission that leaves out test rows scores nothing.
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

train = pd.read_csv("public/train.csv").dropna()
test = pd.read_csv("public/test.csv").dropna()


def features(df):
    X = df.drop(columns=["id", "price"], errors="ignore")
    X["area"] = np.log(X["area"])
    return pd.get_dummies(X, columns=["district", "structure"], dtype=float)


X_train = features(train)
X_test = features(test).reindex(columns=X_train.columns, fill_value=0.0)
model = LinearRegression().fit(X_train, np.log(train["price"]))
test["price"] = np.exp(model.predict(X_test)).round(1)
test[["id", "price"]].to_csv(sys.stdout, index=False)
