import numpy as np
import pytest

from forward_pass import cross_entropy_from_logits, forward, init_params, relu, softmax


def test_output_shapes_for_classification_and_regression():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 4))
    params = init_params([4, 16, 8, 3])
    assert [W.shape for W, _ in params] == [(4, 16), (16, 8), (8, 3)]
    assert [b.shape for _, b in params] == [(16,), (8,), (3,)]
    assert forward(X, params, "softmax").shape == (7, 3)
    assert forward(X, init_params([4, 5, 1]), "linear").shape == (7, 1)


def test_softmax_rows_are_probability_distributions():
    rng = np.random.default_rng(0)
    probs = forward(rng.normal(size=(10, 4)), init_params([4, 6, 5]), "softmax")
    assert np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=0, atol=1e-12)


def test_softmax_matches_definition_and_is_shift_invariant():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(z), expected)
    np.testing.assert_allclose(softmax(z + 100.0), expected)


def test_softmax_is_stable_for_huge_logits():
    z = np.array([[1000.0, 1001.0, 1002.0], [-1e4, 0.0, 1e4], [5e307, 5e307, 0.0]])
    p = softmax(z)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p[0], softmax(np.array([[0.0, 1.0, 2.0]]))[0])
    np.testing.assert_allclose(p[1], [0.0, 0.0, 1.0])
    np.testing.assert_allclose(p[2], [0.5, 0.5, 0.0])


def test_hand_computed_two_layer_network():
    X = np.array([[1.0, 2.0]])
    W1 = np.array([[1.0, -1.0, 0.5], [0.0, 1.0, -1.0]])  # (2 features, 3 hidden)
    b1 = np.array([0.0, 0.0, 1.0])
    W2 = np.array([[1.0], [2.0], [3.0]])  # (3 hidden, 1 output)
    b2 = np.array([0.5])
    # Z1 = [1, 1, -0.5]; ReLU -> [1, 1, 0]; output = 1 + 2 + 0 + 0.5
    out = forward(X, [(W1, b1), (W2, b2)], "linear")
    np.testing.assert_allclose(out, [[3.5]])

    W2c = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 5.0]])
    b2c = np.array([0.0, np.log(2.0)])
    # logits = [1, log 2] -> softmax = [e, 2] / (e + 2)
    probs = forward(X, [(W1, b1), (W2c, b2c)], "softmax")
    e = np.e
    np.testing.assert_allclose(probs, [[e / (e + 2), 2 / (e + 2)]])


def test_linear_output_is_not_squashed_and_hidden_layers_use_relu():
    X = np.array([[1.0], [-1.0]])
    params = [(np.array([[1.0]]), np.array([0.0])), (np.array([[-3.0]]), np.array([0.0]))]
    # hidden ReLU zeroes the second row; the last layer may go negative
    np.testing.assert_allclose(forward(X, params, "linear"), [[-3.0], [0.0]])
    np.testing.assert_allclose(relu(np.array([-2.0, 0.0, 2.0])), [0.0, 0.0, 2.0])


def test_row_convention_matches_column_convention():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 3))
    W = rng.normal(size=(3, 4))
    b = rng.normal(size=4)
    rows = forward(X, [(W, b)], "linear")
    cols = W.T @ X.T + b[:, None]  # W.T is (hidden, features): z = W x per column
    np.testing.assert_allclose(rows, cols.T)


def test_mismatched_weight_shape_raises_clear_error():
    X = np.ones((2, 4))
    W_transposed = np.ones((3, 4))  # column convention by mistake
    with pytest.raises(ValueError, match=r"input has 4 features but W has shape \(3, 4\)"):
        forward(X, [(W_transposed, np.zeros(4))])


def test_bad_bias_and_input_shapes_raise():
    with pytest.raises(ValueError, match="b has shape"):
        forward(np.ones((2, 4)), [(np.ones((4, 3)), np.zeros(4))])
    with pytest.raises(ValueError, match="must be 2-D"):
        forward(np.ones(4), init_params([4, 3]))


def test_cross_entropy_matches_scikit_learn_log_loss():
    from sklearn.metrics import log_loss

    rng = np.random.default_rng(4)
    Z = rng.normal(scale=3.0, size=(16, 5))
    y = rng.integers(0, 5, size=16)
    expected = log_loss(y, softmax(Z), labels=range(5))
    assert cross_entropy_from_logits(Z, y) == pytest.approx(expected, rel=1e-9)


def test_cross_entropy_is_ln_c_for_uniform_logits_and_stable_for_huge_ones():
    assert cross_entropy_from_logits(np.zeros((3, 10)), np.array([0, 4, 9])) == pytest.approx(np.log(10))
    # The naive log(softmax) would give log(0) = -inf for the losing class.
    loss = cross_entropy_from_logits(np.array([[1000.0, 0.0], [0.0, 1000.0]]), np.array([1, 1]))
    assert loss == pytest.approx(500.0)


@pytest.mark.parametrize(
    "Z, y",
    [(np.zeros((3, 4)), np.array([0, 1])), (np.zeros(4), np.array([0])), (np.zeros((2, 4)), np.array([0, 4])),
     (np.zeros((2, 4)), np.array([0.0, 1.0]))],
)
def test_cross_entropy_rejects_bad_shapes_and_labels(Z, y):
    with pytest.raises(ValueError):
        cross_entropy_from_logits(Z, y)
