# Reference solution. secret-min is a probing game by design: the score of a guess x is
# max(0, 10 - (x - y)^2), so a few submissions narrow y down (a score of 0 says |x - y| >= 4, a
# partial score gives |x - y| exactly), and the answer is simply printing y once it is found.
print(255)
