# Wrong: prints one fixed 20 x 30 matrix (like the sample's answer) whatever the input asks for.
import numpy as np

a = (6 / 50) ** 0.5
for row in np.random.default_rng(1).uniform(-a, a, size=(20, 30)):
    print(*row.tolist())
