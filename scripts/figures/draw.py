"""Draw every figure on the site into docs/figures/ (run by `make figures`).

Plots that show an algorithm's behavior run the site's own tested code from docs/code,
so a figure and the code beside it cannot disagree (docs/code goes on the import path as
pytest puts it there: PYTHONPATH=docs/code python -m studysite.figures.draw).
tests/test_figures.py redraws each figure and fails when a committed SVG differs from
what this code draws.
"""

from __future__ import annotations

import sys
from pathlib import Path
from statistics import NormalDist

import matplotlib.pyplot as plt
import numpy as np
from sklearn.tree import DecisionTreeRegressor

from attention import scaled_dot_product_attention
from gradient_descent import gradient_descent
from kmeans import lloyd
from metrics import counts_at_threshold, pr_curve, precision, recall
from studysite.figures.diagrams import (
    deployment_pipeline,
    rag_pipeline,
    ranking_funnel,
    recommender_two_stage,
    transformer_block,
)
from studysite.figures.style import BLUE, GREEN, INK, MUTED, ORANGE, PALE_BLUE, svg

ROOT = Path(__file__).resolve().parents[2]

FIGURES = ROOT / "docs" / "figures"


def bias_variance() -> bytes:
    """Schematic: squared bias falls and variance rises with complexity; their sum is a U."""
    complexity = np.linspace(0, 1, 200)
    bias2 = 0.9 * np.exp(-5 * complexity)
    variance = 0.04 * np.exp(3.6 * complexity)
    noise = np.full_like(complexity, 0.12)
    total = bias2 + variance + noise
    best = complexity[np.argmin(total)]
    figure, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(complexity, total, color=INK, label="expected test error")
    ax.plot(complexity, bias2, color=BLUE, label="bias²")
    ax.plot(complexity, variance, color=ORANGE, label="variance")
    ax.plot(complexity, noise, color=MUTED, linestyle="--", label="irreducible noise")
    ax.axvline(best, color=GREEN, linestyle=":", linewidth=1.6)
    ax.text(best + 0.02, 0.75, "lowest\ntest error", color=GREEN, fontsize=9, va="top")
    ax.set(xlabel="← underfitting (high bias)  ·  model complexity  ·  overfitting (high variance) →",
           ylabel="error", ylim=(0, 1.5), xticks=[], yticks=[])
    ax.legend(loc="upper center", ncols=2, fontsize=9.5)
    return svg(figure)


def _touch_point(boundary: np.ndarray, center: np.ndarray, metric: np.ndarray) -> np.ndarray:
    """The boundary point with the smallest quadratic loss around `center`."""
    offsets = boundary - center
    losses = np.einsum("ni,ij,nj->n", offsets, metric, offsets)
    return boundary[np.argmin(losses)]


def l1_l2_geometry() -> bytes:
    """The loss contours first touch the L1 diamond at a corner, the L2 circle off-axis."""
    center = np.array([1.8, 0.6])
    metric = np.array([[2.0, 0.4], [0.4, 1.0]])
    angle = np.linspace(0, 2 * np.pi, 721)
    circle = np.c_[np.cos(angle), np.sin(angle)]
    diamond = circle / np.abs(circle).sum(axis=1, keepdims=True)
    grid = np.linspace(-1.6, 3.4, 120)
    gx, gy = np.meshgrid(grid, grid)
    offsets = np.stack([gx - center[0], gy - center[1]], axis=-1)
    loss = np.einsum("...i,ij,...j->...", offsets, metric, offsets)

    figure, axes = plt.subplots(1, 2, figsize=(7.2, 3.6))
    for ax, region, name in [(axes[0], diamond, "L1: |w₁| + |w₂| ≤ t"), (axes[1], circle, "L2: w₁² + w₂² ≤ t²")]:
        touch = _touch_point(region, center, metric)
        level = (touch - center) @ metric @ (touch - center)
        ax.fill(region[:, 0], region[:, 1], color=PALE_BLUE, edgecolor=BLUE, linewidth=1.8)
        ax.contour(gx, gy, loss, levels=level * np.array([0.15, 0.45, 1.0]), colors=ORANGE, linewidths=1.3)
        ax.plot(*center, "o", color=ORANGE)
        ax.annotate("unregularized\noptimum", center, (center[0] + 0.3, center[1] + 0.9), fontsize=8.5, ha="center")
        ax.plot(*touch, "o", color=INK, markersize=7)
        ax.annotate(f"solution\n({touch[0]:.2f}, {touch[1]:.2f})", touch, (touch[0] - 0.1, touch[1] - 1.0),
                    fontsize=8.5, ha="center", arrowprops={"arrowstyle": "-", "color": MUTED})
        ax.axhline(0, color=MUTED, linewidth=0.8)
        ax.axvline(0, color=MUTED, linewidth=0.8)
        ax.set(title=name, xlim=(-1.4, 3.4), ylim=(-1.6, 2.2), aspect="equal", xlabel="w₁", ylabel="w₂")
    return svg(figure)


