# Reference solution (session 2 style: plain Python floats, no gradient descent).
# L(a, b) = (1/n) sum (y_i - (a x_i + b))^2 is a quadratic in (a, b). Its partial derivatives
# vanish at the minimum:
#   dL/db = 0  ->  b = mean(y) - a mean(x)
#   dL/da = 0  ->  a = sum (x_i - mean x)(y_i - mean y) / sum (x_i - mean x)^2
# (the xs are not all equal, so the denominator is positive).
n = int(input())
xs = [float(v) for v in input().split()]
ys = [float(v) for v in input().split()]

mx = sum(xs) / n
my = sum(ys) / n
a = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
b = my - a * mx

print(sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)) / n)
