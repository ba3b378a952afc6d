# Wrong: prints the sample's answer whatever the input; it must earn nothing.
print(0.5015162470706845)
