"""The checker's reading of built HTML, and of the Markdown lines a fault points at."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from studysite.model.questions import page_url

# The HTML the checks need, read with regular expressions: a site of thousands of
# questions is too big to turn into trees in time (Material's pages are well-formed).
TAG = re.compile(r"<(?P<name>a|link|script|img|source|iframe)\b(?P<attributes>[^>]*)>", re.I)
ATTRIBUTE = re.compile(r"""(?P<key>[\w:-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
ID = re.compile(r"""\sid\s*=\s*["']([^"']*)["']""")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
HEADING = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h2>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
ANSWER = re.compile(r'<details class="[^"]*\banswer\b[^"]*"[^>]*>.*?</summary>(?P<body>.*?)</details>', re.S)
PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<inner>.*?)</p>", re.S)
MARKUP = re.compile(r"<[^>]+>")
# Elements that hold content without holding text.
CONTENT = re.compile(r"<(?:math|img|pre|table|svg)\b")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(MARKUP.sub(" ", fragment)).split())


def attributes(tag_attributes: str) -> dict[str, str]:
    return {m["key"].lower(): html.unescape(m["double"] if m["double"] is not None else m["single"])
            for m in ATTRIBUTE.finditer(tag_attributes)}


def tags(fragment: str, name: str):
    """The attributes of every <name> tag in an HTML fragment."""
    for match in TAG.finditer(fragment):
        if match["name"].lower() == name:
            yield attributes(match["attributes"])


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
