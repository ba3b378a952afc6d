# The "macro F1" taken as the F1 of the macro precision and the macro recall. The statement's
# macro F1 is the mean of the per-class F1 values, which is a different number.
import torch


def classification_metrics(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int) -> dict:
    k = num_classes
    confusion = torch.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)
    tp = confusion.diag().double()
    predicted = confusion.sum(dim=0).double()
    actual = confusion.sum(dim=1).double()
    precision = torch.where(predicted > 0, tp / predicted.clamp(min=1), 0.0)
    recall = tp / actual
    both = precision + recall
    f1 = torch.where(both > 0, 2 * precision * recall / both.clamp(min=1e-300), 0.0)
    p, r = precision.mean().item(), recall.mean().item()
    return {
        "accuracy": (tp.sum() / len(y_true)).item(),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": 2 * p * r / (p + r) if p + r > 0 else 0.0,
    }
