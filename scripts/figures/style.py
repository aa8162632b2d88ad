"""The look shared by every figure, and the one way figures are written to disk.

Figures are SVG on a white card, so they stay legible on the dark theme and in print.
Text stays text (svg.fonttype "none"): it is searchable, sharp, and takes the reader's
sans-serif font. A fixed hash salt and no date make the output byte-for-byte
reproducible, which lets a test notice a committed figure that is out of date.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

INK = "#263238"
MUTED = "#78909c"
BLUE = "#3f51b5"
ORANGE = "#e64a19"
GREEN = "#2e7d32"
PALE_BLUE = "#e8eaf6"
PALE_ORANGE = "#fbe9e7"
PALE_GREEN = "#e8f5e9"

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "ml-interview-prep",
        "font.family": "sans-serif",
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.color": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "legend.frameon": False,
        "lines.linewidth": 2.2,
    }
)


def svg(figure) -> bytes:
    """The figure as SVG bytes, with no timestamp; the figure is closed afterwards."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.15, metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()
