# Wrong: the sum of squared errors, without the 1/n of the mean (right only when n = 1 or L = 0).
a, b = map(int, input().split())
xs = list(map(int, input().split()))
ys = list(map(int, input().split()))
print(sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)))
