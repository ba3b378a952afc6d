# Accepted: for an even n the lower of the two middle values is a minimiser as well as the
# midpoint (L is flat between them), and the checker accepts any minimiser.
ys = sorted(map(int, input().split()))
print(ys[(len(ys) - 1) // 2])
