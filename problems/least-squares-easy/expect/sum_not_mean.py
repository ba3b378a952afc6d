# Wrong: prints the sum of squared errors, not the mean (the lecture's L has the factor 1/n).
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]
sxx = sum(x * x for x in xs)
a = sum(x * y for x, y in zip(xs, ys)) / sxx if sxx > 0 else 0.0
print(sum((y - a * x) ** 2 for x, y in zip(xs, ys)))
