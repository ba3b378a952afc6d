# Wrong: prints the sample's answer whatever the input; it must earn nothing.
print(-4, -3)
