"""Knowledge distillation loss (Hinton et al., 2015) in NumPy.

Logits have shape (batch, classes); labels are integer class indices of
shape (batch,). Every loss is averaged over the batch.
"""

import numpy as np


def log_softmax(logits: np.ndarray, T: float = 1.0) -> np.ndarray:
    z = logits / T
    z = z - z.max(axis=-1, keepdims=True)  # stability: largest exponent is 0
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def softmax(logits: np.ndarray, T: float = 1.0) -> np.ndarray:
    """Temperature softmax: T > 1 flattens the distribution, T -> 0 approaches argmax."""
    return np.exp(log_softmax(logits, T))


def kl_divergence(teacher_logits: np.ndarray, student_logits: np.ndarray, T: float) -> float:
    """Mean over the batch of KL(teacher_T || student_T)."""
    log_p = log_softmax(teacher_logits, T)
    log_q = log_softmax(student_logits, T)
    return float(np.mean(np.sum(np.exp(log_p) * (log_p - log_q), axis=-1)))


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    log_q = log_softmax(logits)
    return float(-np.mean(log_q[np.arange(len(labels)), labels]))


def distillation_loss(
    student_logits: np.ndarray,
    teacher_logits: np.ndarray,
    labels: np.ndarray,
    T: float = 2.0,
    alpha: float = 0.5,
) -> float:
    """alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha) * CE(labels, student).

    The soft term's gradient shrinks like 1/T^2 as T grows; multiplying by T^2
    keeps the two terms on a comparable scale when T is tuned.
    """
    if student_logits.shape != teacher_logits.shape:
        raise ValueError(
            f"student {student_logits.shape} and teacher {teacher_logits.shape} differ"
        )
    if T <= 0 or not 0.0 <= alpha <= 1.0:
        raise ValueError("need T > 0 and 0 <= alpha <= 1")
    soft = kl_divergence(teacher_logits, student_logits, T)
    hard = cross_entropy(student_logits, labels)
    return alpha * T**2 * soft + (1.0 - alpha) * hard