def distance_concentration() -> bytes:
    """Relative contrast between the farthest and nearest point falls towards 0 with dimension."""
    rng = np.random.default_rng(0)
    dims = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    contrast = []
    for d in dims:
        points, queries = rng.random((1000, d)), rng.random((50, d))
        distances = np.linalg.norm(points[None] - queries[:, None], axis=-1)
        nearest, farthest = distances.min(axis=1), distances.max(axis=1)
        contrast.append(np.median((farthest - nearest) / nearest))
    figure, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.loglog(dims, contrast, "o-", color=BLUE)
    for d, value in zip(dims, contrast):
        if d in (2, 10, 100, 1000):
            ax.annotate(f"{value:.2g}", (d, value), (6, 6), textcoords="offset points", fontsize=9)
    ax.set(xlabel="number of dimensions d", ylabel="(D_max − D_min) / D_min",
           title="1,000 uniform points in the unit cube, median over 50 queries")
    return svg(figure)


def gradient_norms() -> bytes:
    """Backpropagated gradient norm per layer in a 20-layer MLP: sigmoid vs ReLU."""
    rng = np.random.default_rng(0)
    depth, width, batch = 20, 128, 64
    activations = {
        # (function, derivative given the pre-activation, init scale): Glorot for sigmoid, He for ReLU
        "sigmoid": (
            lambda z: 1 / (1 + np.exp(-z)),
            lambda z: (s := 1 / (1 + np.exp(-z))) * (1 - s),
            np.sqrt(1 / width),
        ),
        "ReLU": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float), np.sqrt(2 / width)),
    }
    figure, ax = plt.subplots(figsize=(6.4, 3.6))
    for (name, (act, grad, scale)), color in zip(activations.items(), [ORANGE, BLUE]):
        weights = [rng.normal(0, scale, (width, width)) for _ in range(depth)]
        h, inputs, pre = rng.normal(size=(batch, width)), [], []
        for W in weights:
            inputs.append(h)
            pre.append(h @ W)
            h = act(pre[-1])
        upstream = rng.normal(size=(batch, width))
        norms = []
        for W, x, z in zip(reversed(weights), reversed(inputs), reversed(pre)):
            delta = upstream * grad(z)
            norms.append(np.linalg.norm(x.T @ delta))
            upstream = delta @ W.T
        ax.semilogy(range(1, depth + 1), norms[::-1], "o-", color=color, label=name, markersize=4)
    ax.set(xlabel="layer (1 = nearest the input)", ylabel="‖∂L/∂W‖ (log scale)", xticks=range(1, depth + 1, 2))
    ax.legend()
    return svg(figure)


def attention_map() -> bytes:
    """Causal self-attention weights for one short sentence (random projections)."""
    tokens = ["The", "model", "reads", "every", "earlier", "token", "once", "."]
    rng = np.random.default_rng(3)
    x = rng.normal(size=(len(tokens), 16))
    w_q, w_k = rng.normal(size=(2, 16, 16)) / 4
    _, weights = scaled_dot_product_attention(x @ w_q, x @ w_k, x, causal=True)
    figure, ax = plt.subplots(figsize=(5.2, 4.4))
    image = ax.imshow(weights, cmap="Blues", vmin=0, vmax=1)
    for i, row in enumerate(weights):
        for j, value in enumerate(row):
            if j <= i:
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7.5,
                        color="white" if value > 0.55 else INK)
    ax.set_xticks(range(len(tokens)), tokens, rotation=45, ha="right")
    ax.set_yticks(range(len(tokens)), tokens)
    ax.set(xlabel="key (attended to)", ylabel="query (attending)")
    ax.spines[:].set_visible(False)
    figure.colorbar(image, ax=ax, fraction=0.046, label="weight (each row sums to 1)")
    return svg(figure)


