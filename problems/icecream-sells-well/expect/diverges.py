# Wrong: the lecture's learning rate 0.01 on the raw temperature (8 to 34 °C). The slope's
# gradient is about 2·mean(x²) ≈ 900 times its distance from the optimum, so every step
# overshoots: a and b blow up to inf and then nan, and "nan nan" scores 0. Standardise x, or
# take lr below 2 / (2·mean(x²)) ≈ 0.002.
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)

a = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.01
for i in range(1000):
    loss = ((y - (a * x + b)) ** 2).mean()
    loss.backward()
    a.data = a.data - lr * a.grad
    b.data = b.data - lr * b.grad
    a.grad.zero_()
    b.grad.zero_()

print(a.item(), b.item())
