"""The searchable text of each question, read from a built section page.

A question is its heading (an h2 with an id) and the blocks after it, up to the next h2
(studysite.built_html). Its text comes in parts: the short answer (blocks other than
the folded answer, less the "Related:" and "Topics:" lines), the full answer (the
folded answer less its "Full answer" summary), and one entry per follow-up (a fold
inside the full answer). Text inside formulas, code, heading links and the page's
last-changed date says nothing a reader would search for and is left out, as is the
divider above the questions beyond the core, which belongs to no question. Text of
neighboring elements is joined with a space, and runs of space become one.
"""

from __future__ import annotations

from studysite.built_html import Node, article, classes, parse, question_blocks, text_of

LEFT_OUT_TAGS = {"math", "pre", "script"}
# tier-divider: the line above a section's first question beyond the core (build/macros.py).
LEFT_OUT_CLASSES = {"highlight", "headerlink", "md-code__nav", "md-source-file", "tier-divider"}
PARTS = ("short", "answer", "follow-ups")


def question_parts(page_html: str) -> dict[str, dict[str, list[str]]]:
    """{heading id: {"short": [...], "answer": [...], "follow-ups": [...]}} of a page."""
    questions: dict[str, dict[str, list[str]]] = {}
    for heading, blocks in question_blocks(article(parse(page_html))):
        if not (question_id := heading.attributes.get("id")):
            continue
        parts = questions.setdefault(question_id, {part: [] for part in PARTS})
        for block in blocks:
            if _left_out(block):
                continue
            if block.tag == "details":
                answer, follow_ups = _answer(block)
                parts["answer"].append(answer)
                parts["follow-ups"] += follow_ups
            elif not (text := text_of(block, _left_out)).startswith(("Related:", "Topics:")):
                parts["short"].append(text)
    return questions


def _left_out(node: Node) -> bool:
    return node.tag in LEFT_OUT_TAGS or bool(LEFT_OUT_CLASSES & classes(node))


def _answer(details: Node) -> tuple[str, list[str]]:
    """The text of a folded full answer, less its summary and its follow-ups, and the
    text of each follow-up (summary included)."""
    follow_ups = []

    def skip(node: Node) -> bool:
        if _left_out(node) or (node.tag == "summary" and node.parent == details):
            return True
        if node.tag == "details":
            follow_ups.append(text_of(node, _left_out))
            return True
        return False

    return text_of(details, skip), follow_ups