def precision_recall() -> bytes:
    """A confusion matrix at one threshold, and the precision-recall curve over all of them."""
    rng = np.random.default_rng(1)
    labels = np.r_[np.ones(150), np.zeros(850)].astype(int)
    scores = np.r_[rng.beta(4, 2, 150), rng.beta(2, 4, 850)]
    threshold = 0.6
    counts = counts_at_threshold(labels, scores, threshold)
    _, precisions, recalls = pr_curve(labels, scores)

    figure, (left, right) = plt.subplots(1, 2, figsize=(7.6, 3.6), gridspec_kw={"width_ratios": [1, 1.3]})
    cells = [[("TP", counts.tp), ("FN", counts.fn)], [("FP", counts.fp), ("TN", counts.tn)]]
    left.imshow([[1, 0], [0, 1]], cmap="Blues", vmin=-1.5, vmax=2.5)
    for i, row in enumerate(cells):
        for j, (name, value) in enumerate(row):
            left.text(j, i, f"{name}\n{value}", ha="center", va="center", fontsize=12)
    left.set_xticks([0, 1], ["predicted +", "predicted −"])
    left.set_yticks([0, 1], ["actual +", "actual −"])
    left.spines[:].set_visible(False)
    left.set_title(f"threshold {threshold}: P = {precision(counts):.2f}, R = {recall(counts):.2f}", fontsize=10)

    right.plot(recalls, precisions, color=BLUE)
    right.plot(recall(counts), precision(counts), "o", color=ORANGE, markersize=8)
    right.annotate(f"threshold {threshold}", (recall(counts), precision(counts)), (0.25, 0.45), fontsize=9,
                   arrowprops={"arrowstyle": "-", "color": MUTED})
    right.axhline(labels.mean(), color=MUTED, linestyle="--", linewidth=1.2)
    right.text(0.02, labels.mean() + 0.02, "random classifier = positive rate", fontsize=8.5, color=MUTED)
    right.set(xlabel="recall", ylabel="precision", xlim=(0, 1.02), ylim=(0, 1.02),
              title="raising the threshold moves left", aspect="equal")
    return svg(figure)


