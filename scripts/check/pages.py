"""A built section page holds its questions: canonical number, title and place, each with
a short answer and a full answer."""

from __future__ import annotations

from pathlib import Path

from studysite.built_html import Node, classes, question_blocks, text_of
from studysite.check.html import shows_something
from studysite.model.questions import Site, display_path


def check_questions(
    article: Node | None, section: dict, docs: Path, site: Site, found: dict[int, list[str]]
) -> list[str]:
    """A section page's questions: canonical number, title and place, each with a short
    answer (the first paragraph under the heading) and a non-empty full answer."""
    faults = []
    heading_lines = {q.id: q.line for q in site.questions if q.page == section["page"]}
    where = display_path(docs / section["page"])
    blocks_of = question_blocks(article) if article else []
    questions = [(h2, blocks) for h2, blocks in blocks_of if h2.attributes.get("id")]
    expected = section["questions"]
    for index, (h2, blocks) in enumerate(questions):
        line = heading_lines.get(h2.attributes["id"], 1)
        text = text_of(h2, lambda node: "headerlink" in classes(node))
        number_text, _, title = text.partition(". ")
        if not number_text.isdigit():
            faults.append(f"{where}:{line}: heading {text!r} is not a numbered question")
            continue
        number = int(number_text)
        found.setdefault(number, []).append(f"{where}:{line}")
        if index < len(expected) and (number, title) != expected[index]:
            want_number, want_title = expected[index]
            faults.append(
                f"{where}:{line}: expected question {want_number}. {want_title!r} here, found {number}. {title!r}"
            )
        elif index >= len(expected):
            faults.append(f"{where}:{line}: question {number} does not belong in section '{section['title']}'")
        faults += check_answers(blocks, number, f"{where}:{line}")
    for number, title in expected[len(questions):]:
        faults.append(f"{where}:1: question {number}. {title!r} is missing from the built page")
    return faults


def check_answers(blocks: list[Node], number: int, where: str) -> list[str]:
    """A question's short answer is the first paragraph under its heading; its full answer
    the details.answer block before the next heading."""
    full, before = None, []
    for block in blocks:
        is_answer = block.tag == "details" and "answer" in classes(block)
        if full := block if is_answer else block.css_first("details.answer"):
            break
        before.append(block)
    short = next((p for block in before for p in ([block] if block.tag == "p" else block.css("p"))), None)
    faults = []
    if short is None or not shows_something([short]):
        faults.append(f"{where}: question {number} has no short answer in the built page")
    if full is None:
        faults.append(f"{where}: question {number} has no full answer in the built page")
    elif not shows_something(child for child in full.iter(include_text=True) if child.tag != "summary"):
        faults.append(f"{where}: question {number}'s full answer is empty in the built page")
    return faults
