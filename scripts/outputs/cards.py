"""Drill cards: one per question, written to the built site as assets/cards.json.

What a card says comes from the question model (number, id, title, section, topics);
how its back looks comes from the built section page: the HTML between the question's
heading and its folded full answer, that is the short answer and key formula exactly as
the page shows them, MathML included (typeset once, by hooks.typeset_math). Nothing is
typed twice and nothing is typeset twice.

The cards are a file of their own rather than part of the drill page, so the page's HTML
stays small and paints before the drill script fetches them (see `make bench`).
"""

from __future__ import annotations

import json
from pathlib import Path

from studysite.built_html import article, classes, parse, question_blocks
from studysite.model.questions import Site, page_url
from studysite.outputs.names import CARDS_FILE

# Bumped when the shape of cards.json changes.
FORMAT = 1


class CardError(Exception):
    """A question whose built page does not show it as the drill expects."""


def question_backs(html: str) -> dict[str, tuple[str, str]]:
    """{heading id: (short answer, key formula) HTML} of a built section page: the blocks
    between each question's heading and its folded full answer, the formula being the
    div.math among them."""
    backs = {}
    for heading, blocks in question_blocks(article(parse(html))):
        short, formula = [], []
        for block in blocks:
            if block.tag == "details" and "answer" in classes(block):
                backs[heading.attributes.get("id")] = ("\n".join(short), "\n".join(formula))
                break
            (formula if formula or "math" in classes(block) else short).append(block.html)
    return backs


def build_cards(site: Site, site_dir: Path) -> dict:
    """The drill data: sections, topic names and one card per question, in site order."""
    cards = []
    for section in site.sections:
        url = page_url(section.page)
        backs = question_backs((site_dir / url / "index.html").read_text(encoding="utf-8"))
        for q in section.questions:
            short, formula = backs.get(q.id, ("", ""))
            if not short.strip():
                raise CardError(f"drill cards: question '{q.id}' has no short answer before its full answer")
            cards.append({
                "id": q.id,
                "number": q.number,
                "title": q.title,
                "section": section.title,
                "url": f"{url}#{q.id}",
                "topics": q.topics,
                "short": short,
                "formula": formula,
            })
    used = {slug for q in site.questions for slug in q.topics}
    return {
        "format": FORMAT,
        "sections": [{"title": s.title, "url": page_url(s.page)} for s in site.sections],
        "topics": {slug: topic["name"] for slug, topic in site.topics.items() if slug in used},
        "cards": cards,
    }


def write_cards(site: Site, site_dir: Path) -> Path:
    path = site_dir / CARDS_FILE
    data = build_cards(site, site_dir)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