def gd_loss_curve() -> bytes:
    """Training loss per epoch of the page's gradient-descent code at three settings."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3)) * [1.0, 3.0, 0.3]
    y = X @ np.array([2.0, -1.0, 0.5]) + 1.0 + rng.normal(scale=0.1, size=200)
    figure, ax = plt.subplots(figsize=(6.4, 3.6))
    runs = [
        ("lr = 0.01", {"lr": 0.01}, MUTED),
        ("lr = 0.1", {"lr": 0.1}, BLUE),
        ("lr = 0.01, momentum 0.9", {"lr": 0.01, "momentum": 0.9}, ORANGE),
        ("lr = 0.1, mini-batch SGD (batch 20)", {"lr": 0.1, "batch_size": 20}, GREEN),
    ]
    for label, settings, color in runs:
        history = gradient_descent(X, y, max_epochs=150, tol=0.0, **settings).loss_history
        ax.semilogy(history, color=color, label=label, linewidth=1.8)
    ax.set(xlabel="epoch", ylabel="mean squared error (log scale)")
    ax.legend(fontsize=9)
    return svg(figure)


def ab_power() -> bytes:
    """Power of a two-sided 5% test on a 5% conversion rate, against the true lift, at three sizes."""
    normal, base = NormalDist(), 0.05
    z_alpha = normal.inv_cdf(0.975)

    def power(lift: float, n: int) -> float:
        treated = base * (1 + lift)
        shift = (treated - base) / np.sqrt((base * (1 - base) + treated * (1 - treated)) / n)
        return normal.cdf(shift - z_alpha) + normal.cdf(-shift - z_alpha)

    lifts = np.linspace(0, 0.05, 1001)
    figure, ax = plt.subplots(figsize=(5.4, 3.8))
    ax.axhline(0.8, color=MUTED, linestyle="--", linewidth=1.2)
    ax.text(2.6, 0.83, "80% power", color=MUTED, fontsize=10)
    for n, color in [(3_200_000, GREEN), (800_000, BLUE), (200_000, ORANGE)]:
        curve = np.array([power(lift, n) for lift in lifts])
        mde = lifts[np.argmax(curve >= 0.8)] * 100  # the smallest lift on the grid with 80% power
        ax.plot(lifts * 100, curve, color=color, label=f"{n / 1e6:g} M: {mde:.1f}%")
        ax.plot(mde, 0.8, "o", color=color, markersize=6)
    ax.legend(loc="lower right", fontsize=10, title="users per arm: lift found\nwith 80% power",
              title_fontsize=10, alignment="left")
    ax.set(xlabel="true relative lift (%), baseline conversion 5%", ylabel="power (two-sided, α = 5%)",
           xlim=(0, 5), ylim=(0, 1.02), yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0])
    return svg(figure)


def boosting_residuals() -> bytes:
    """Gradient boosting on a 1-D regression: each small tree fits the current residuals."""
    rng = np.random.default_rng(2)
    truth = lambda x: np.sin(x) + 0.3 * x  # noqa: E731
    x = np.sort(rng.uniform(0, 10, 80))
    y = truth(x) + rng.normal(scale=0.25, size=x.size)
    x_test = rng.uniform(0, 10, 2000)  # fresh points from the same curve, to show overfitting
    y_test = truth(x_test) + rng.normal(scale=0.25, size=x_test.size)
    grid = np.linspace(0, 10, 400)
    learning_rate, shown = 0.3, (1, 3, 10, 100)
    # Stage 0 predicts the mean everywhere.
    fit, fit_test, curve = (np.full_like(points, y.mean()) for points in (x, x_test, grid))
    figure, axes = plt.subplots(2, 2, figsize=(5.6, 5.0), sharex=True, sharey=True)
    panels = iter(axes.flat)
    for stage in range(1, max(shown) + 1):
        # Squared error: the negative gradient is the residual, so each tree fits y - F.
        tree = DecisionTreeRegressor(max_depth=2).fit(x[:, None], y - fit)
        for points, values in ((x, fit), (x_test, fit_test), (grid, curve)):
            values += learning_rate * tree.predict(points[:, None])
        if stage in shown:
            ax = next(panels)
            ax.vlines(x, fit, y, color=ORANGE, linewidth=1)
            ax.plot(x, y, "o", color=MUTED, markersize=3)
            ax.plot(grid, curve, color=BLUE)
            trees = "1 tree" if stage == 1 else f"{stage} trees"
            train, test = np.mean((y - fit) ** 2), np.mean((y_test - fit_test) ** 2)
            ax.set_title(f"{trees}\nMSE train {train:.3f}, test {test:.3f}", fontsize=10)
            ax.set(xticks=[0, 5, 10], yticks=[0, 2, 4])
    for ax in axes[1]:
        ax.set_xlabel("x")
    for ax in axes[:, 0]:
        ax.set_ylabel("y")
    figure.legend(handles=[
        plt.Line2D([], [], color=BLUE, label="ensemble prediction"),
        plt.Line2D([], [], color=ORANGE, linewidth=1, label="residual (next tree's target)"),
    ], loc="lower center", ncols=2, fontsize=9.5)
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    return svg(figure)


def kmeans_iterations() -> bytes:
    """Lloyd's algorithm from a poor start (all three centers in one blob) until it settles."""
    rng = np.random.default_rng(4)
    means = np.array([[0.0, 0.0], [5.0, 1.0], [2.0, 5.0]])
    X = np.concatenate([m + rng.normal(size=(50, 2)) for m in means])
    states = [lloyd(X, X[[48, 36, 24]], max_iter=0)]  # three points of the lower-left blob
    while not states[-1].converged:
        states.append(lloyd(X, states[-1].centers, max_iter=1))
    shown = [0, 1, 2, len(states) - 1]
    colors, markers = [BLUE, ORANGE, GREEN], ["o", "s", "^"]
    figure, axes = plt.subplots(2, 2, figsize=(5.6, 5.4), sharex=True, sharey=True)
    for ax, step in zip(axes.flat, shown):
        state = states[step]
        for j in range(3):
            members = X[state.labels == j]
            ax.plot(members[:, 0], members[:, 1], markers[j], color=colors[j], markersize=3.5, alpha=0.55)
            path = np.array([s.centers[j] for s in states[: step + 1]])
            ax.plot(path[:, 0], path[:, 1], ".-", color=INK, linewidth=1.1, markersize=4)
            ax.plot(*path[-1], "X", color=colors[j], markeredgecolor=INK, markersize=13)
        title = "start" if step == 0 else f"step {step}" + (", converged" if state.converged else "")
        ax.set_title(f"{title}: inertia {state.inertia:.0f}", fontsize=11)
        ax.set(xticks=[-2, 0, 2, 4, 6, 8], yticks=[-2, 0, 2, 4, 6, 8], aspect="equal")
    figure.tight_layout()
    return svg(figure)


