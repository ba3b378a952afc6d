# Wrong on ties: "<=" keeps the LAST candidate with the smallest loss; the statement asks for the
# smallest index (use "<").
n, k = map(int, input().split())
xs = list(map(int, input().split()))
ys = list(map(int, input().split()))
best, best_loss = 0, None
for j in range(k):
    a, b = map(int, input().split())
    loss = sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)) / n
    if best_loss is None or loss <= best_loss:
        best, best_loss = j + 1, loss
print(best)
