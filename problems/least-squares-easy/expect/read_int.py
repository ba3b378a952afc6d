# Runtime error: reads the numbers with int(). The sample has only integers, but the hidden tests
# have decimals such as "2.5", and int("2.5") raises ValueError.
n = int(input())
xs = [int(v) for v in input().split()]
ys = [int(v) for v in input().split()]
sxx = sum(x * x for x in xs)
a = sum(x * y for x, y in zip(xs, ys)) / sxx if sxx > 0 else 0.0
print(sum((y - a * x) ** 2 for x, y in zip(xs, ys)) / n)
