# Wrong: an all-zero matrix (every neuron computes the same thing, and the variance is 0).
scheme, n, m = input().split()
n, m = int(n), int(m)
for _ in range(m):
    print(*([0.0] * n))
