# Wrong: fits the ice cream to the precipitation (降水量の合計(mm)), the column next to the
# temperature. The fit is fine for that column, but the judge scores a and b as a·temperature + b,
# and for the temperature they are far off: 0 points.
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["降水量の合計(mm)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)
mean, std = x.mean(), x.std()
z = (x - mean) / std

a = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for i in range(1000):
    loss = ((y - (a * z + b)) ** 2).mean()
    loss.backward()
    a.data = a.data - 0.1 * a.grad
    b.data = b.data - 0.1 * b.grad
    a.grad.zero_()
    b.grad.zero_()

print(a.item() / std.item(), b.item() - a.item() * mean.item() / std.item())
