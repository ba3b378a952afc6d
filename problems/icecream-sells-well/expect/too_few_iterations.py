# Partly right: a safe learning rate on the raw temperature, but only 1000 steps. The slope is
# found quickly, the intercept b only slowly (the loss is much flatter along b), so the fit stops
# about 9% above the least-squares loss: partial score. float64 and rounding keep the score exact.
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float64)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float64)

a = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
b = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
lr = 0.0005
for i in range(1000):
    loss = ((y - (a * x + b)) ** 2).mean()
    loss.backward()
    a.data = a.data - lr * a.grad
    b.data = b.data - lr * b.grad
    a.grad.zero_()
    b.grad.zero_()

print(round(a.item(), 4), round(b.item(), 4))
