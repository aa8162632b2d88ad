"""The drill cards are derived from the question model: their fronts (assets/cards.json)
hold its facts, their backs (assets/card-backs.json) each short answer and key formula
exactly as its section page shows them, and the key points; the follow-ups
(assets/followups.json) are each question's, as its page shows them."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from studysite.model.questions import load_site

SITE = load_site()


def load_cards(built_site, name: str = "cards.json") -> dict:
    return json.loads((built_site / "assets" / name).read_text(encoding="utf-8"))


def test_one_card_per_question_with_the_model_s_facts(built_site):
    data = load_cards(built_site)
    cards = data["cards"]
    assert [c["id"] for c in cards] == [q.id for q in SITE.questions]
    for card, q in zip(cards, SITE.questions):
        assert (card["number"], card["title"], card["section"], card["topics"]) == (
            q.number,
            q.title,
            q.section,
            q.topics,
        )
        assert (card["roles"], card["core"]) == (q.roles, q.core)
        assert "short" not in card  # the first card waits for the fronts only
        assert card["url"] == f"{q.page.removesuffix('.md')}/#{q.id}"
        assert (built_site / card["url"].split("#")[0] / "index.html").is_file()
    assert [s["title"] for s in data["sections"]] == [s.title for s in SITE.sections]
    assert set(data["topics"]) == {slug for q in SITE.questions for slug in q.topics}
    assert data["roles"] == SITE.roles


def test_card_backs_are_typeset_as_on_the_section_pages(built_site):
    cards = load_cards(built_site, "card-backs.json")
    assert list(cards) == [q.id for q in SITE.questions]
    for section in SITE.sections:
        page = BeautifulSoup((built_site / section.page.removesuffix(".md") / "index.html").read_text(), "html.parser")
        for q in section.questions:
            short = page.find("h2", id=q.id).find_next_sibling("p")
            card = cards[q.id]
            assert BeautifulSoup(card["short"], "html.parser").p.decode() == short.decode(), q.id
            formula = BeautifulSoup(card["formula"], "html.parser")
            assert bool(formula.find("math")) == bool(q.formula), q.id
            if q.formula:
                assert formula.div.decode() == short.find_next_sibling("div", class_="math").decode(), q.id
            assert "$" not in card["short"] and "\\(" not in card["short"], q.id  # no raw TeX left
            assert card["points"] == q.key_points


def test_follow_ups_are_each_question_s_as_its_page_shows_them(built_site):
    follow_ups = json.loads((built_site / "assets" / "followups.json").read_text(encoding="utf-8"))
    cards = {c["id"]: c for c in load_cards(built_site)["cards"]}
    assert list(follow_ups) == [q.id for q in SITE.questions]
    for section in SITE.sections:
        page = BeautifulSoup((built_site / section.page.removesuffix(".md") / "index.html").read_text(), "html.parser")
        for q in section.questions:
            shown = page.find("h2", id=q.id).find_next_sibling("details", class_="answer").select("details.question")
            expected = [
                [
                    d.summary.decode_contents().strip(),
                    "".join(str(c) for c in d.contents[d.contents.index(d.summary) + 1 :]).strip(),
                ]
                for d in shown
            ]
            # Both as BeautifulSoup writes them: the same markup, whatever its entities.
            found = [[BeautifulSoup(part, "html.parser").decode() for part in pair] for pair in follow_ups[q.id]]
            assert found == expected, q.id
            assert cards[q.id]["followUps"] == len(expected)
