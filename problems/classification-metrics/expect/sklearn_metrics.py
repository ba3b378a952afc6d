# scikit-learn computes the same numbers when every class is listed (labels=range(K)) and the
# zero-division convention is given (zero_division=0); its arrays are made tensors at the end.
import torch
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support


def classification_metrics(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int) -> dict:
    t, p = y_true.numpy(), y_pred.numpy()
    labels = list(range(num_classes))
    precision, recall, f1, _ = precision_recall_fscore_support(
        t, p, labels=labels, average=None, zero_division=0
    )
    return {
        "accuracy": float(accuracy_score(t, p)),
        "precision": torch.from_numpy(precision),
        "recall": torch.from_numpy(recall),
        "f1": torch.from_numpy(f1),
        "macro_f1": float(f1_score(t, p, labels=labels, average="macro", zero_division=0)),
    }
