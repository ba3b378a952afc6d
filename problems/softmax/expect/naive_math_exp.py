# Wrong on the large tests: math.exp(777.0) raises OverflowError (a runtime error) instead of
# returning inf. Right on the moderate tests only, so it gets their 30 points.
import math

x = [float(v) for v in input().split()]
e = [math.exp(v) for v in x]
print(*(v / sum(e) for v in e))
