# Plain Python counting over the lists (no vectorisation): also right, and fast enough for
# 100,000 rows because it loops over Python ints (.tolist()), not over tensor elements.
import torch


def classification_metrics(y_true: torch.Tensor, y_pred: torch.Tensor, num_classes: int) -> dict:
    k = num_classes
    tp, predicted, actual = [0] * k, [0] * k, [0] * k
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        predicted[p] += 1
        actual[t] += 1
        if t == p:
            tp[t] += 1
    precision = [tp[c] / predicted[c] if predicted[c] > 0 else 0.0 for c in range(k)]
    recall = [tp[c] / actual[c] for c in range(k)]
    f1 = [2 * p * r / (p + r) if p + r > 0 else 0.0 for p, r in zip(precision, recall)]
    return {
        "accuracy": sum(tp) / len(y_true),
        "precision": torch.tensor(precision),
        "recall": torch.tensor(recall),
        "f1": torch.tensor(f1),
        "macro_f1": sum(f1) / k,
    }
