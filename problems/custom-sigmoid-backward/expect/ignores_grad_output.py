# Wrong: the local derivative alone; backward must multiply it by the upstream gradient
# (the chain rule), which is 1 only when the sigmoid is the last operation.
import torch


class MySigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad_output):
        (s,) = ctx.saved_tensors
        return s * (1 - s)
