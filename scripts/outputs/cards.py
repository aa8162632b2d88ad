"""Drill cards, written into the built site as three files the drill page fetches:
assets/cards.json, every card's front (what the first card and the filters need);
assets/card-backs.json, every card's back; assets/followups.json, each question's
follow-ups, for the mock interview.

What a card says comes from the question model (number, id, title, section, topics,
roles, key points, core or extension); how its back looks comes from the built section
page: the HTML between the question's heading and its folded full answer, that is the
short answer and key formula exactly as the page shows them, MathML included (typeset
once, by hooks.typeset_math). The follow-ups are the folded `??? question` blocks of the
full answer, as the page shows them. Nothing is typed twice and nothing is typeset twice.

Each is a file of its own rather than part of the drill page, so the page's HTML stays
small and paints before the drill script fetches them; the fronts are a sixth of the
bytes, and the first card waits for them alone (the backs follow it, the follow-ups come
when a mock interview starts; see `make bench`).
"""

from __future__ import annotations

import json
from pathlib import Path

from studysite.built_html import article, classes, parse, question_blocks
from studysite.model.questions import Site, page_url
from studysite.outputs.names import CARD_BACKS_FILE, CARDS_FILE, FOLLOW_UPS_FILE

# Bumped when the shape of cards.json changes.
FORMAT = 3


class CardError(Exception):
    """A question whose built page does not show it as the drill expects."""


def question_parts(html: str) -> dict[str, tuple[str, str, list[list[str]]]]:
    """{heading id: (short answer, key formula, follow-ups)} of a built section page: the
    blocks between each question's heading and its folded full answer (the formula being
    the div.math among them), and each follow-up folded in that answer as [question,
    answer] HTML."""
    found = {}
    for heading, blocks in question_blocks(article(parse(html))):
        short, formula = [], []
        for block in blocks:
            if block.tag == "details" and "answer" in classes(block):
                asked = [
                    [fold.css_first("summary").inner_html.strip(),
                     "".join(child.html for child in fold.iter(include_text=True) if child.tag != "summary").strip()]
                    for fold in block.css("details.question")
                ]
                found[heading.attributes.get("id")] = ("\n".join(short), "\n".join(formula), asked)
                break
            (formula if formula or "math" in classes(block) else short).append(block.html)
    return found


def build_cards(site: Site, asked: dict[str, list]) -> dict:
    """The cards' fronts: sections, topic and role names and one card per question, in
    site order. `asked` holds each question's follow-ups."""
    cards = []
    for section in site.sections:
        url = page_url(section.page)
        for q in section.questions:
            cards.append({
                "id": q.id,
                "number": q.number,
                "title": q.title,
                "section": section.title,
                "url": f"{url}#{q.id}",
                "core": q.core,
                "topics": q.topics,
                "roles": q.roles,
                "followUps": len(asked[q.id]),
            })
    used = {slug for q in site.questions for slug in q.topics}
    return {
        "format": FORMAT,
        "sections": [{"title": s.title, "url": page_url(s.page)} for s in site.sections],
        "topics": {slug: topic["name"] for slug, topic in site.topics.items() if slug in used},
        "roles": site.roles,
        "cards": cards,
    }


def card_backs(site: Site, parts: dict[str, tuple]) -> dict:
    """Each question's back by id: short answer, key formula, key points. `parts` holds
    each question's parts by id, from question_parts()."""
    return {q.id: {"short": parts[q.id][0], "formula": parts[q.id][1], "points": q.key_points} for q in site.questions}


def write_cards(site: Site, site_dir: Path) -> list[Path]:
    """Write the fronts, the backs and the follow-ups into the built site; return their paths."""
    parts = {}
    for section in site.sections:
        parts.update(question_parts((site_dir / page_url(section.page) / "index.html").read_text(encoding="utf-8")))
    for q in site.questions:
        short, _, asked = parts.get(q.id, ("", "", []))
        if not short.strip():
            raise CardError(f"drill cards: question '{q.id}' has no short answer before its full answer")
        if not asked:
            raise CardError(f"drill cards: question '{q.id}' has no follow-ups in its full answer")
    asked = {q.id: parts[q.id][2] for q in site.questions}
    data = {CARDS_FILE: build_cards(site, asked), CARD_BACKS_FILE: card_backs(site, parts), FOLLOW_UPS_FILE: asked}
    for name, value in data.items():
        (site_dir / name).write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return [site_dir / name for name in data]
