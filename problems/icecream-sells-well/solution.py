# Reference solution: fit sales = a * temperature + b by gradient descent with torch autograd.
import pandas as pd
import torch

# Both files are Shift_JIS; the first line of the ice-cream file is a comment (the survey's title).
ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", encoding="shift_jis", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv", encoding="shift_jis")
data = pd.merge(ice, weather, on=["年", "月"])  # the same month in both tables

x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)

# Standardise the temperature so that one learning rate suits both parameters.
mean, std = x.mean(), x.std()
z = (x - mean) / std

a = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.1

for i in range(1000):
    loss = ((y - (a * z + b)) ** 2).mean()  # mean squared error
    loss.backward()
    a.data = a.data - lr * a.grad
    b.data = b.data - lr * b.grad
    a.grad.zero_()
    b.grad.zero_()

# a * (x - mean) / std + b = (a / std) * x + (b - a * mean / std)
a_x = a.item() / std.item()
b_x = b.item() - a.item() * mean.item() / std.item()
print(a_x, b_x)
