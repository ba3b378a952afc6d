# Wrong: prints the sample's answer whatever the input; it must earn nothing.
print(0.36698444170677774)
