import pandas as pd
import torch
from torch import nn

torch.manual_seed(0)  # 同じ初期値・同じミニバッチの順番になり、毎回同じ結果になる

train = pd.read_csv("public/train.csv")
test = pd.read_csv("public/test_features.csv")
X = torch.tensor(train[["x1", "x2"]].values, dtype=torch.float32)
y = torch.tensor(train["label"].values)  # int64 のクラス番号 0, 1, 2
X_test = torch.tensor(test[["x1", "x2"]].values, dtype=torch.float32)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 64)
        self.fc2 = nn.Linear(64, 64)
        self.fc3 = nn.Linear(64, 3)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)  # softmax の前の値 (CrossEntropyLoss が softmax を計算する)


model = MLP()
loss_fn = nn.CrossEntropyLoss()  # softmax + 交差エントロピー誤差
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

batch_size = 32
for epoch in range(20):
    perm = torch.randperm(len(X))  # エポックごとにシャッフルしてミニバッチに分ける
    for i in range(0, len(X), batch_size):
        idx = perm[i : i + batch_size]
        optimizer.zero_grad()  # 前のステップの勾配を消す
        loss = loss_fn(model(X[idx]), y[idx])
        loss.backward()
        optimizer.step()

with torch.no_grad():
    pred = model(X_test).argmax(dim=1)  # いちばん大きい出力のクラス
print("\n".join(str(label) for label in pred.tolist()))
