import numpy as np
import pytest

from normalization import BatchNorm, LayerNorm, RMSNorm


def batch(n: int = 32, d: int = 6, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # Different scale and offset per feature and per sample, so the two axes differ.
    return rng.normal(size=(n, d)) * np.arange(1, d + 1) + rng.normal(size=(n, 1)) * 3 + 5


def test_batch_norm_train_normalizes_each_feature_across_the_batch():
    x = batch()
    out = BatchNorm(6)(x, training=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=0), 1.0, rtol=1e-4)
    # ...and not each sample across its features.
    assert np.abs(out.mean(axis=1)).max() > 0.1


def test_layer_norm_normalizes_each_sample_across_its_features():
    x = batch()
    out = LayerNorm(6)(x)
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=1), 1.0, rtol=1e-4)
    assert np.abs(out.mean(axis=0)).max() > 0.1


def test_batch_norm_hand_computed():
    # Feature 0: values 1 and 3 -> mean 2, variance 1 -> normalized -1 and +1.
    bn = BatchNorm(1, eps=0.0)
    out = bn(np.array([[1.0], [3.0]]), training=True)
    np.testing.assert_allclose(out, [[-1.0], [1.0]])


def test_gamma_and_beta_set_the_output_scale_and_shift():
    x = batch()
    bn, ln = BatchNorm(6), LayerNorm(6)
    gamma, beta = np.linspace(0.5, 3.0, 6), np.linspace(-2.0, 2.0, 6)
    bn.gamma, bn.beta = gamma, beta
    out = bn(x, training=True)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-10)
    np.testing.assert_allclose(out.std(axis=0), gamma, rtol=1e-4)
    ln.gamma, ln.beta = gamma, beta
    x_hat = LayerNorm(6)(x)
    np.testing.assert_allclose(ln(x), gamma * x_hat + beta)


def test_layer_norm_is_independent_of_batch_size_and_other_samples():
    x = batch()
    ln = LayerNorm(6)
    full = ln(x)
    np.testing.assert_allclose(ln(x[3:4]), full[3:4])  # batch of one
    other = x.copy()
    other[[0, 1, 2, 4]] *= 100.0
    np.testing.assert_allclose(ln(other)[3], full[3])


def test_batch_norm_training_output_depends_on_other_samples():
    x = batch()
    other = x.copy()
    other[[0, 1, 2, 4]] *= 100.0
    a = BatchNorm(6)(x, training=True)[3]
    b = BatchNorm(6)(other, training=True)[3]
    assert not np.allclose(a, b)


def test_layer_norm_reduces_over_last_axis_of_a_sequence():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 5, 8)) * 4 + 1
    out = LayerNorm(8)(x)
    np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=-1), 1.0, rtol=1e-4)


def test_batch_norm_on_images_reduces_over_batch_and_space_per_channel():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 5, 5, 3)) * np.array([1.0, 5.0, 10.0]) + np.array([0.0, -3.0, 7.0])
    out = BatchNorm(3)(x, training=True)
    np.testing.assert_allclose(out.mean(axis=(0, 1, 2)), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=(0, 1, 2)), 1.0, rtol=1e-4)


def test_layer_norm_on_nhwc_images_normalizes_each_pixel_over_its_channels():
    # The ConvNeXt-style variant: one mean and variance per (sample, row, column).
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 4, 4, 6)) * 3 + rng.normal(size=(2, 4, 4, 1)) * 5
    out = LayerNorm(6)(x)
    np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=-1), 1.0, rtol=1e-4)
    # ...which is not the same as normalizing each sample over C, H and W together.
    per_sample = (x - x.mean(axis=(1, 2, 3), keepdims=True)) / x.std(axis=(1, 2, 3), keepdims=True)
    assert np.abs(out - per_sample).max() > 0.1


def test_running_statistics_update_rule():
    x = batch()
    bn = BatchNorm(6, momentum=0.1)
    bn(x, training=True)
    n = len(x)
    np.testing.assert_allclose(bn.running_mean, 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(bn.running_var, 0.9 + 0.1 * x.var(axis=0) * n / (n - 1))


def test_running_statistics_converge_to_the_data_distribution():
    rng = np.random.default_rng(0)
    mu, sigma = np.array([3.0, -1.0, 10.0]), np.array([2.0, 0.5, 4.0])
    bn = BatchNorm(3, momentum=0.1)
    for _ in range(200):
        bn(rng.normal(size=(64, 3)) * sigma + mu, training=True)
    assert np.all(np.abs(bn.running_mean - mu) < 0.1 * sigma)
    np.testing.assert_allclose(bn.running_var, sigma**2, rtol=0.1)


def test_batch_norm_eval_uses_running_statistics_not_the_batch():
    bn = BatchNorm(6)
    for seed in range(5):
        bn(batch(seed=seed), training=True)
    mean, var = bn.running_mean.copy(), bn.running_var.copy()
    bn.gamma, bn.beta = np.full(6, 2.0), np.full(6, 0.5)
    x = batch(n=4, seed=99) * 10.0  # deliberately off-distribution batch
    out = bn(x, training=False)
    expected = 2.0 * (x - mean) / np.sqrt(var + bn.eps) + 0.5
    np.testing.assert_allclose(out, expected)
    # Inference leaves the running statistics alone and treats samples independently.
    np.testing.assert_array_equal(bn.running_mean, mean)
    np.testing.assert_array_equal(bn.running_var, var)
    np.testing.assert_allclose(bn(x[1:2], training=False), out[1:2])


def test_batch_norm_rejects_a_single_value_per_feature_in_training():
    with pytest.raises(ValueError):
        BatchNorm(3)(np.ones((1, 3)), training=True)
    BatchNorm(3)(np.ones((1, 3)), training=False)  # fine at inference


def test_rms_norm_gives_each_token_unit_root_mean_square_without_centering():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 5, 8)) * 4 + 3  # non-zero mean, so centering would show
    out = RMSNorm(8, eps=0.0)(x)
    np.testing.assert_allclose(np.sqrt(np.mean(out**2, axis=-1)), 1.0)
    # Each token is only rescaled: same direction, so the mean is not removed.
    np.testing.assert_allclose(
        out * np.linalg.norm(x, axis=-1, keepdims=True), x * np.linalg.norm(out, axis=-1, keepdims=True)
    )
    assert np.abs(out.mean(axis=-1)).min() > 0.1


def test_rms_norm_hand_computed_and_scaled_by_gamma():
    # [3, 4]: mean square (9 + 16) / 2 = 12.5, so each value is divided by sqrt(12.5).
    norm = RMSNorm(2, eps=0.0)
    norm.gamma = np.array([2.0, 0.5])
    np.testing.assert_allclose(norm(np.array([[3.0, 4.0]])), [[2 * 3 / np.sqrt(12.5), 0.5 * 4 / np.sqrt(12.5)]])


def test_rms_norm_is_independent_of_other_samples_and_of_input_scale():
    x = batch()
    norm = RMSNorm(6)
    full = norm(x)
    np.testing.assert_allclose(norm(x[3:4]), full[3:4])
    np.testing.assert_allclose(norm(10.0 * x), full, rtol=1e-6)