def kv_cache_memory() -> bytes:
    """KV-cache bytes per sequence against context length: full vs grouped-query vs latent attention."""
    # (label, bytes per token, color, line style); bytes per token = 2 (keys and values) x layers
    # x KV heads x head dim x bytes per value.
    configs = [
        ("Qwen3-32B with full MHA (64 KV heads)", 2 * 64 * 64 * 128 * 2, ORANGE, "-"),
        ("Qwen3-32B as built: GQA, 8 KV heads", 2 * 64 * 8 * 128 * 2, BLUE, "-"),
        ("Qwen3-32B, GQA, 8-bit cache", 2 * 64 * 8 * 128 * 1, BLUE, "--"),
        ("DeepSeek-V3 (671B), latent attention", 61 * 576 * 2, GREEN, "-"),
    ]
    tokens = 2.0 ** np.arange(10, 17.01, 0.25)  # 1k to 128k
    gib = 2**30
    figure, ax = plt.subplots(figsize=(5.2, 4.9))
    for label, per_token, color, style in configs:
        ax.loglog(tokens, tokens * per_token / gib, style, color=color, label=label, base=2)
        end = 2**17 * per_token / gib
        value = f"{end:.0f}" if end >= 10 else f"{end:.1f}"
        ax.annotate(value, (2**17, end), (5, 0), textcoords="offset points", va="center", fontsize=11)
    gpu = 80e9 / gib
    ax.axhline(gpu, color=MUTED, linestyle=":", linewidth=1.4)
    ax.text(2**10, gpu * 1.2, "one 80 GB GPU", color=MUTED, fontsize=11)
    crossing = 80e9 / configs[0][1]
    ax.plot(crossing, gpu, "o", color=ORANGE)
    ax.annotate(f"full at {crossing / 1000:.0f}k", (crossing, gpu), (8, -16), textcoords="offset points",
                fontsize=11, color=ORANGE)
    ax.set_xticks([2**10, 2**12, 2**14, 2**15, 2**17], ["1k", "4k", "16k", "32k", "128k"])
    ax.set_yticks([0.1, 1, 10, 100], ["0.1", "1", "10", "100"])
    ax.set(xlabel="context length (tokens)", ylabel="KV cache per sequence (GiB)", ylim=(0.05, 400))
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.16), fontsize=11, handlelength=2.2)
    return svg(figure)

# File name -> drawing function. Pages show a figure as ![alt text](figures/NAME.svg);
# the alt text lives in the page, next to the prose it illustrates.
ALL = {
    "bias-variance": bias_variance,
    "l1-l2-geometry": l1_l2_geometry,
    "distance-concentration": distance_concentration,
    "gradient-norms": gradient_norms,
    "attention-map": attention_map,
    "precision-recall": precision_recall,
    "gd-loss-curve": gd_loss_curve,
    "ab-power": ab_power,
    "boosting-residuals": boosting_residuals,
    "kmeans-iterations": kmeans_iterations,
    "kv-cache-memory": kv_cache_memory,
    "transformer-block": transformer_block,
    "rag-pipeline": rag_pipeline,
    "recommender-two-stage": recommender_two_stage,
    "ranking-funnel": ranking_funnel,
    "deployment-pipeline": deployment_pipeline,
}


def main() -> int:
    FIGURES.mkdir(exist_ok=True)
    for name, draw in ALL.items():
        (FIGURES / f"{name}.svg").write_bytes(draw())
        print(f"wrote docs/figures/{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
