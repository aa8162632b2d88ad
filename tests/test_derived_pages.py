"""The home page's counts and the topic index are derived from the section pages, for
every role too."""

from __future__ import annotations

from bs4 import BeautifulSoup

from studysite.model.questions import load_site

SITE = load_site()


def soup(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / page).read_text(), "html.parser")


def test_home_page_lists_every_section_with_its_core_and_further_questions(built_site):
    rows = soup(built_site, "index.html").select("article table tbody tr")
    shown = [
        (row.select_one("a").get_text(), *(row.select("td")[n].select_one("[data-role='']").get_text() for n in (1, 2)))
        for row in rows
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


def test_home_page_counts_each_role_s_questions_and_known_cards_per_section(built_site):
    rows = soup(built_site, "index.html").select("article table tbody tr")
    for section, row in zip(SITE.sections, rows):
        *counts, known = row.select("td")[1:4]
        for role in SITE.roles:
            for cell, core in zip(counts, (True, False)):
                tier = [q for q in section.questions if q.core == core]
                asked = [q for q in tier if role in q.roles]
                assert cell.select_one(f"[data-role='{role}']").get_text() == (
                    f"{len(asked)} of {len(tier)}" if tier else "–"
                )
                assert cell.select_one(f"[data-role='{role}']").has_attr("hidden")  # until roles.js shows it
            asked = [q.id for q in section.questions if role in q.roles]
            assert known.select_one(f"[data-role='{role}']")["data-ids"].split() == asked


def test_topic_index_marks_the_roles_of_each_question_and_topic(built_site):
    page = soup(built_site, "topics/index.html")
    by_id = SITE.by_id()
    for slug in SITE.topics:
        tagged = SITE.topic_questions(slug)
        if not tagged:
            continue
        block = page.find("h2", id=slug).find_parent("div", class_="topic-block")
        asked = [role for role in SITE.roles if any(role in q.roles for q in tagged)]
        assert block["data-roles"].split() == asked
        for item in block.select("li"):
            q = by_id[item.select_one("a.qref")["href"].rsplit("#", 1)[1]]
            assert item["data-roles"].split() == q.roles
        chip = page.select_one(f"a.topic[href='#{slug}']")
        for role in SITE.roles:
            count = sum(role in q.roles for q in tagged)
            assert chip.select_one(f"[data-role='{role}']").get_text() == f"({count})"
        assert block.select_one("a.role-link")["href"] == f"../drill/?topic={slug}"
