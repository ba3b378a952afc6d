# Reference solution (session 2 style: plain Python floats).
# L(a) = (1/n) sum (y_i - a x_i)^2 is a quadratic in a. Setting
# L'(a) = -(2/n) sum x_i (y_i - a x_i) = 0 gives a = sum x_i y_i / sum x_i^2.
# If every x_i is 0, L(a) = (1/n) sum y_i^2 for every a, and a = 0 is as good as any.
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]

sxx = sum(x * x for x in xs)
sxy = sum(x * y for x, y in zip(xs, ys))
a = sxy / sxx if sxx > 0 else 0.0

# The mean of the squared residuals (rather than sum y^2 - sxy^2 / sxx, which cancels badly when
# the line fits well).
print(sum((y - a * x) ** 2 for x, y in zip(xs, ys)) / n)
