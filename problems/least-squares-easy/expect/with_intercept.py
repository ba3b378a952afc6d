# Wrong model: fits y = a x + b (with an intercept), the next problem's model. Its minimum is
# smaller than the minimum over lines through the origin.
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]
mx, my = sum(xs) / n, sum(ys) / n
vx = sum((x - mx) ** 2 for x in xs)
a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / vx if vx > 0 else 0.0
b = my - a * mx
print(sum((y - a * x - b) ** 2 for x, y in zip(xs, ys)) / n)
