# The right value printed as a float ("255.0"): the answer must be an integer, so this scores 0.
print(255.0)
