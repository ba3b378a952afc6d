# Wrong: prints the sum of squared errors, not the mean (the lecture's L has the factor 1/n).
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]
mx, my = sum(xs) / n, sum(ys) / n
a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
b = my - a * mx
print(sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)))
