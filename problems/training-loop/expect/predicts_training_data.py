# A good model, but it prints its predictions for the 2100 training points instead of the 900
# test points: WA, the checker expects 900 lines.
import pandas as pd
import torch
from torch import nn

torch.manual_seed(0)

train = pd.read_csv("public/train.csv")
X = torch.tensor(train[["x1", "x2"]].values, dtype=torch.float32)
y = torch.tensor(train["label"].values)

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
    pred = model(X).argmax(dim=1)
print("\n".join(str(label) for label in pred.tolist()))
