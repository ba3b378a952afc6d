# Wrong: gradient descent on a with a fixed learning rate and 1000 steps. It is fine when the x are
# small, but diverges when they are large (lr * L''(a) > 2) and has not converged when they are
# tiny; a closed form has neither problem.
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]


def loss(a):
    return sum((y - a * x) ** 2 for x, y in zip(xs, ys)) / n


a, lr = 0.0, 0.001
for _ in range(1000):
    grad = -2 / n * sum(x * (y - a * x) for x, y in zip(xs, ys))
    a = a - lr * grad
print(loss(a))
