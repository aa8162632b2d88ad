"""The searchable text of each question, read from a built section page in one pass.

A question is its heading (an h2 with an id) and the blocks after it, up to the next h2
or the end of the article. Its text comes in parts: the short answer (blocks other than
the folded answer, less the "Related:" and "Topics:" lines), the full answer (the
folded answer less its "Full answer" summary), and one entry per follow-up (a fold
inside the full answer). Text inside formulas, code, heading links and the page's
last-changed date says nothing a reader would search for and is left out. Text of
neighboring elements is joined with a space, and runs of space become one.

A streaming parser, not a tree: reading the pages is the larger part of indexing them,
and a tree made it five times slower. Formulas and code are cut out before it reads a
page: they are most of its tags, and reading them made it three times slower.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that never nest, so the first end tag closes them; their text is left out.
CUT = re.compile(r"<(math|pre)\b.*?</\1>", re.S)
NOISE_TAGS = {"script"}
NOISE_CLASSES = {"highlight", "headerlink", "md-code__nav", "md-source-file"}
# Elements that never have an end tag, so never open a level.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PARTS = ("short", "answer", "follow-ups")


def question_parts(page_html: str) -> dict[str, dict[str, list[str]]]:
    """{heading id: {"short": [...], "answer": [...], "follow-ups": [...]}} of a page."""
    reader = _Reader()
    # Read from the article on: the header and menus before it were a fifth of the reading.
    reader.feed(CUT.sub(" ", page_html[max(page_html.find("<article"), 0) :]))
    reader.close()
    return reader.questions


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.questions: dict[str, dict[str, list[str]]] = {}
        self.depth = 0  # elements open
        self.level: int | None = None  # depth of the h2s and the blocks after them
        self.parts: dict[str, list[str]] | None = None  # those of the question being read
        self.skip: int | None = None  # depth of the element whose text is being left out
        self.block: str | None = None  # the open block, "short" or "answer", if any
        self.fold: int | None = None  # depth of the open follow-up, if any
        self.chunks: dict[str, list[str]] = {"block": [], "fold": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.depth += 1
        if self.skip is not None:
            return
        attributes = dict(attrs)
        if tag == "h2" and self.level in (None, self.depth):
            self._close_block()
            self.level = self.depth
            heading = attributes.get("id")
            self.parts = self.questions.setdefault(heading, {part: [] for part in PARTS}) if heading else None
            self.skip = self.depth  # the title comes from the question model
        elif tag in NOISE_TAGS or NOISE_CLASSES & set((attributes.get("class") or "").split()):
            self.skip = self.depth
        elif self.parts is None:
            return
        elif self.depth == self.level:
            self.block = "answer" if tag == "details" else "short"
        elif self.block == "answer" and self.fold is None:
            if tag == "details":
                self.fold = self.depth
            elif tag == "summary" and self.depth == self.level + 1:
                self.skip = self.depth  # "Full answer"

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip == self.depth:
            self.skip = None
        elif self.skip is None and self.parts is not None:
            if self.fold == self.depth:
                self.parts["follow-ups"].append(_joined(self.chunks["fold"]))
                self.chunks["fold"] = []
                self.fold = None
            elif self.depth == self.level:
                self._close_block()
        if self.level is not None and self.depth == self.level - 1:  # the article ends
            self._close_block()
            self.parts = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip is None and self.block is not None:
            self.chunks["fold" if self.fold is not None else "block"].append(data)

    def _close_block(self) -> None:
        if self.block is not None and self.parts is not None:
            text = _joined(self.chunks["block"])
            if self.block == "answer":
                self.parts["answer"].append(text)
            elif not text.startswith(("Related:", "Topics:")):
                self.parts["short"].append(text)
        self.block = None
        self.chunks["block"] = []


def _joined(chunks: list[str]) -> str:
    return " ".join(" ".join(chunks).split())
