# Wrong: sigmoid with math.exp, which raises OverflowError for exp(1000) (x = -1000) instead of
# returning inf: a runtime error on that test, so the sigmoid group is lost.
import math

name = input().strip()
xs = [float(v) for v in input().split()]
if name == "sigmoid":
    ys = [1 / (1 + math.exp(-x)) for x in xs]
    dys = [y * (1 - y) for y in ys]
elif name == "relu":
    ys = [max(0.0, x) for x in xs]
    dys = [1.0 if x > 0 else 0.0 for x in xs]
elif name == "tanh":
    ys = [math.tanh(x) for x in xs]
    dys = [1 - y * y for y in ys]
else:
    ys = [x if x > 0 else 0.01 * x for x in xs]
    dys = [1.0 if x > 0 else 0.01 for x in xs]
print(*ys)
print(*dys)
