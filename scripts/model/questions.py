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

from studysite.project import ROOT

MAX_SHORT_ANSWER = 300
KEY_POINTS = range(3, 6)  # how many points an interviewer listens for
MAX_KEY_POINT = 100  # characters in one point

H1 = re.compile(r"^# (?P<title>\S.*?)\s*$")
H2 = re.compile(r"^## ")
QUESTION = re.compile(r"^## (?P<number>\d+)\. (?P<title>.+?)(?: \{ #(?P<id>[^ }]+) \})?\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANSWER = re.compile(r'^\?\?\? answer "Full answer"\s*$')
MACRO = re.compile(r'^\{\{\s*(?P<name>related|topics|key_points|roles|aliases)\((?P<args>.*)\)\s*\}\}\s*$')
# A line-level macro call other than q(), which is inline text: a misspelled related() etc.
ANY_MACRO = re.compile(r"^\{\{\s*(?!q\s*\()(?P<name>\w+)\s*\(")
# An admonition or details opener: a full answer written with the wrong syntax.
FOLD = re.compile(r"^(?:\?\?\?\+?|!!!) ")
DEEP_HEADING = re.compile(r"^#{3,6} ")
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
    key_points: list[str] = field(default_factory=list)  # what an interviewer listens for
    roles: list[str] = field(default_factory=list)  # slugs from roles.toml: the loops that ask it
    aliases: list[str] = field(default_factory=list)  # extra search terms, optional
    core: bool = True  # one of the canonical core questions; False for the extension ones
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
    roles: dict[str, str] = field(default_factory=dict)  # slug -> name

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def topic_questions(self, slug: str) -> list[Question]:
        return [q for q in self.questions if slug in q.topics]


class TomlFault(ValueError):
    """canon.toml or topics.toml cannot be used; the message reads "path:line: ..."."""


def data_dir(docs_dir: Path | str) -> Path:
    """Where the site's data files (canon.toml, topics.toml, roles.toml) are: scripts/
    beside the docs folder, next to mkdocs.yml of the project being built."""
    return Path(docs_dir).parent / "scripts"


def _read_toml(data: Path, name: str) -> dict:
    path = data / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = found[1] if found else 1
        raise TomlFault(f"{display_path(path)}:{line}: {str(error).split(' (at line')[0]}") from None


def _toml_line(data: Path, name: str, needle: str) -> str:
    path = data / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return f"{display_path(path)}:{next((n for n, text in enumerate(lines, 1) if needle in text), 1)}"


def canon(data: Path) -> list[dict]:
    """The canonical sections from canon.toml. Each section's `questions` lists its core
    questions and then its `extension` ones as (number, title): the core questions are
    numbered first, through every section, then the extension ones; `core` is how many of
    the section's questions are core."""
    sections = _read_toml(data, "canon.toml").get("sections")
    if not isinstance(sections, list) or not sections:
        raise TomlFault(f"{_toml_line(data, 'canon.toml', '[[sections]]')}: canon.toml needs [[sections]] tables")
    for index, section in enumerate(sections):
        section.setdefault("extension", [])
        for key, kind in (("title", str), ("page", str), ("questions", list), ("extension", list)):
            if not isinstance(section.get(key), kind):
                where = _toml_line(data, "canon.toml", f'"{section.get("page") or section.get("title")}"')
                raise TomlFault(f"{where}: section {index + 1} in canon.toml needs a {key} ({kind.__name__})")
    core_count = sum(len(section["questions"]) for section in sections)
    core = extension = 0
    for section in sections:
        numbered = []
        for title in section["questions"]:
            core += 1
            numbered.append((core, title))
        for title in section.pop("extension"):
            extension += 1
            numbered.append((core_count + extension, title))
        section["core"] = len(section["questions"])
        section["questions"] = numbered
    return sections


def role_vocabulary(data: Path) -> dict[str, str]:
    roles = _read_toml(data, "roles.toml")
    for slug, name in roles.items():
        if not isinstance(name, str):
            raise TomlFault(f"{_toml_line(data, 'roles.toml', slug)}: role '{slug}' needs a name (text)")
    return roles


def topic_vocabulary(data: Path) -> dict[str, dict[str, str]]:
    topics = _read_toml(data, "topics.toml")
    for slug, topic in topics.items():
        for key in ("name", "about"):
            if not isinstance(topic, dict) or not isinstance(topic.get(key), str):
                raise TomlFault(f"{_toml_line(data, 'topics.toml', f'[{slug}]')}: topic '{slug}' needs a {key} (text)")
    return topics


def load_site(docs_dir: Path | str = ROOT / "docs") -> Site:
    """Parse every section page named in canon.toml and validate the whole model. The data
    files are read from the project the docs folder belongs to (data_dir())."""
    docs_dir, data = Path(docs_dir), data_dir(docs_dir)
    try:
        site = Site(sections=[], topics=topic_vocabulary(data), faults=[], roles=role_vocabulary(data))
        entries = canon(data)
    except TomlFault as fault:
        return Site(sections=[], topics={}, faults=[str(fault)])
    for entry in entries:
        path = docs_dir / entry["page"]
        if not path.is_file():
            site.faults.append(f"{display_path(path)}:1: section page is missing")
            continue
        site.sections.append(_parse_page(path, entry["page"], site.faults))
    _validate(site, docs_dir, entries)
    return site


def page_url(page: str) -> str:
    """A docs-relative Markdown page's URL relative to the site root, as MkDocs builds it
    with directory URLs: "deep-learning.md" -> "deep-learning/", "index.md" -> ""."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


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
    while i < end and not lines[i].strip():
        i += 1
    question.lines["short"] = i + 1 if i < end else line + 1
    short: list[str] = []
    while i < end and not lines[i].startswith("$$") and not FOLD.match(lines[i]) and not ANY_MACRO.match(lines[i]):
        short.append(lines[i])
        i += 1
    question.short = "\n".join(short).strip()
    if not question.short:
        question.lines["short"] = line + 1  # where it belongs: under the heading
    if i < end and lines[i].startswith("$$"):
        first = i + 1 if lines[i].strip() == "$$" else i  # the line that starts the LaTeX
        question.lines["formula"] = first + 1
        formula = [lines[i][2:]]
        i += 1
        while i < end and not formula[-1].rstrip().endswith("$$"):
            formula.append(lines[i])
            i += 1
        question.formula = "\n".join(formula).strip().removesuffix("$$").strip()
        if not formula[-1].rstrip().endswith("$$"):
            faults.append(f"{where}:{first}: key formula has no closing $$")
    while i < end and not lines[i].strip():
        i += 1
    if i < end and FOLD.match(lines[i]):
        if not ANSWER.match(lines[i]):
            faults.append(
                f"{where}:{i + 1}: write the full answer's first line exactly as '??? answer \"Full answer\"' "
                f"(a closed fold), not {lines[i].strip()!r}"
            )
        question.lines["answer"] = i + 1
        body = []
        i += 1
        while i < end and (not lines[i].strip() or lines[i].startswith("    ")):
            body.append(lines[i][4:])
            i += 1
        question.answer = "\n".join(body).strip()
        question.lines["answer_end"] = i
        question.lines["follow_ups"] = next(
            (n for n, text in enumerate(body, question.lines["answer"] + 1) if text.strip() == "**Follow-ups**"),
            question.lines["answer"],
        )
        early = (n for n, text in enumerate(body, question.lines["answer"] + 1) if FOLLOW_UP.match(text))
        if (first := next(early, None)) and first < question.lines["follow_ups"]:
            question.lines["early_follow_up"] = first
    unindented = False
    for number, text in enumerate(lines[i:end], i + 1):
        if not text.strip():
            continue
        if macro := MACRO.match(text):
            if macro["name"] in question.lines:
                faults.append(
                    f"{where}:{number}: question {question.number} has a second {macro['name']}() line "
                    f"(the first is at line {question.lines[macro['name']]})"
                )
                continue
            setattr(question, macro["name"], STRING.findall(macro["args"]))
            question.lines[macro["name"]] = number
        elif macro := ANY_MACRO.match(text):
            question.lines.setdefault("unknown_macro", number)
            faults.append(
                f"{where}:{number}: unknown macro '{macro['name']}' under question {question.number} "
                "(related(), topics(), key_points(), roles() or aliases() belong here)"
            )
        elif DEEP_HEADING.match(text):
            faults.append(
                f"{where}:{number}: heading {text.strip()!r} inside question {question.number}: "
                "a question's heading is '## N. Title { #id }', and answers hold no headings"
            )
        elif not unindented:
            unindented = True
            faults.append(
                f"{where}:{number}: text after question {question.number}'s full answer: indent it four spaces "
                "to keep it in the answer (only related(), topics(), key_points(), roles() "
                "and aliases() lines follow it)"
            )

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
    else:
        # Follow-ups are the '??? question' blocks after the **Follow-ups** line, at the
        # answer's own level: one written earlier in the answer or inside another is not one.
        marker, after = q.answer.partition("**Follow-ups**")[1:]
        count = len(FOLLOW_UP.findall(after)) if marker else 0
        if not 2 <= count <= 3:
            faults.append(
                f"{where}:{q.lines['follow_ups']}: question {q.number}'s full answer must end with **Follow-ups** "
                f"and two or three '??? question' blocks (found {count})"
            )
        if "early_follow_up" in q.lines:
            faults.append(
                f"{where}:{q.lines['early_follow_up']}: question {q.number} has a '??? question' block before "
                "its **Follow-ups** line: follow-ups go after it"
            )
    if "unknown_macro" in q.lines:
        return  # a misspelled related() or topics(): already reported at its line
    if "related" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ related(...) }}}} line")
    elif len(q.related) < 2:
        faults.append(f"{where}:{q.lines['related']}: question {q.number} needs at least two related questions")
    if "topics" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ topics(...) }}}} line")
    elif not q.topics:
        faults.append(f"{where}:{q.lines['topics']}: question {q.number} needs at least one topic")
    if "key_points" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ key_points(...) }}}} line")
    else:
        if len(q.key_points) not in KEY_POINTS:
            faults.append(
                f"{where}:{q.lines['key_points']}: question {q.number} needs {KEY_POINTS.start} to "
                f"{KEY_POINTS.stop - 1} key points (found {len(q.key_points)})"
            )
        for point in q.key_points:
            if not point.strip() or len(point) > MAX_KEY_POINT:
                faults.append(
                    f"{where}:{q.lines['key_points']}: question {q.number}'s key point {point!r} must be "
                    f"1 to {MAX_KEY_POINT} characters"
                )
    if "roles" not in q.lines:
        faults.append(f"{where}:{q.line}: question {q.number} has no {{{{ roles(...) }}}} line")
    elif not q.roles:
        faults.append(f"{where}:{q.lines['roles']}: question {q.number} needs at least one role")


def _validate(site: Site, docs_dir: Path, entries: list[dict]) -> None:
    """Faults that need the whole site: duplicates, dangling ids and topics, canon order."""
    faults = site.faults
    shown = {section.page: display_path(docs_dir / section.page) for section in site.sections}  # resolving is slow
    seen_ids: dict[str, str] = {}
    seen_numbers: dict[int, str] = {}
    for q in site.questions:
        where = f"{shown[q.page]}:{q.line}"
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
        path = shown[q.page]
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
        for slug in q.roles:
            if slug not in site.roles:
                faults.append(
                    f"{path}:{q.lines['roles']}: unknown role '{slug}' (roles are listed in scripts/roles.toml)"
                )

    built = {section.page: section for section in site.sections}
    for entry in entries:
        if entry["page"] not in built:
            continue  # already reported as missing
        section = built[entry["page"]]
        path = shown[section.page]
        if section.title != entry["title"]:
            faults.append(f"{path}:{section.line}: section title should be '{entry['title']}', not '{section.title}'")
        found = [(q.number, q.title) for q in section.questions]
        for index, ((number, title), q) in enumerate(zip(entry["questions"], section.questions)):
            q.core = index < entry["core"]
            if (q.number, q.title) != (number, title):
                faults.append(
                    f"{path}:{q.line}: expected question {number}. {title!r} here, found {q.number}. {q.title!r}"
                )
        for number, title in entry["questions"][len(found):]:
            faults.append(f"{path}:{section.line}: question {number}. {title!r} is missing from this page")
        for q in section.questions[len(entry["questions"]):]:
            faults.append(f"{path}:{q.line}: question {q.number} does not belong in section '{entry['title']}'")
