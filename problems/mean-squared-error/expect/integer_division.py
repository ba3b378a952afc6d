# Wrong: integer division // drops the fraction (L = 2/3 becomes 0). Use / .
a, b = map(int, input().split())
xs = list(map(int, input().split()))
ys = list(map(int, input().split()))
print(sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)) // len(xs))
