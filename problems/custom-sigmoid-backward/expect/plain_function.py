# Wrong: a plain function, so autograd differentiates torch.sigmoid and no backward is written.
import torch


def MySigmoid(x):
    return torch.sigmoid(x)
