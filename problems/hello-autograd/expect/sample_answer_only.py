# Wrong: prints the sample's answer whatever the input. It passes the sample and nothing else,
# and the sample's group is worth 0 points, so it scores 0 (under `mean` it scored 100/12).
print(2.2232442754839328)
