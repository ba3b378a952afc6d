# Wrong: reads the CSVs without encoding="shift_jis". pandas decodes them as UTF-8 and stops at
# the first Japanese byte with UnicodeDecodeError: a runtime error (RE).
import pandas as pd
import torch

ice = pd.read_csv("public/data/icecream-spending-2003-2012.csv", skiprows=1)
weather = pd.read_csv("public/data/tokyo-weather-2003-2012.csv")
data = pd.merge(ice, weather, on=["年", "月"])
x = torch.tensor(data["日最高気温の平均(℃)"].to_numpy(), dtype=torch.float32)
y = torch.tensor(data["アイスクリーム"].to_numpy(), dtype=torch.float32)
print(x.mean().item(), y.mean().item())
