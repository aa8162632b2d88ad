"""Role tracks in a real Chromium: choosing a role on the home page and the topic index
shows that role's questions and counts, puts the role in the page's address, and the
page's drill links carry it on to a drill of exactly those questions."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from studysite.model.questions import load_site

SITE = load_site()


def asked(role: str) -> list:
    return [q for q in SITE.questions if role in q.roles]


def test_choosing_a_role_on_the_home_page_counts_its_questions_and_drills_them(page: Page, site_url):
    page.goto(f"{site_url}/")
    rows = page.locator("article table tbody tr")
    first = [q for q in SITE.sections[0].questions if q.core]
    expect(rows.first.locator("td").nth(1)).to_have_text(
        f"{len(first)} ({first[0].number}–{first[-1].number})", use_inner_text=True
    )
    page.locator(".role-filter select").select_option(label=SITE.roles["llm-engineer"])
    expect(page).to_have_url(re.compile(r"/\?role=llm-engineer$"))
    for section, row in zip(SITE.sections, rows.all()):
        for column, core in ((1, True), (2, False)):
            tier = [q for q in section.questions if q.core == core]
            mine = [q for q in tier if "llm-engineer" in q.roles]
            expect(row.locator("td").nth(column)).to_have_text(
                f"{len(mine)} of {len(tier)}" if tier else "–", use_inner_text=True
            )
        mine = [q for q in section.questions if "llm-engineer" in q.roles]
        expect(row.locator("td").nth(3)).to_have_text(f"0 / {len(mine)}" if mine else "–", use_inner_text=True)
    page.reload()  # the address keeps the role
    expect(page.locator(".role-filter select")).to_have_value("llm-engineer")
    page.get_by_role("link", name="Drill these questions").click()
    # (Material's navigation.tracking may carry the home page's last heading over as a hash.)
    expect(page).to_have_url(re.compile(r"/drill/\?role=llm-engineer(#[\w-]*)?$"))
    expect(page.locator("[data-part=meta]")).to_contain_text(f"Card 1 of {len(asked('llm-engineer'))}")


def test_the_topic_index_shows_a_role_s_questions_and_drills_a_topic_for_it(page: Page, site_url):
    page.goto(f"{site_url}/topics/?role=research-engineer")
    expect(page.locator(".role-filter select")).to_have_value("research-engineer")
    shown = page.locator("article li:visible a.qref")
    expected = [q for slug in SITE.topics for q in SITE.topic_questions(slug) if "research-engineer" in q.roles]
    expect(shown).to_have_count(len(expected))
    for slug, topic in SITE.topics.items():
        tagged = [q for q in SITE.topic_questions(slug) if "research-engineer" in q.roles]
        if not SITE.topic_questions(slug):
            continue
        heading = page.locator(f"h2#{slug}")
        chip = page.locator(f"a.topic[href$='#{slug}']")
        if tagged:
            expect(heading).to_be_visible()
            expect(chip).to_have_text(f"{topic['name']} ({len(tagged)})", use_inner_text=True)
        else:
            expect(heading).to_be_hidden()
            expect(chip).to_be_hidden()
    slug = next(s for s in SITE.topics if any("research-engineer" in q.roles for q in SITE.topic_questions(s)))
    page.locator(f"h2#{slug}").locator("xpath=..").get_by_role("link", name="Drill this topic").click()
    # The drill writes the set in its own order.
    expect(page).to_have_url(re.compile(rf"/drill/\?role=research-engineer&topic={slug}(#[\w-]*)?$"))
    count = len([q for q in SITE.topic_questions(slug) if "research-engineer" in q.roles])
    expect(page.locator("[data-part=meta]")).to_contain_text(f"Card 1 of {count}")

    page.go_back()
    page.locator(".role-filter select").select_option("")
    expect(page).to_have_url(re.compile(r"/topics/(#[\w-]*)?$"))
    expect(shown).to_have_count(sum(len(SITE.topic_questions(s)) for s in SITE.topics))
