"""Box-and-arrow diagrams: the transformer block, the RAG pipeline, the two-stage recommender,
the search-ranking funnel with its ads path, the path of a model to production."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from studysite.figures.style import BLUE, GREEN, INK, MUTED, ORANGE, PALE_BLUE, PALE_GREEN, PALE_ORANGE, svg

# Canvas units are half an inch; at 9.5 pt a character is at most about 0.17 units wide.
CHAR = 0.17
LINE = 0.36
# (fill, edge) of the boxes that are not the default blue.
PLAIN = ("white", MUTED)
GREEN_BOX = (PALE_GREEN, GREEN)
ORANGE_BOX = (PALE_ORANGE, ORANGE)


@dataclass
class Box:
    x: float  # center
    y: float
    text: str
    fill: str = PALE_BLUE
    edge: str = BLUE
    w: float = 0.0  # 0: wide enough for the text
    h: float = 0.0  # 0: tall enough for the text

    def __post_init__(self):
        lines = self.text.split("\n")
        self.w = self.w or CHAR * max(map(len, lines)) + 0.6
        self.h = self.h or LINE * len(lines) + 0.35

    def side(self, where: str) -> tuple[float, float]:
        return {
            "top": (self.x, self.y + self.h / 2),
            "bottom": (self.x, self.y - self.h / 2),
            "left": (self.x - self.w / 2, self.y),
            "right": (self.x + self.w / 2, self.y),
        }[where]


def canvas(width: float, height: float):
    figure, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(0, width * 2)
    ax.set_ylim(0, height * 2)
    ax.set_aspect("equal")
    ax.axis("off")
    return figure, ax


def row(y: float, x: float, gap: float, boxes: list[Box]) -> list[Box]:
    """Place boxes left to right from x, `gap` apart, centered on height y."""
    for box in boxes:
        box.x, box.y = x + box.w / 2, y
        x += box.w + gap
    return boxes


def draw(ax, box: Box, size: float = 9.5) -> Box:
    ax.add_patch(
        FancyBboxPatch(
            (box.x - box.w / 2, box.y - box.h / 2), box.w, box.h,
            boxstyle="round,pad=0.02,rounding_size=0.12", facecolor=box.fill, edgecolor=box.edge, linewidth=1.4,
        )
    )
    ax.text(box.x, box.y, box.text, ha="center", va="center", fontsize=size, color=INK)
    return box


def arrow(ax, start, end, label: str = "", color: str = INK, style: str = "-|>", rad: float = 0.0) -> None:
    ax.add_patch(
        FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=color, linewidth=1.4,
                        connectionstyle=f"arc3,rad={rad}", shrinkA=2, shrinkB=2)
    )
    if label:
        ax.text((start[0] + end[0]) / 2 + 0.12, (start[1] + end[1]) / 2, label, fontsize=9, color=MUTED, va="center")


def chain(ax, boxes: list[Box], backwards: bool = False) -> None:
    """Draw a row of boxes with an arrow between neighbors, left to right or backwards."""
    for left, right in zip(boxes, boxes[1:]):
        start, end = (right.side("left"), left.side("right")) if backwards else (left.side("right"), right.side("left"))
        arrow(ax, start, end)
    for box in boxes:
        draw(ax, box)


def heading(ax, y: float, text: str) -> None:
    ax.text(0.2, y, text, fontsize=11, fontweight="bold")


def transformer_block() -> bytes:
    """A pre-norm decoder block as in current LLMs: two sub-layers, each wrapped in a residual connection."""
    figure, ax = canvas(4.0, 5.4)
    x = 4.6
    stack = [
        Box(x, 0.6, "token embeddings", *PLAIN),  # RoPE adds nothing here: it rotates q and k inside attention
        Box(x, 2.0, "norm (RMSNorm)", *GREEN_BOX, w=3.5),
        Box(x, 3.2, "multi-head self-attention\n(RoPE on q, k; causal mask)"),
        Box(x, 4.4, "+", "white", INK, w=0.6, h=0.6),
        Box(x, 5.6, "norm (RMSNorm)", *GREEN_BOX, w=3.5),
        Box(x, 6.8, "feed-forward network\n(SwiGLU or MoE, per token)", *ORANGE_BOX),
        Box(x, 8.0, "+", "white", INK, w=0.6, h=0.6),
        Box(x, 9.9, "next block (× N); after the last:\nfinal norm, then output head", *PLAIN),
    ]
    for lower, upper in zip(stack, stack[1:]):
        draw(ax, lower, size=14 if lower.text == "+" else 9.5)
        arrow(ax, lower.side("top"), upper.side("bottom"))
    draw(ax, stack[-1])
    # Each residual path leaves below its norm and rejoins at the "+" above the sub-layer.
    left = x - 2.9
    for start_y, add in [(1.3, stack[3]), (4.9, stack[6])]:
        ax.plot([x, left, left], [start_y, start_y, add.y], color=BLUE, linewidth=1.4)
        arrow(ax, (left, add.y), add.side("left"), color=BLUE)
        ax.text(
            left - 0.15, (start_y + add.y) / 2, "residual", rotation=90, color=BLUE, fontsize=9, ha="right", va="center"
        )
    return svg(figure)


def rag_pipeline() -> bytes:
    """Offline ingestion feeds the index; each question is answered from what it retrieves."""
    figure, ax = canvas(8.4, 3.4)
    heading(ax, 6.3, "Ingestion (offline, whenever documents change)")
    ingest = row(5.3, 0.2, 0.7, [
        Box(0, 0, "help-center docs,\ntickets, manuals", *PLAIN),
        Box(0, 0, "clean + chunk\n(200–800 tokens)"),
        Box(0, 0, "embed\nchunks"),
        Box(0, 0, "vector + keyword index\n(with access-control tags)", *GREEN_BOX),
    ])
    heading(ax, 3.7, "Answering (online, per question)")
    query = row(2.7, 0.2, 0.7, [
        Box(0, 0, "question\n+ user id", *PLAIN),
        Box(0, 0, "hybrid search,\nfiltered to user"),
        Box(0, 0, "re-rank,\nkeep top k"),
        Box(0, 0, "prompt: rules +\ncontext + question"),
        Box(0, 0, "LLM", *ORANGE_BOX),
    ])
    chain(ax, ingest)
    chain(ax, query)
    arrow(ax, ingest[-1].side("bottom"), query[1].side("top"), color=GREEN, rad=-0.1)
    guard = draw(ax, Box(query[-1].x - 1.0, 0.7, "guardrails: grounded?\nsafe? cite sources", *GREEN_BOX))
    arrow(ax, query[-1].side("bottom"), (query[-1].x, guard.y + guard.h / 2))
    answer = Box(0, 0.7, "answer with citations,\nor hand-off to a human", *PLAIN)
    answer.x = guard.x - guard.w / 2 - 0.9 - answer.w / 2
    draw(ax, answer)
    arrow(ax, guard.side("left"), answer.side("right"))
    return svg(figure)


def recommender_two_stage() -> bytes:
    """Cheap retrieval narrows 10 M items to a thousand, a rich ranker orders them, 20 are shown."""
    figure, ax = canvas(10.6, 2.4)
    stages = row(3.0, 0.2, 1.7, [
        Box(0, 0, "catalog:\n10 M items", "white", MUTED),
        Box(0, 0, "candidate retrieval:\ntwo-tower + ANN,\nco-views, trending"),
        Box(0, 0, "ranking model:\nrich user × item\nfeatures", PALE_ORANGE, ORANGE),
        Box(0, 0, "re-ranking:\ndiversity, freshness,\nbusiness rules", PALE_GREEN, GREEN),
    ])
    counts = ["10⁷ → 10³", "10³ ranked", "10³ → 20"]  # the answer's numbers
    for (left, right), count in zip(zip(stages, stages[1:]), counts):
        draw(ax, left)
        arrow(ax, left.side("right"), right.side("left"))
        ax.text(
            (left.x + left.w / 2 + right.x - right.w / 2) / 2,
            left.y - 0.45,
            count,
            ha="center",
            fontsize=8,
            color=MUTED,
        )
    draw(ax, stages[-1])
    logs = Box(
        (stages[1].x + stages[-1].x) / 2,
        0.6,
        "interaction logs (clicks, watch time) retrain both stages",
        "white",
        MUTED,
    )
    draw(ax, logs)
    arrow(ax, stages[-1].side("bottom"), (stages[-1].x, logs.y + logs.h / 2), color=MUTED)
    arrow(ax, (stages[1].x, logs.y + logs.h / 2), stages[1].side("bottom"), color=MUTED)
    return svg(figure)


def ranking_funnel() -> bytes:
    """Organic results narrow 100 M listings to 40 in four stages; ads take a parallel path
    through a pCTR model and an auction and join at re-ranking."""
    figure, ax = canvas(10.2, 3.0)
    heading(ax, 5.55, "Organic results")
    organic = row(4.3, 0.2, 0.9, [
        Box(0, 0, "query\nunderstanding:\nspelling, intent", *PLAIN),
        Box(0, 0, "retrieval:\nBM25 + ANN\n100 M → 5,000"),
        Box(0, 0, "light ranker:\nboosted trees\n5,000 → 500"),
        Box(0, 0, "heavy ranker:\ndeep multi-task\n500, ordered", *ORANGE_BOX),
        Box(0, 0, "re-ranking:\ndiversity, rules\n→ 40 shown", *GREEN_BOX),
    ])
    ads = row(1.3, organic[1].x - organic[1].w / 2, 0.9, [
        Box(0, 0, "ad retrieval:\nabout 200 ads"),
        Box(0, 0, "pCTR model,\ncalibrated", *ORANGE_BOX),
        Box(0, 0, "auction:\nbid × pCTR, GSP"),
    ])
    ax.text(ads[0].x - ads[0].w / 2, 2.3, "Sponsored listings (ads), in parallel", fontsize=11, fontweight="bold")
    chain(ax, organic)
    chain(ax, ads)
    query, rerank = organic[0], organic[-1]
    arrow(ax, query.side("bottom"), ads[0].side("left"), rad=0.25)
    arrow(ax, ads[-1].side("right"), rerank.side("bottom"), rad=0.25, label="ads into\ntheir slots")
    return svg(figure)


def deployment_pipeline() -> bytes:
    """Build on top, left to right; release and monitoring below, right to left; a loop back."""
    figure, ax = canvas(9.6, 3.1)
    heading(ax, 5.75, "Build (every change, every retrain)")
    build = row(4.6, 0.2, 0.8, [
        Box(0, 0, "training pipeline\n(data, code, config)", *PLAIN),
        Box(0, 0, "model registry\n(versions, metrics)"),
        Box(0, 0, "CI gate: tests,\neval on key slices"),
        Box(0, 0, "container image\n(model + preprocessing)", *GREEN_BOX),
    ])
    heading(ax, 0.15, "Release and operate (live traffic)")
    release = row(1.6, 0.2, 0.55, [
        Box(0, 0, "monitoring:\nlatency, errors,\ndrift", *ORANGE_BOX),
        Box(0, 0, "full\nrollout"),
        Box(0, 0, "A/B test vs\ncurrent model"),
        Box(0, 0, "canary\n(1–5% of traffic)"),
        Box(0, 0, "shadow\n(copy of traffic)"),
    ])
    chain(ax, build)
    chain(ax, release, backwards=True)
    arrow(ax, build[-1].side("bottom"), release[-1].side("top"), rad=-0.2)
    monitoring, training, registry = release[0], build[0], build[1]
    arrow(ax, (monitoring.x - 0.6, monitoring.y + monitoring.h / 2), (training.x - 0.6, training.y - training.h / 2),
          label="retrain", color=ORANGE)
    arrow(ax, (monitoring.x + 0.9, monitoring.y + monitoring.h / 2), registry.side("bottom"), color=ORANGE)
    ax.text((monitoring.x + registry.x) / 2 + 0.5, 3.1, "roll back to the\nprevious version", fontsize=9, color=ORANGE)
    return svg(figure)
