"""The checker's helpers for built pages (read with studysite.built_html) and for the
Markdown lines a fault points at."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from studysite.built_html import Node, text_of
from studysite.model.questions import page_url

# Elements that show content without holding text.
CONTENT = ("math", "img", "pre", "table", "svg")


def shows_something(nodes: Iterable[Node]) -> bool:
    """Whether any of the nodes shows text, or an element that shows content without text."""
    for node in nodes:
        if node.tag == "-text":
            if node.text(deep=False).strip():
                return True
        elif node.tag != "-comment" and (node.tag in CONTENT or text_of(node) or node.css_first(", ".join(CONTENT))):
            return True
    return False


def html_path(page: str) -> str:
    """docs-relative Markdown path -> site-relative HTML path (directory URLs)."""
    return page_url(page) + "index.html"


def source_of(html_file: Path, site_dir: Path, docs: Path) -> Path | None:
    """The Markdown page an HTML page was built from, if there is one."""
    relative = html_file.relative_to(site_dir).as_posix()
    for candidate in (relative.removesuffix("/index.html") + ".md", relative.removesuffix(".html") + ".md"):
        if (docs / candidate).is_file():
            return docs / candidate
    return None


@cache
def source_lines(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").splitlines()


def line_of(source: Path, *needles: str) -> int:
    lines = source_lines(source)
    for needle in needles:
        if needle.strip('#"'):
            for number, text in enumerate(lines, 1):
                if needle in text:
                    return number
    return 1
