# A good model, but print(pred) prints the tensor's text "tensor([0, 2, ...])", shortened with
# "...": WA, one label per line is asked for.
import pandas as pd
import torch
from torch import nn

torch.manual_seed(0)

train = pd.read_csv("public/train.csv")
test = pd.read_csv("public/test_features.csv")
X = torch.tensor(train[["x1", "x2"]].values, dtype=torch.float32)
y = torch.tensor(train["label"].values)
X_test = torch.tensor(test[["x1", "x2"]].values, dtype=torch.float32)

model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3))
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

for epoch in range(30):
    perm = torch.randperm(len(X))
    for i in range(0, len(X), 32):
        idx = perm[i : i + 32]
        optimizer.zero_grad()
        loss = loss_fn(model(X[idx]), y[idx])
        loss.backward()
        optimizer.step()

with torch.no_grad():
    pred = model(X_test).argmax(dim=1)
print(pred)
