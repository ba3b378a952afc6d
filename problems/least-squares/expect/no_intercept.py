# Wrong model: a line through the origin, y = ax (the previous problem). Without b the line cannot
# move up or down, so its minimum is larger whenever the best line does not pass through 0.
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]
a = sum(x * y for x, y in zip(xs, ys)) / sum(x * x for x in xs)
print(sum((y - a * x) ** 2 for x, y in zip(xs, ys)) / n)
