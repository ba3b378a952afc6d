# Wrong: prints the tensors themselves, "tensor(36.0078, requires_grad=True) tensor(...)", not
# numbers (and with 4 digits only). print(a.item(), b.item()) is what was meant.
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)

a = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for i in range(10001):
    loss = ((y - (a * x + b)) ** 2).mean()
    loss.backward()
    a.data = a.data - 0.001 * a.grad
    b.data = b.data - 0.001 * b.grad
    a.grad.zero_()
    b.grad.zero_()

print(a, b)
