# Wrong: updates x, and only then computes the partial derivative in y, at the new x. Both partial
# derivatives must be taken at the same point theta_{t-1} before either coordinate moves.
from math import sqrt

n = int(input())
x, y = map(float, input().split())
lr, beta1, beta2, eps, h = 0.01, 0.9, 0.999, 1e-8, 1e-5


def L(x, y):
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


mx = my = vx = vy = 0.0
for t in range(1, n + 1):
    gx = (L(x + h, y) - L(x - h, y)) / (2 * h)
    mx = beta1 * mx + (1 - beta1) * gx
    vx = beta2 * vx + (1 - beta2) * gx**2
    x -= lr * (mx / (1 - beta1**t)) / (sqrt(vx / (1 - beta2**t)) + eps)
    gy = (L(x, y + h) - L(x, y - h)) / (2 * h)
    my = beta1 * my + (1 - beta1) * gy
    vy = beta2 * vy + (1 - beta2) * gy**2
    y -= lr * (my / (1 - beta1**t)) / (sqrt(vy / (1 - beta2**t)) + eps)
print(x, y)
