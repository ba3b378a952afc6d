# The most frequent class of the training data for every test point. The classes are balanced,
# so this is a third right: 0 points.
import pandas as pd

train = pd.read_csv("public/train.csv")
test = pd.read_csv("public/test_features.csv")
majority = train["label"].value_counts().idxmax()
print("\n".join(str(majority) for _ in range(len(test))))
