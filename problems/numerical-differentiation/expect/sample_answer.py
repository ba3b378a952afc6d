# Wrong: prints the sample's answer whatever the input; the hidden tests have other functions.
print(1.0)
print(1.0517091807564762, 0.05170918075647624)
print(1.0016675001984403, 0.0016675001984402582)
