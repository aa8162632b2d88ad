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

from studysite.model.questions import Site, page_url
from studysite.outputs.names import CARD_BACKS_FILE, CARDS_FILE, FOLLOW_UPS_FILE

# Bumped when the shape of cards.json changes.
FORMAT = 3
MATH_BLOCK = '<div class="math">'
FOLLOW_UP = '<details class="question">'


class CardError(Exception):
    """A question whose built page does not show it as the drill expects."""


def question_back(html: str, question_id: str) -> tuple[str, str]:
    """(short answer, key formula) HTML of one question in its built section page."""
    # Plain string search: a regex searched the whole page for each question's heading,
    # a second of a 3,000-question build.
    heading = html.find(f'<h2 id="{question_id}">')
    title_end = html.find("</h2>", heading) if heading >= 0 else -1
    end = html.find('<details class="answer"', title_end) if title_end >= 0 else -1
    back = html[title_end + len("</h2>") : end] if end >= 0 else ""
    if not back.strip():
        raise CardError(f"question '{question_id}' has no short answer before its full answer")
    short, _, formula = back.partition(MATH_BLOCK)
    return short.strip(), (MATH_BLOCK + formula).strip() if formula else ""


def follow_ups(html: str, question_id: str) -> list[list[str]]:
    """[question, answer] HTML of each follow-up of one question in its built section page."""
    start = html.find("<details class=\"answer\"", html.find(f'<h2 id="{question_id}">'))
    end = html.find("<h2 ", start)
    found = []
    for block in html[start : end if end >= 0 else len(html)].split(FOLLOW_UP)[1:]:
        summary, _, rest = block.partition("</summary>")
        question = summary[summary.find("<summary>") + len("<summary>") :]
        found.append([question.strip(), rest[: rest.find("</details>")].strip()])
    if not found:
        raise CardError(f"question '{question_id}' has no follow-ups in its full answer")
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


def card_backs(site: Site, pages: dict[str, str]) -> dict:
    """Each question's back by id: short answer, key formula, key points. `pages` holds
    each section page's built HTML by its URL."""
    backs = {}
    for q in site.questions:
        short, formula = question_back(pages[page_url(q.page)], q.id)
        backs[q.id] = {"short": short, "formula": formula, "points": q.key_points}
    return backs


def write_cards(site: Site, site_dir: Path) -> list[Path]:
    """Write the fronts, the backs and the follow-ups into the built site; return their paths."""
    pages = {page_url(s.page): (site_dir / page_url(s.page) / "index.html").read_text(encoding="utf-8") for s in site.sections}
    asked = {q.id: follow_ups(pages[page_url(q.page)], q.id) for q in site.questions}
    data = {CARDS_FILE: build_cards(site, asked), CARD_BACKS_FILE: card_backs(site, pages), FOLLOW_UPS_FILE: asked}
    for name, value in data.items():
        (site_dir / name).write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return [site_dir / name for name in data]
