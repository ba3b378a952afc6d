# The model is built but never trained: its predictions come from the random initial weights
# (about a third right): 0 points.
import pandas as pd
import torch
from torch import nn

torch.manual_seed(0)

test = pd.read_csv("public/test_features.csv")
X_test = torch.tensor(test[["x1", "x2"]].values, dtype=torch.float32)

model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3))
with torch.no_grad():
    pred = model(X_test).argmax(dim=1)
print("\n".join(str(label) for label in pred.tolist()))
