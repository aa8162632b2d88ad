"""The question model: every question parsed from its section page.

The section pages under docs/ are the single source of truth. This module reads them
(raw Markdown, before macros run) into Question records that the macros, the build
hooks, the checker and the tests share. It depends on nothing but the standard library,
so the checker stays independent of MkDocs.

Every fault is reported as "path:line: message", all of them in one pass.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent

MAX_SHORT_ANSWER = 300

H1 = re.compile(r"^# (?P<title>\S.*?)\s*$")
H2 = re.compile(r"^## ")
QUESTION = re.compile(r"^## (?P<number>\d+)\. (?P<title>.+?)(?: \{ #(?P<id>[^ }]+) \})?\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANSWER = re.compile(r'^\?\?\? answer "Full answer"\s*$')
MACRO = re.compile(r'^\{\{\s*(?P<name>related|topics|aliases)\((?P<args>.*)\)\s*\}\}\s*$')
STRING = re.compile(r'"([^"]*)"')
FOLLOW_UP = re.compile(r'^\?\?\? question "', re.M)


@dataclass
class Question:
    number: int
    id: str
    title: str
    section: str
    page: str  # path relative to the docs folder, e.g. "deep-learning.md"
    line: int  # line of the heading
    short: str = ""  # the short answer's Markdown
    formula: str = ""  # the key formula's LaTeX, without $$
    answer: str = ""  # the full answer's Markdown, dedented
    related: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # extra search terms, optional
    lines: dict[str, int] = field(default_factory=dict)  # part name -> line


@dataclass
class Section:
    title: str
    page: str
    line: int
    questions: list[Question]


@dataclass
class Site:
    sections: list[Section]
    topics: dict[str, dict[str, str]]  # slug -> {"name": ..., "about": ...}
    faults: list[str]

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def topic_questions(self, slug: str) -> list[Question]:
        return [q for q in self.questions if slug in q.topics]


def canon() -> list[dict]:
    """The canonical sections from canon.toml, each question as (number, title)."""
    sections = tomllib.loads((SCRIPTS / "canon.toml").read_text())["sections"]
    number = 0
    for section in sections:
        numbered = []
        for title in section["questions"]:
            number += 1
            numbered.append((number, title))
        section["questions"] = numbered
    return sections


def topic_vocabulary() -> dict[str, dict[str, str]]:
    return tomllib.loads((SCRIPTS / "topics.toml").read_text())


def load_site(docs_dir: Path | str = ROOT / "docs") -> Site:
    """Parse every section page named in canon.toml and validate the whole model."""
    docs_dir = Path(docs_dir)
    site = Site(sections=[], topics=topic_vocabulary(), faults=[])
    for entry in canon():
        path = docs_dir / entry["page"]
        if not path.is_file():
            site.faults.append(f"{display_path(path)}:1: section page is missing")
            continue
        site.sections.append(_parse_page(path, entry["page"], site.faults))
    _validate(site, docs_dir)
    return site


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse_page(path: Path, page: str, faults: list[str]) -> Section:
    where = display_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    title, title_line = "", 1
    starts: list[int] = []
    for index, text in enumerate(lines):
        if not title and (match := H1.match(text)):
            title, title_line = match["title"], index + 1
        elif H2.match(text):
            starts.append(index)
    if not title:
        faults.append(f"{where}:1: page has no '# Title' line")
    questions = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        question = _parse_question(lines, start, end, title, page, where, faults)
        if question:
            questions.append(question)
    return Section(title=title, page=page, line=title_line, questions=questions)


def _parse_question(lines, start, end, section, page, where, faults) -> Question | None:
    line = start + 1
    match = QUESTION.match(lines[start])
    if not match:
        faults.append(f"{where}:{line}: heading must read '## N. Title {{ #id }}': {lines[start]!r}")
        return None
    if not match["id"]:
        faults.append(f"{where}:{line}: question {match['number']} has no id (add '{{ #some-slug }}')")
    question = Question(
        number=int(match["number"]),
        id=match["id"] or "",
        title=match["title"],
        section=section,
        page=page,
        line=line,
    )
    if question.id and not SLUG.match(question.id):
        faults.append(f"{where}:{line}: id '{question.id}' is not a lowercase slug (a-z, 0-9, -)")

    # The body: short answer, optional $$ formula, the folded full answer, then macros.
    i = start + 1
    short: list[str] = []
    while i < end and not lines[i].startswith(("$$", "???")) and not MACRO.match(lines[i]):
        short.append(lines[i])
        i += 1
    question.short = "\n".join(short).strip()
    question.lines["short"] = start + 2
    if i < end and lines[i].startswith("$$"):
        question.lines["formula"] = i + 1
        formula = [lines[i][2:]]
        i += 1
        while i < end and not formula[-1].rstrip().endswith("$$"):
            formula.append(lines[i])
            i += 1
        question.formula = "\n".join(formula).strip().removesuffix("$$").strip()
        if not formula[-1].rstrip().endswith("$$"):
            faults.append(f"{where}:{question.lines['formula']}: key formula has no closing $$")
    while i < end and not lines[i].strip():
        i += 1
    if i < end and ANSWER.match(lines[i]):
        question.lines["answer"] = i + 1
        body = []
        i += 1
        while i < end and (not lines[i].strip() or lines[i].startswith("    ")):
            body.append(lines[i][4:])
            i += 1
        question.answer = "\n".join(body).strip()
    for number, text in enumerate(lines[i:end], i + 1):
        if not text.strip():
            continue
        if macro := MACRO.match(text):
            setattr(question, macro["name"], STRING.findall(macro["args"]))
            question.lines[macro["name"]] = number
        else:
            faults.append(
                f"{where}:{number}: unexpected text after question {question.number}'s full answer "
                "(only related(), topics() and aliases() belong there; indent answer text by four spaces)"
            )
            break

    _check_parts(question, where, faults)
    return question


def _check_parts(q: Question, where: str, faults: list[str]) -> None:
    if not q.short:
        faults.append(f"{where}:{q.lines['short']}: question {q.number} has an empty short answer")
    elif len(" ".join(q.short.split())) > MAX_SHORT_ANSWER:
        faults.append(
            f"{where}:{q.lines['short']}: question {q.number}'s short answer is longer than "
            f"{MAX_SHORT_ANSWER} characters"
        )
    if "answer" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no '??? answer \"Full answer\"' block")
    elif not q.answer:
        faults.append(f"{where}:{q.lines['answer']}: question {q.number} has an empty full answer")
    elif "**Follow-ups**" not in q.answer or not 2 <= len(FOLLOW_UP.findall(q.answer)) <= 3:
        faults.append(
            f"{where}:{q.lines['answer']}: question {q.number}'s full answer must end with **Follow-ups** "
            "and two or three '??? question' blocks"
        )
    if "related" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ related(...) }}}} line")
    elif len(q.related) < 2:
        faults.append(f"{where}:{q.lines['related']}: question {q.number} needs at least two related questions")
    if "topics" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ topics(...) }}}} line")
    elif not q.topics:
        faults.append(f"{where}:{q.lines['topics']}: question {q.number} needs at least one topic")


def _validate(site: Site, docs_dir: Path) -> None:
    """Faults that need the whole site: duplicates, dangling ids and topics, canon order."""
    faults = site.faults
    seen_ids: dict[str, str] = {}
    seen_numbers: dict[int, str] = {}
    for q in site.questions:
        where = f"{display_path(docs_dir / q.page)}:{q.line}"
        if not q.id:
            pass  # already reported
        elif q.id in seen_ids:
            faults.append(f"{where}: duplicate id '{q.id}' (first used at {seen_ids[q.id]})")
        else:
            seen_ids[q.id] = where
        if q.number in seen_numbers:
            faults.append(f"{where}: duplicate question number {q.number} (first used at {seen_numbers[q.number]})")
        else:
            seen_numbers[q.number] = where

    for q in site.questions:
        path = display_path(docs_dir / q.page)
        for ref in q.related:
            if ref not in seen_ids:
                faults.append(f"{path}:{q.lines['related']}: related question id '{ref}' does not exist")
            elif ref == q.id:
                faults.append(f"{path}:{q.lines['related']}: question {q.number} lists itself as related")
        for slug in q.topics:
            if slug not in site.topics:
                faults.append(
                    f"{path}:{q.lines['topics']}: unknown topic '{slug}' (topics are listed in scripts/topics.toml)"
                )

    built = {section.page: section for section in site.sections}
    for entry in canon():
        if entry["page"] not in built:
            continue  # already reported as missing
        section = built[entry["page"]]
        path = display_path(docs_dir / section.page)
        if section.title != entry["title"]:
            faults.append(f"{path}:{section.line}: section title should be '{entry['title']}', not '{section.title}'")
        found = [(q.number, q.title) for q in section.questions]
        for (number, title), q in zip(entry["questions"], section.questions):
            if (q.number, q.title) != (number, title):
                faults.append(f"{path}:{q.line}: expected question {number}. {title!r} here, found {q.number}. {q.title!r}")
        for number, title in entry["questions"][len(found):]:
            faults.append(f"{path}:{section.line}: question {number}. {title!r} is missing from this page")
        for q in section.questions[len(entry["questions"]):]:
            faults.append(f"{path}:{q.line}: question {q.number} does not belong in section '{entry['title']}'")
