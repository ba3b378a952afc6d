# A first try: 0 is far from the hidden y, so (x - y)^2 >= 10 and the score is 0.
print(0)
