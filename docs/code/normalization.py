"""Batch normalization, layer normalization and RMSNorm with learnable scale.

Features sit on the last axis: (batch, features), (batch, seq, features) or NHWC images.
BatchNorm reduces over every axis except the last (per feature, across the batch).
LayerNorm reduces over the last axis only: per sample, per token in a sequence, and on
NHWC images per pixel over its channels (the ConvNeXt-style variant; the original layer
norm for images reduces over C, H and W together). RMSNorm, the norm of current LLMs,
reduces over the last axis like LayerNorm but subtracts no mean and has no shift.
"""

import numpy as np


class BatchNorm:
    """Per-feature statistics from the batch while training; running averages at inference."""

    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5) -> None:
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.momentum = momentum
        self.eps = eps

    def __call__(self, x: np.ndarray, training: bool) -> np.ndarray:
        if training:
            count = x.size // x.shape[-1]
            if count < 2:
                raise ValueError("batch norm needs more than one value per feature in training")
            axes = tuple(range(x.ndim - 1))  # everything but the feature axis
            mean = x.mean(axis=axes)
            var = x.var(axis=axes)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            # The running estimate uses the unbiased variance (as PyTorch does);
            # the batch itself is normalized with the biased one.
            self.running_var = (1 - m) * self.running_var + m * var * count / (count - 1)
        else:
            mean, var = self.running_mean, self.running_var
        x_hat = (x - mean) / np.sqrt(var + self.eps)
        return self.gamma * x_hat + self.beta


class LayerNorm:
    """Per-sample statistics over the feature axis, identical in training and inference."""

    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.eps = eps

    def __call__(self, x: np.ndarray) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = x.var(axis=-1, keepdims=True)
        x_hat = (x - mean) / np.sqrt(var + self.eps)
        return self.gamma * x_hat + self.beta


class RMSNorm:
    """Divide each token by the root mean square of its features; no mean, no shift."""

    def __init__(self, num_features: int, eps: float = 1e-6) -> None:
        self.gamma = np.ones(num_features)
        self.eps = eps

    def __call__(self, x: np.ndarray) -> np.ndarray:
        rms = np.sqrt(np.mean(x**2, axis=-1, keepdims=True) + self.eps)
        return self.gamma * x / rms
