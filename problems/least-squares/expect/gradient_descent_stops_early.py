# Wrong: gradient descent on (a, b), stopped after 5000 steps. The learning rate is chosen so
# that it never diverges (lr < 1 / mean(x^2)), yet when the xs are far from 0 and close together
# (x around 1000) the valley of L(a, b) is so narrow that b has hardly moved when the loop stops.
# The closed form (see the hint) has no such problem.
import numpy as np

n = int(input())
xs = np.array(input().split(), dtype=float)
ys = np.array(input().split(), dtype=float)

a, b = 0.0, 0.0
lr = 0.5 / np.mean(xs**2 + 1)
for _ in range(5000):
    r = ys - (a * xs + b)
    a = a + lr * 2 * np.mean(r * xs)
    b = b + lr * 2 * np.mean(r)
print(np.mean((ys - (a * xs + b)) ** 2))
