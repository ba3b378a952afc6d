# Wrong: // is integer division (it floors: 14 // 5 = 2, not 2.8). Use / .
ys = list(map(int, input().split()))
print(sum(ys) // len(ys))
