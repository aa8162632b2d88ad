import math

import numpy as np
import pytest

from distillation import cross_entropy, distillation_loss, kl_divergence, softmax


def test_t1_softmax_equals_plain_softmax():
    z = np.array([[2.0, 1.0, -1.0], [0.0, 0.0, 3.0]])
    plain = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(z, T=1.0), plain)
    np.testing.assert_allclose(softmax(z), plain)


def test_temperature_flattens_and_sharpens():
    z = np.array([[3.0, 1.0, 0.0]])
    assert softmax(z, T=5.0).max() < softmax(z, T=1.0).max() < softmax(z, T=0.2).max()
    np.testing.assert_allclose(softmax(z, T=1e4), np.full((1, 3), 1 / 3), atol=1e-3)
    np.testing.assert_allclose(softmax(z, T=0.01), [[1.0, 0.0, 0.0]], atol=1e-12)
    np.testing.assert_allclose(softmax(z, T=2.0), softmax(z / 2.0, T=1.0))
    assert np.all(np.isfinite(softmax(np.array([[1e6, 0.0]]), T=0.5)))


def test_hand_computed_tiny_case():
    # one example, two classes, true class 0, T = 2, alpha = 0.5
    student = np.array([[1.0, 0.0]])
    teacher = np.array([[2.0, 0.0]])
    labels = np.array([0])

    def sigmoid(x):
        return 1 / (1 + math.exp(-x))

    # with two classes, softmax([a, 0]) = [sigmoid(a), sigmoid(-a)]
    p = [sigmoid(2 / 2), sigmoid(-2 / 2)]  # teacher at T = 2
    q = [sigmoid(1 / 2), sigmoid(-1 / 2)]  # student at T = 2
    kl = p[0] * math.log(p[0] / q[0]) + p[1] * math.log(p[1] / q[1])
    ce = -math.log(sigmoid(1.0))  # student at T = 1, true class 0
    expected = 0.5 * 4 * kl + 0.5 * ce

    assert kl == pytest.approx(0.026345, abs=1e-6)
    assert ce == pytest.approx(0.313262, abs=1e-6)
    assert expected == pytest.approx(0.209320, abs=1e-6)
    assert kl_divergence(teacher, student, T=2.0) == pytest.approx(kl, rel=1e-12)
    assert cross_entropy(student, labels) == pytest.approx(ce, rel=1e-12)
    assert distillation_loss(student, teacher, labels, T=2.0, alpha=0.5) == pytest.approx(
        expected, rel=1e-12
    )


def test_kl_is_zero_when_student_equals_teacher_and_positive_otherwise():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 5))
    for T in (1.0, 2.0, 8.0):
        assert kl_divergence(z, z, T) == pytest.approx(0.0, abs=1e-12)
        assert kl_divergence(z, z + rng.normal(size=z.shape), T) > 0
    # adding a constant to every logit changes nothing
    assert kl_divergence(z, z + 7.0, 3.0) == pytest.approx(0.0, abs=1e-12)


def test_alpha_endpoints_select_each_term():
    rng = np.random.default_rng(0)
    s, t = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    y = rng.integers(0, 4, size=6)
    assert distillation_loss(s, t, y, T=3.0, alpha=0.0) == pytest.approx(cross_entropy(s, y))
    assert distillation_loss(s, t, y, T=3.0, alpha=1.0) == pytest.approx(
        9.0 * kl_divergence(t, s, 3.0)
    )


def test_soft_term_gradient_is_T_times_probability_gap():
    # d/dz_s of T^2 * KL(p_T || q_T) is T * (q_T - p_T) per example; this is
    # what the T^2 factor buys: the gradient does not vanish as T grows.
    rng = np.random.default_rng(0)
    s, t = rng.normal(size=(1, 4)), rng.normal(size=(1, 4))
    y = np.array([0])
    T, h = 4.0, 1e-6
    numeric = np.zeros(4)
    for j in range(4):
        e = np.zeros((1, 4))
        e[0, j] = h
        numeric[j] = (
            distillation_loss(s + e, t, y, T, alpha=1.0)
            - distillation_loss(s - e, t, y, T, alpha=1.0)
        ) / (2 * h)
    analytic = T * (softmax(s, T) - softmax(t, T))[0]
    np.testing.assert_allclose(numeric, analytic, rtol=1e-5, atol=1e-9)


def test_shape_mismatch_raises():
    with pytest.raises(ValueError):
        distillation_loss(np.zeros((2, 3)), np.zeros((2, 4)), np.array([0, 1]))
