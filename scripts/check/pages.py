"""A built section page holds its questions: canonical number, title and place, each with
a short answer and a full answer."""

from __future__ import annotations

from pathlib import Path

from studysite.check.html import ANSWER, CONTENT, HEADERLINK, HEADING, PARAGRAPH, text_of
from studysite.model.questions import Site, display_path

def check_questions(article: str, section: dict, docs: Path, site: Site, found: dict[int, list[str]]) -> list[str]:
    """A section page's questions: canonical number, title and place, each with a short
    answer (the first paragraph under the heading) and a non-empty full answer."""
    faults = []
    heading_lines = {q.id: q.line for q in site.questions if q.page == section["page"]}
    where = display_path(docs / section["page"])
    headings = list(HEADING.finditer(article))
    expected = section["questions"]
    for index, h2 in enumerate(headings):
        line = heading_lines.get(h2["id"], 1)
        text = text_of(HEADERLINK.sub("", h2["inner"]))
        number_text, _, title = text.partition(". ")
        if not number_text.isdigit():
            faults.append(f"{where}:{line}: heading {text!r} is not a numbered question")
            continue
        number = int(number_text)
        found.setdefault(number, []).append(f"{where}:{line}")
        if index < len(expected) and (number, title) != expected[index]:
            want_number, want_title = expected[index]
            faults.append(f"{where}:{line}: expected question {want_number}. {want_title!r} here, found {number}. {title!r}")
        elif index >= len(expected):
            faults.append(f"{where}:{line}: question {number} does not belong in section '{section['title']}'")
        end = headings[index + 1].start() if index + 1 < len(headings) else len(article)
        faults += check_answers(article[h2.end() : end], number, f"{where}:{line}")
    for number, title in expected[len(headings):]:
        faults.append(f"{where}:1: question {number}. {title!r} is missing from the built page")
    return faults


def check_answers(block: str, number: int, where: str) -> list[str]:
    """A question's short answer is the paragraph under its heading; its full answer the
    details.answer block before the next heading."""
    full = ANSWER.search(block)
    short = PARAGRAPH.search(block, 0, full.start() if full else len(block))
    faults = []
    if short is None or not (text_of(short["inner"]) or CONTENT.search(short["inner"])):
        faults.append(f"{where}: question {number} has no short answer in the built page")
    if full is None:
        faults.append(f"{where}: question {number} has no full answer in the built page")
    elif not (text_of(full["body"]) or CONTENT.search(full["body"])):
        faults.append(f"{where}: question {number}'s full answer is empty in the built page")
    return faults
