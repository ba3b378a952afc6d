# Precision and recall mixed up: "precision" divides TP by the rows of the class (that is the
# recall) and "recall" by the rows predicted as the class (that is the precision).
import torch


def classification_metrics(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int) -> dict:
    k = num_classes
    confusion = torch.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)
    tp = confusion.diag().double()
    predicted = confusion.sum(dim=0).double()
    actual = confusion.sum(dim=1).double()
    precision = tp / actual
    recall = torch.where(predicted > 0, tp / predicted.clamp(min=1), 0.0)
    both = precision + recall
    f1 = torch.where(both > 0, 2 * precision * recall / both.clamp(min=1e-300), 0.0)
    return {
        "accuracy": (tp.sum() / len(y_true)).item(),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": f1.mean().item(),
    }
