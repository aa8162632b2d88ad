import numpy as np
import pytest

from backprop import backward, forward, init_params, numerical_gradient, relative_error


def make_problem(n: int = 8, d_in: int = 4, d_hidden: int = 5, d_out: int = 3):
    rng = np.random.default_rng(0)
    params = init_params(d_in, d_hidden, d_out, rng)
    # Non-zero biases so their gradients are exercised away from the start point.
    params["b1"] = rng.normal(scale=0.5, size=d_hidden)
    params["b2"] = rng.normal(scale=0.5, size=d_out)
    X = rng.normal(size=(n, d_in))
    y = rng.integers(0, d_out, size=n)
    return params, X, y


@pytest.mark.parametrize("name", ["W1", "b1", "W2", "b2"])
def test_backprop_matches_central_differences(name):
    params, X, y = make_problem()
    _, cache = forward(params, X, y)
    analytic = backward(params, cache)[name]
    numeric = numerical_gradient(lambda: forward(params, X, y)[0], params[name])
    assert analytic.shape == params[name].shape
    assert np.linalg.norm(analytic) > 1e-3  # a zero gradient would pass vacuously
    assert relative_error(analytic, numeric) < 1e-6


def test_numerical_gradient_restores_parameters():
    params, X, y = make_problem()
    before = {k: v.copy() for k, v in params.items()}
    numerical_gradient(lambda: forward(params, X, y)[0], params["W1"])
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


def test_gradient_check_catches_a_wrong_gradient():
    # The check must be sharp enough to reject a plausible bug: forgetting tanh'.
    params, X, y = make_problem()
    _, cache = forward(params, X, y)
    d_logits = cache["probs"].copy()
    d_logits[np.arange(len(y)), y] -= 1.0
    d_logits /= len(y)
    wrong_d_W1 = X.T @ (d_logits @ params["W2"].T)
    numeric = numerical_gradient(lambda: forward(params, X, y)[0], params["W1"])
    assert relative_error(wrong_d_W1, numeric) > 1e-2


def test_loss_matches_hand_computed_value():
    # With all weights zero the logits are zero, so every class has probability 1/3.
    params, X, y = make_problem()
    zeros = {k: np.zeros_like(v) for k, v in params.items()}
    loss, cache = forward(zeros, X, y)
    assert loss == pytest.approx(np.log(3.0))
    np.testing.assert_allclose(cache["probs"], 1.0 / 3.0)


def test_gradient_descent_steps_lower_the_loss():
    params, X, y = make_problem()
    losses = []
    for _ in range(50):
        loss, cache = forward(params, X, y)
        losses.append(loss)
        grads = backward(params, cache)
        for k in params:
            params[k] -= 0.5 * grads[k]
    assert all(b < a for a, b in zip(losses, losses[1:]))
    assert losses[-1] < 0.5 * losses[0]
