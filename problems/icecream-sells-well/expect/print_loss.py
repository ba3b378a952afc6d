# Wrong: prints the final loss (as the earlier judge asked) instead of the fitted a and b. The
# judge computes the loss of a and b itself and never trusts a printed one.
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)
z = (x - x.mean()) / x.std()

a = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for i in range(1000):
    loss = ((y - (a * z + b)) ** 2).mean()
    loss.backward()
    a.data = a.data - 0.1 * a.grad
    b.data = b.data - 0.1 * b.grad
    a.grad.zero_()
    b.grad.zero_()

print(loss.item())
