# Wrong: prints the sample's answer whatever the input; it must earn nothing.
print(0.09003057317038046, 0.24472847105479764, 0.6652409557748219)
