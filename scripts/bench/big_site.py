#!/usr/bin/env python3
"""A copy of the project with many questions, for benchmarks (and tests that break a copy).

    python -m studysite.bench.big_site OUT --questions 3000

copies the parts of the project a build needs into OUT, keeps the seven real section
pages, and adds generated section pages of 30 questions each until the site holds the
requested number. Each generated question is a real one under a new number, id and
title, so it has real text, math, figures, code includes and cross-links; canon.toml and
the nav of mkdocs.yml are rewritten to match. `mkdocs build` and the checker then run on
OUT as on the real site.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from studysite.model.questions import QUESTION, load_site
from studysite.project import copy_project

PER_PAGE = 30
# The last section page in mkdocs.yml's nav: generated pages are listed after it.
LAST_NAV_PAGE = "- behavioral.md"


def question_blocks(docs: Path) -> list[tuple[str, str, str]]:
    """(id, title, Markdown from heading to the next heading) for every real question."""
    site = load_site(docs)
    if site.faults:
        raise SystemExit("the real site has faults; fix them first:\n" + "\n".join(site.faults))
    blocks = []
    for section in site.sections:
        lines = (docs / section.page).read_text(encoding="utf-8").splitlines()
        starts = [q.line - 1 for q in section.questions] + [len(lines)]
        for q, start, end in zip(section.questions, starts, starts[1:]):
            blocks.append((q.id, q.title, "\n".join(lines[start + 1 : end]).rstrip()))
    return blocks


def sizes() -> list[int]:
    """The question counts a benchmark compares unless told: the real site's, and 3,000."""
    return [len(load_site().questions), 3000]


def make_big_site(destination: Path, questions: int) -> Path:
    copy_project(destination)
    docs = destination / "docs"
    blocks = question_blocks(docs)
    if questions < len(blocks):
        raise SystemExit(f"--questions must be at least {len(blocks)}, the real site's count")

    canon = (destination / "scripts" / "canon.toml").read_text(encoding="utf-8")
    pages = []
    number = len(blocks)
    while number < questions:
        index = len(pages) + 1
        page = f"generated-{index:03d}.md"
        title = f"Generated Section {index}"
        count = min(PER_PAGE, questions - number)
        parts = [f"# {title}\n\nA generated page for benchmarks: real questions under new ids.\n"]
        titles = []
        for _ in range(count):
            number += 1
            qid, qtitle, body = blocks[(number - 1) % len(blocks)]
            heading = f"## {number}. {qtitle} (copy {index}) {{ #{qid}-g{index} }}"
            assert QUESTION.match(heading), heading
            parts.append(f"{heading}\n{body}\n")
            titles.append(f"{qtitle} (copy {index})")
        (docs / page).write_text("\n".join(parts), encoding="utf-8")
        listed = ",\n".join(f"  {_toml_string(t)}" for t in titles)
        canon += f'\n[[sections]]\ntitle = "{title}"\npage = "{page}"\nquestions = []\nextension = [\n{listed},\n]\n'
        pages.append(page)
    (destination / "scripts" / "canon.toml").write_text(canon, encoding="utf-8")

    config = destination / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == LAST_NAV_PAGE)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at + 1 : at + 1] = [f"{indent}- {page}" for page in pages]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return destination


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("destination", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--questions", type=int, default=3000, help="total questions (default: %(default)s)")
    args = parser.parse_args()
    if args.destination.exists():
        raise SystemExit(f"{args.destination} already exists")
    make_big_site(args.destination, args.questions)
    print(f"{args.destination}: {args.questions} questions")


if __name__ == "__main__":
    main()
