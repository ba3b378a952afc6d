# Wrong: no bias correction (uses m and v instead of m_hat and v_hat). m and v start at 0, so the
# first steps are sqrt(1 - beta2) / (1 - beta1), about 3.2 times too large, and the whole path
# differs.
from math import sqrt

n = int(input())
x, y = map(float, input().split())
lr, beta1, beta2, eps, h = 0.01, 0.9, 0.999, 1e-8, 1e-5


def L(x, y):
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


mx = my = vx = vy = 0.0
for t in range(1, n + 1):
    gx = (L(x + h, y) - L(x - h, y)) / (2 * h)
    gy = (L(x, y + h) - L(x, y - h)) / (2 * h)
    mx, my = beta1 * mx + (1 - beta1) * gx, beta1 * my + (1 - beta1) * gy
    vx, vy = beta2 * vx + (1 - beta2) * gx**2, beta2 * vy + (1 - beta2) * gy**2
    x -= lr * mx / (sqrt(vx) + eps)
    y -= lr * my / (sqrt(vy) + eps)
print(x, y)
