# Wrong: the mean ABSOLUTE error ranks the candidates differently when there are outliers (a
# squared error punishes one big miss much more).
n, k = map(int, input().split())
xs = list(map(int, input().split()))
ys = list(map(int, input().split()))
best, best_loss = 0, None
for j in range(k):
    a, b = map(int, input().split())
    loss = sum(abs(y - (a * x + b)) for x, y in zip(xs, ys)) / n
    if best_loss is None or loss < best_loss:
        best, best_loss = j + 1, loss
print(best)
