# Wrong: the loop starts at 1 as if the inputs were numbered x_1 .. x_n in the list too, so the
# first term w_1 x_1 is never added.
n = int(input())
x = list(map(int, input().split()))
w = list(map(int, input().split()))
b = int(input())

total = b
for i in range(1, n):
    total += w[i] * x[i]
print(total)
