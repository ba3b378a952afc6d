# The per-class F1 averaged with the class sizes as weights (scikit-learn's average="weighted").
# Macro averaging gives every class the same weight, so rare classes count as much as common ones.
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
    return {
        "accuracy": (tp.sum() / len(y_true)).item(),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": (f1 * actual).sum().item() / len(y_true),
    }
