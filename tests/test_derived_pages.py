"""The home page's counts and the topic index are derived from the section pages."""

from __future__ import annotations

from bs4 import BeautifulSoup

from studysite.model.questions import load_site

SITE = load_site()


def soup(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / page).read_text(), "html.parser")


def test_home_page_lists_every_section_with_its_core_and_further_questions(built_site):
    rows = soup(built_site, "index.html").select("article table tbody tr")
    shown = [
        (row.select_one("a").get_text(), row.select("td")[1].get_text(), row.select("td")[2].get_text()) for row in rows
    ]

    def count(questions) -> str:
        return f"{len(questions)} ({questions[0].number}–{questions[-1].number})" if questions else "–"

    expected = [
        (s.title, count([q for q in s.questions if q.core]), count([q for q in s.questions if not q.core]))
        for s in SITE.sections
    ]
    assert shown == expected
    assert sum(q.core for q in SITE.questions) == 30


def test_a_section_page_marks_where_the_core_questions_end(built_site):
    for section in SITE.sections:
        page = soup(built_site, section.page.removesuffix(".md") + "/index.html")
        beyond = [q for q in section.questions if not q.core]
        divider = page.select(".tier-divider")
        if not beyond:
            assert divider == []
            continue
        assert len(divider) == 1, section.page
        headings = [h["id"] for h in page.select("article h2[id]")]
        after = divider[0].find_next("h2")["id"]
        assert after == beyond[0].id and headings.index(after) == sum(q.core for q in section.questions)
        assert f"{beyond[0].number}" in divider[0].get_text()


def test_topic_index_lists_exactly_the_questions_tagged_with_each_topic(built_site):
    page = soup(built_site, "topics/index.html")
    for slug, topic in SITE.topics.items():
        tagged = [q for q in SITE.questions if slug in q.topics]
        heading = page.find("h2", id=slug)
        if not tagged:
            assert heading is None
            continue
        listed = [a["href"].rsplit("#", 1)[1] for a in heading.find_next("ul").select("a.qref")]
        assert listed == [q.id for q in tagged], topic["name"]


def test_every_question_carries_a_topic_that_links_to_the_index(built_site):
    for section in SITE.sections:
        page = soup(built_site, section.page.removesuffix(".md") + "/index.html")
        for q in section.questions:
            chips = page.find(id=q.id).find_next("a", class_="topic")
            assert chips and chips["href"].startswith("../topics/#"), q.id
