"""The drill page in a real Chromium: a flash-card session by keyboard, by touch on a
375 px phone, across a reload and a visit to the full answer; the session's end; the
interview date; axe-core before and after a reveal; the page with JavaScript off."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from studysite.model.questions import load_site

SITE = load_site()
KEY = "ml-interview-prep/progress"
PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}


def stored(page: Page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || 'null')")


def open_drill(page: Page, site_url: str, section: str = "") -> None:
    page.goto(f"{site_url}/drill/")
    expect(page.locator("[data-part=reveal]")).to_be_enabled()
    if section:
        page.locator("select[name=section]").select_option(section)
        page.get_by_role("button", name="Start a new session").click()
        expect(page.locator("[data-part=meta]")).to_contain_text(f"Card 1 of {card_count(section)} · {section}")


def card_count(section: str) -> int:
    return next(len(s.questions) for s in SITE.sections if s.title == section)


def current_id(page: Page) -> str:
    title = page.locator("[data-part=question]").inner_text()
    number = int(title.split(".")[0])
    return next(q.id for q in SITE.questions if q.number == number)


def test_a_whole_session_by_keyboard_only(page: Page, site_url):
    page.goto(f"{site_url}/drill/")
    expect(page.locator("[data-part=reveal]")).to_be_enabled()
    # Pick the three System Design questions and start, from the keyboard.
    page.locator("select[name=section]").focus()
    page.keyboard.type("Sy")
    expect(page.locator("select[name=section]")).to_have_value("System Design")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start a new session")).to_be_focused()
    page.keyboard.press("Enter")
    meta = page.locator("[data-part=meta]")
    expect(meta).to_contain_text("Card 1 of 3 · System Design")

    # Space reveals; key 1 says "Didn't know", so the card comes back at the end.
    missed = current_id(page)
    back = page.locator("[data-part=back]")
    expect(back).to_be_hidden()
    page.keyboard.press("Space")
    expect(back).to_be_visible()
    expect(back).to_contain_text(" ".join(SITE.by_id()[missed].short.split()[:3]))
    page.keyboard.press("1")
    expect(meta).to_contain_text("Card 2 of 4")
    reveal = page.locator("[data-part=reveal]")
    expect(reveal).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    # Enter on the focused "Show answer"; then Tab to the grade buttons.
    page.keyboard.press("Enter")
    expect(back).to_be_visible()
    page.keyboard.press("Tab")  # the full-answer link
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="1 Didn't know")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="3 Knew it")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(meta).to_contain_text("Card 3 of 4")
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    expect(meta).to_contain_text("Card 4 of 4")
    assert current_id(page) == missed
    page.keyboard.press("Space")
    page.keyboard.press("3")

    summary = page.locator("[data-part=summary]")
    expect(summary).to_contain_text("Session done")
    expect(summary).to_contain_text("3 cards: Didn't know 1 · Unsure 1 · Knew it 1")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_have_attribute("href", re.compile(f"system-design/#{missed}$"))
    grades = {card_id: record["grade"] for card_id, record in stored(page)["cards"].items()}
    assert sorted(grades.values()) == [2, 3, 3] and grades[missed] == 3


def test_reveal_and_grade_by_touch_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_drill(page, site_url)
    first = current_id(page)
    page.locator("[data-part=reveal]").tap()
    expect(page.locator("[data-part=back]")).to_be_visible()
    knew = page.get_by_role("button", name="3 Knew it")
    box = knew.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 375
    knew.tap()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 2 of 30")
    assert stored(page)["cards"][first]["grade"] == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_reload_mid_session_keeps_the_session_and_the_grades(page: Page, site_url):
    open_drill(page, site_url, "Quick-fire")
    graded = []
    for key in ("3", "2"):
        graded.append(current_id(page))
        page.keyboard.press("Space")
        page.keyboard.press(key)
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 3 of 5")
    third = current_id(page)
    page.reload()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 3 of 5 · Quick-fire")
    assert current_id(page) == third
    expect(page.locator("select[name=section]")).to_have_value("Quick-fire")
    assert {i: r["grade"] for i, r in stored(page)["cards"].items()} == {graded[0]: 3, graded[1]: 2}


def test_full_answer_opens_on_its_page_and_the_session_carries_on(page: Page, site_url):
    open_drill(page, site_url, "Deep Learning")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    card = current_id(page)
    page.keyboard.press("Space")
    page.locator("[data-part=full]").click()  # instant navigation to the section page
    expect(page).to_have_url(re.compile(f"/deep-learning/#{card}$"))
    expect(page.locator(f"h2#{card} ~ details.answer").first).to_have_attribute("open", "")
    page.get_by_role("link", name="Back to drill (card 2 of 5)").click()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 2 of 5 · Deep Learning")
    assert current_id(page) == card
    expect(page.locator("[data-part=back]")).to_be_visible()  # still revealed
    page.go_back()
    # One step at a time: stepping back again while instant navigation was still loading
    # the page of the first step once failed in CI (net::ERR_ABORTED in go_back).
    expect(page.locator(f"h2#{card}")).to_be_attached()
    page.go_back()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 2 of 5")


def test_filters_pick_cards_by_topic_and_status(page: Page, site_url):
    open_drill(page, site_url, "Coding & Implementation")
    first = current_id(page)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    page.locator("select[name=section]").select_option("")
    page.locator("select[name=status]").select_option("known")
    page.get_by_role("button", name="Start a new session").click()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 1 of 1")
    assert current_id(page) == first
    page.locator("select[name=status]").select_option("new")
    topic = SITE.topics["retrieval"]["name"]
    page.locator("select[name=topic]").select_option(label=topic)
    page.get_by_role("button", name="Start a new session").click()
    tagged = [q.id for q in SITE.topic_questions("retrieval") if q.id != first]
    expect(page.locator("[data-part=meta]")).to_contain_text(f"Card 1 of {len(tagged)}")
    assert current_id(page) in tagged


def test_session_end_offers_the_missed_ones_again_and_prints_only_their_short_answers(page: Page, site_url):
    open_drill(page, site_url, "System Design")
    missed = current_id(page)
    page.keyboard.press("Space")
    page.keyboard.press("1")
    for _ in range(3):  # the two others, then the missed card again
        page.keyboard.press("Space")
        page.keyboard.press("3")
    summary = page.locator("[data-part=summary]")
    expect(summary).to_contain_text("Didn't know 1 · Unsure 0 · Knew it 2")

    page.evaluate("window.print = () => { window.printed = true }")
    summary.get_by_role("button", name="Print my weak spots").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    printed = page.locator(".drill-print")
    expect(printed).to_be_visible()
    expect(printed.locator("h3")).to_have_count(1)
    question = SITE.by_id()[missed]
    expect(printed.locator("h3")).to_have_text(f"{question.number}. {question.title}")
    expect(page.locator("h1")).to_be_hidden()
    expect(page.locator("[data-part=summary]")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")

    summary.get_by_role("button", name="Drill the missed ones again").click()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 1 of 1")
    assert current_id(page) == missed


def test_interview_date_caps_the_schedule_and_counts_down(page: Page, site_url):
    open_drill(page, site_url)
    # Every card known with an 8-day interval and due now: the next "Knew it" earns 20 days.
    page.evaluate(
        """([key, ids]) => {
          const now = Date.now();
          const card = { grade: 3, interval: 8, due: now - 1000, reviewed: now - 8 * 864e5 };
          const cards = Object.fromEntries(ids.map((id) => [id, card]));
          const progress = { kind: "ml-interview-prep progress", version: 1, cards, settings: {} };
          localStorage.setItem(key, JSON.stringify(progress));
        }""",
        [KEY, [q.id for q in SITE.questions]],
    )
    page.reload()
    page.locator(".drill-settings > summary").click()
    date = page.evaluate(
        "(() => { const d = new Date(); d.setDate(d.getDate() + 5); return d.toLocaleDateString('en-CA'); })()"
    )
    page.locator("input[name=interview]").fill(date)
    page.locator("input[name=interview]").dispatch_event("change")
    expect(page.locator("[data-part=countdown]")).to_have_text("5 days to your interview; 0 of 30 cards not yet known.")
    card = current_id(page)
    page.locator("[data-part=reveal]").click()
    page.get_by_role("button", name="3 Knew it").click()
    record = stored(page)["cards"][card]
    interview = page.evaluate(
        f"(() => {{ const [y, m, d] = '{date}'.split('-').map(Number); return new Date(y, m - 1, d).getTime(); }})()"
    )
    assert record["interval"] == 20 and record["due"] == interview
    assert stored(page)["settings"]["interview"] == date


@pytest.mark.parametrize("stage", ["before reveal", "after reveal"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drill_page_has_no_accessibility_violations(browser, site_url, scheme, stage):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    open_drill(page, site_url)
    if stage == "after reveal":
        page.keyboard.press("Space")
        expect(page.locator("[data-part=back]")).to_be_visible()
    page.locator(".drill-settings > summary").click()
    violations = Axe().run(page).response["violations"]
    context.close()
    assert [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations] == []


def test_without_javascript_the_page_says_so_and_links_the_sections(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/drill/")
    expect(page.get_by_text("Drill mode needs JavaScript")).to_be_visible()
    for section in SITE.sections:
        link = page.locator("article").get_by_role("link", name=section.title, exact=True)
        expect(link).to_have_attribute("href", f"../{section.page.removesuffix('.md')}/")
    context.close()
    # With JavaScript on, the cards take the message's place.
    page = browser.new_page()
    open_drill(page, site_url)
    expect(page.get_by_text("Drill mode needs JavaScript")).to_have_count(0)
    page.close()


# Every layout shift the page makes, collected from its first paint on.
LAYOUT_SHIFTS = """window.shifts = [];
new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value)))
  .observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("device", [{}, PHONE], ids=["desktop", "phone"])
def test_the_cards_arriving_move_nothing_on_the_page(browser, site_url, device):
    context = browser.new_context(**device)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    open_drill(page, site_url)
    expect(page.locator("[data-part=countdown]")).not_to_be_empty()
    page.wait_for_timeout(300)  # let the observer report the last frame
    assert page.evaluate("window.shifts") == []
    context.close()
