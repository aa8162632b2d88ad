"""The drill page in a real Chromium: a flash-card session by keyboard and by touch on a
375 x 812 phone (the card on screen from the first one, the grade bar on screen after every
reveal, touch targets of 44 px, swipes), key points that suggest the grade, filters in the
page's address, a set that matches nothing, a mock interview, notes on the card, across a
reload and a visit to the full answer; the session's end; the interview date; axe-core with
every new control in both palettes; the page with JavaScript off."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from studysite.model.questions import load_site

SITE = load_site()
KEY = "ml-interview-prep/progress"
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True}


def stored(page: Page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || 'null')")


def open_drill(page: Page, site_url: str, query: str = "") -> None:
    page.goto(f"{site_url}/drill/{query}")
    expect(page.locator("[data-part=reveal]")).to_be_enabled()


def start(page: Page, **choices: str) -> None:
    """Opens the setup, picks each choice by its label, starts a new session."""
    page.locator("[data-part=setup] > summary").click()
    for name, label in choices.items():
        page.locator(f"select[name={name}]").select_option(label=label)
    page.get_by_role("button", name="Start a new session").click()
    expect(page.locator("[data-part=setup]")).not_to_have_attribute("open", "")


CORE = f"Core {sum(q.core for q in SITE.questions)}"  # the set of core questions, as the setup names it


def section_size(title: str) -> int:
    return next(len(s.questions) for s in SITE.sections if s.title == title)


def current_id(page: Page) -> str:
    number = int(page.locator("[data-part=question]").inner_text().split(".")[0])
    return next(q.id for q in SITE.questions if q.number == number)


def meta(page: Page):
    return page.locator("[data-part=meta]")


def test_a_whole_session_by_keyboard_only(page: Page, site_url):
    open_drill(page, site_url, "?set=core")
    # Open the setup, pick the core System Design questions and start, from the keyboard.
    page.locator("[data-part=setup] > summary").focus()
    page.keyboard.press("Enter")
    for _ in range(3):  # questions, role, section
        page.keyboard.press("Tab")
    page.keyboard.type("Sy")
    expect(page.locator("select[name=section]")).to_have_value("system-design")
    for _ in range(4):  # topic, status, mode, then the start button
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start a new session")).to_be_focused()
    page.keyboard.press("Enter")
    expect(meta(page)).to_contain_text("Card 1 of 3 · System Design")
    expect(page).to_have_url(re.compile(r"/drill/\?(set=core&section=system-design|section=system-design&set=core)$"))

    # Space reveals; Tab reaches the key points, Space ticks one: "Unsure" is suggested,
    # and key 1 says "Didn't know" all the same, so the card comes back at the end.
    missed = current_id(page)
    back = page.locator("[data-part=back]")
    page.keyboard.press("Space")
    expect(back).to_be_visible()
    expect(back).to_contain_text(" ".join(SITE.by_id()[missed].short.split()[:3]))
    page.keyboard.press("Tab")
    expect(page.locator("[data-point='0']")).to_be_focused()
    page.keyboard.press("Space")
    points = len(SITE.by_id()[missed].key_points)
    expect(page.locator("[data-part=suggest]")).to_have_text(f"1 of {points} key points: Unsure")
    page.keyboard.press("1")
    expect(meta(page)).to_contain_text("Card 2 of 4")
    reveal = page.locator("[data-part=reveal]")
    expect(reveal).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    # Enter on the focused "Show answer"; every point ticked by keyboard; Tab goes on past
    # the note and the full-answer link to the grade buttons, "Knew it" suggested.
    page.keyboard.press("Enter")
    expect(back).to_be_visible()
    for _ in range(len(SITE.by_id()[current_id(page)].key_points)):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    expect(page.locator(".drill-suggested")).to_have_text("3 Knew it")
    page.keyboard.press("Tab")  # the note
    expect(page.locator("#drill-note")).to_be_focused()
    page.keyboard.press("Tab")  # the full-answer link
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="1 Didn't know")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="3 Knew it")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(meta(page)).to_contain_text("Card 3 of 4")
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    expect(meta(page)).to_contain_text("Card 4 of 4")
    assert current_id(page) == missed
    page.keyboard.press("Space")
    page.keyboard.press("3")

    summary = page.locator("[data-part=summary]")
    expect(summary).to_contain_text("Session done")
    expect(summary).to_contain_text("3 cards: Didn't know 1 · Unsure 1 · Knew it 1")
    expect(summary.locator("li a")).to_have_count(1)
    expect(summary.locator("li a")).to_have_attribute("href", re.compile(f"system-design/#{missed}$"))
    grades = {card_id: record["grade"] for card_id, record in stored(page)["cards"].items()}
    assert sorted(grades.values()) == [2, 3, 3] and grades[missed] == 3


# Whether an element is wholly inside the window and on top at its center: reachable
# with no scrolling, not under the sticky bar or the site's header.
ON_SCREEN = """element => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth
        && box.height > 0 && element.contains(hit);
}"""


@pytest.mark.parametrize("device", [PHONE, {"viewport": {"width": 1280, "height": 720}}], ids=["phone", "desktop"])
def test_every_card_and_its_grade_bar_are_on_screen_without_scrolling(browser, site_url, device):
    """The question and "Show answer" from the first card on; after each reveal the three
    grade buttons, right away and once the answer has been read to its end; every card."""
    context = browser.new_context(**device)
    page = context.new_page()
    open_drill(page, site_url)
    missing = []
    grades = page.locator("[data-grade]")
    for index in range(len(SITE.questions)):
        card = current_id(page)
        for part in ("question", "reveal"):
            if not page.locator(f"[data-part={part}]").evaluate(ON_SCREEN):
                missing.append((index + 1, card, part))
        page.locator("[data-part=reveal]").evaluate("button => button.click()")  # a tap, without scrolling to it
        expect(page.locator("[data-part=back]")).to_be_visible()
        for moment in ("revealed", "read to its end"):
            if moment == "read to its end":
                page.evaluate(
                    "scrollBy(0, document.querySelector('[data-part=card]').getBoundingClientRect().bottom - innerHeight)"  # noqa: E501
                )
            hidden = [n for n in range(3) if not grades.nth(n).evaluate(ON_SCREEN)]
            if hidden:
                missing.append((index + 1, card, f"grade buttons {hidden} when {moment}"))
        grades.nth(2).evaluate("button => button.click()")
    expect(page.locator("[data-part=summary]")).to_contain_text(f"{len(SITE.questions)} cards")
    context.close()
    assert missing == []


def test_reveal_grade_and_swipe_by_touch_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_drill(page, site_url)
    first = current_id(page)
    page.locator("[data-part=reveal]").tap()
    expect(page.locator("[data-part=back]")).to_be_visible()
    page.locator(".drill-points label").first.tap()
    expect(page.locator("[data-point='0']")).to_be_checked()
    knew = page.get_by_role("button", name="Knew it")
    box = knew.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 375
    knew.tap()
    expect(meta(page)).to_contain_text(f"Card 2 of {len(SITE.questions)}")
    assert stored(page)["cards"][first]["grade"] == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # A swipe to the left shows the answer; the next one grades it as the ticks suggest.
    second = current_id(page)
    swipe_left(page)
    expect(page.locator("[data-part=back]")).to_be_visible()
    for label in page.locator(".drill-points label").all():
        label.tap()
    expect(page.locator(".drill-suggested")).to_contain_text("Knew it")
    swipe_left(page)
    expect(meta(page)).to_contain_text(f"Card 3 of {len(SITE.questions)}")
    assert stored(page)["cards"][second]["grade"] == 3
    # Up and down is scrolling, not a swipe.
    swipe_left(page, dy=-200)
    expect(page.locator("[data-part=back]")).to_be_hidden()
    context.close()


def swipe_left(page: Page, dy: int = 0) -> None:
    """A one-finger swipe from the right of the question to its left, as touch events."""
    page.locator("[data-part=question]").evaluate(
        "element => element.scrollIntoView({ block: 'center' })"
    )  # clear of the header
    box = page.locator("[data-part=question]").bounding_box()
    y = box["y"] + box["height"] / 2
    session = page.context.new_cdp_session(page)
    points = [(box["x"] + box["width"] - 20 - step * 40, y + dy * step / 6) for step in range(7)]
    session.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]}
    )
    for x, yy in points[1:]:
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": yy}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


# Every control of the drill a finger may need, with the setup and the settings open and
# a card revealed: its size as the finger finds it (a checkbox by its label).
CONTROLS = """() => [...document.querySelectorAll(
        `.drill :is(button, select, textarea, summary, a, input:not([type=checkbox])),
        .drill :is(.drill-points label, .drill-check)`)]
    .filter(element => element.getClientRects().length && !element.closest('.drill-print'))
    .map(element => {
        const box = element.getBoundingClientRect();
        return [element.outerHTML.slice(0, 60), Math.round(box.width), Math.round(box.height)];
    })"""


def test_every_drill_control_is_at_least_44_px_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_drill(page, site_url)
    page.locator("[data-part=setup] > summary").tap()
    page.locator(".drill-settings > summary").tap()
    page.locator("[data-part=reveal]").tap()
    expect(page.locator("[data-part=back]")).to_be_visible()
    controls = page.evaluate(CONTROLS)
    context.close()
    assert len(controls) > 20
    assert [c for c in controls if c[1] < 44 or c[2] < 44] == []


def test_the_grade_follows_the_ticked_key_points_and_can_be_changed(page: Page, site_url):
    open_drill(page, site_url)
    card = SITE.by_id()[current_id(page)]
    page.keyboard.press("Space")
    checklist = page.locator(".drill-points")
    expect(checklist.locator("label")).to_have_text(card.key_points)
    suggest = page.locator("[data-part=suggest]")
    total = len(card.key_points)
    expect(suggest).to_have_text(f"0 of {total} key points: Didn't know")
    expect(page.locator(".drill-suggested")).to_have_text("1 Didn't know")
    checklist.locator("input").nth(1).check()
    expect(suggest).to_have_text(f"1 of {total} key points: Unsure")
    expect(page.locator(".drill-suggested")).to_have_text("2 Unsure")
    for box in checklist.locator("input").all():
        box.check()
    expect(suggest).to_have_text(f"{total} of {total} key points: Knew it")
    expect(page.locator(".drill-suggested")).to_have_text("3 Knew it")
    page.reload()  # the ticks are part of the session
    expect(page.locator(".drill-suggested")).to_have_text("3 Knew it")
    page.get_by_role("button", name="Unsure").click()  # another grade than the suggested one
    assert stored(page)["cards"][card.id]["grade"] == 2


def test_a_missed_card_that_comes_back_next_starts_afresh(page: Page, site_url):
    """A set of one card: "Didn't know" brings the same card back at once, as a new card."""
    only = SITE.questions[0]
    open_drill(page, site_url)
    page.evaluate(f"""() => {{ const now = Date.now(); localStorage.setItem('{KEY}', JSON.stringify({{
        kind: "ml-interview-prep progress", version: 1, settings: {{}},
        cards: {{ "{only.id}": {{ grade: 1, interval: 0, due: now + 6e5, reviewed: now }} }} }})) }}""")
    open_drill(page, site_url, "?status=missed")
    expect(meta(page)).to_contain_text("Card 1 of 1")
    page.keyboard.press("Space")
    page.locator(".drill-points input").first.check()
    page.locator("#drill-note").fill("again")
    page.get_by_role("button", name="Didn't know").click()
    expect(meta(page)).to_contain_text("Card 2 of 2")
    expect(page.locator("[data-part=back]")).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.locator(".drill-points input:checked")).to_have_count(0)
    expect(page.locator("[data-part=suggest]")).to_have_text(f"0 of {len(only.key_points)} key points: Didn't know")


def test_reload_mid_session_keeps_the_session_and_the_grades(page: Page, site_url):
    open_drill(page, site_url)
    start(page, set=CORE, section="Quick-fire")
    graded = []
    for key in ("3", "2"):
        graded.append(current_id(page))
        page.keyboard.press("Space")
        page.keyboard.press(key)
    expect(meta(page)).to_contain_text("Card 3 of 5")
    third = current_id(page)
    page.reload()
    expect(meta(page)).to_contain_text("Card 3 of 5 · Quick-fire")
    assert current_id(page) == third
    expect(page.locator("select[name=section]")).to_have_value("quick-fire")
    assert {i: r["grade"] for i, r in stored(page)["cards"].items()} == {graded[0]: 3, graded[1]: 2}


def test_full_answer_opens_on_its_page_and_the_session_carries_on(page: Page, site_url):
    open_drill(page, site_url)
    start(page, set=CORE, section="Deep Learning")
    page.keyboard.press("Space")
    page.keyboard.press("3")
    card = current_id(page)
    page.keyboard.press("Space")
    page.locator("[data-part=full]").click()  # instant navigation to the section page
    expect(page).to_have_url(re.compile(f"/deep-learning/#{card}$"))
    expect(page.locator(f"h2#{card} ~ details.answer").first).to_have_attribute("open", "")
    page.get_by_role("link", name="Back to drill (card 2 of 5)").click()
    expect(meta(page)).to_contain_text("Card 2 of 5 · Deep Learning")
    assert current_id(page) == card
    expect(page.locator("[data-part=back]")).to_be_visible()  # still revealed
    page.go_back()
    # One step at a time: stepping back again while instant navigation was still loading
    # the page of the first step once failed in CI (net::ERR_ABORTED in go_back).
    expect(page.locator(f"h2#{card}")).to_be_attached()
    page.go_back()
    expect(meta(page)).to_contain_text("Card 2 of 5")


def test_filters_pick_cards_by_topic_status_role_and_core(page: Page, site_url):
    open_drill(page, site_url)
    start(page, section="Coding & Implementation")
    first = current_id(page)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    start(page, section="All sections", status="Known")
    expect(meta(page)).to_contain_text("Card 1 of 1")
    assert current_id(page) == first
    topic = SITE.topics["retrieval"]["name"]
    start(page, status="New", topic=topic)
    tagged = [q.id for q in SITE.topic_questions("retrieval") if q.id != first]
    expect(meta(page)).to_contain_text(f"Card 1 of {len(tagged)}")
    assert current_id(page) in tagged
    start(page, status="Any status", topic="All topics", role=SITE.roles["research-engineer"])
    asked = [q for q in SITE.questions if "research-engineer" in q.roles]
    expect(meta(page)).to_contain_text(f"Card 1 of {len(asked)}")
    assert SITE.by_id()[current_id(page)] in asked
    core = [q for q in SITE.questions if q.core]
    start(page, role="Any role", set=f"Core {len(core)}")
    expect(meta(page)).to_contain_text(f"Card 1 of {len(core)}")


def test_a_drill_link_carries_its_set_and_a_reload_keeps_it(page: Page, site_url):
    asked = [q for q in SITE.questions if q.core and "llm-engineer" in q.roles and "transformers" in q.topics]
    open_drill(page, site_url, "?role=llm-engineer&topic=transformers&set=core")
    expect(meta(page)).to_contain_text(f"Card 1 of {len(asked)}")
    assert SITE.by_id()[current_id(page)] in asked
    expect(page.locator("select[name=role]")).to_have_value("llm-engineer")
    expect(page.locator("select[name=topic]")).to_have_value("transformers")
    now = page.locator("[data-part=now]")
    expect(now).to_have_text(f"Core {sum(q.core for q in SITE.questions)} · LLM engineer · Attention & transformers")

    # Choosing another set shows its link before it starts; starting it puts it in the address.
    page.locator("[data-part=setup] > summary").click()
    page.locator("select[name=topic]").select_option("")
    page.locator("select[name=status]").select_option("new")
    link = page.locator("[data-part=link]")
    expect(link).to_have_attribute("href", "/drill/?set=core&role=llm-engineer&status=new")
    page.get_by_role("button", name="Start a new session").click()
    expect(page).to_have_url(re.compile(r"/drill/\?set=core&role=llm-engineer&status=new$"))
    page.keyboard.press("Space")
    page.keyboard.press("3")
    position = meta(page).inner_text()
    page.reload()  # the same address resumes the same session
    expect(meta(page)).to_have_text(position)

    # A link naming values this site does not have drills everything rather than nothing.
    open_drill(page, site_url, "?role=astronaut&section=no-such-section")
    expect(meta(page)).to_contain_text(f"Card 1 of {len(SITE.questions)}")
    expect(page).to_have_url(re.compile(r"/drill/$"))


def test_a_set_that_matches_nothing_says_so_and_offers_to_clear_the_filters(page: Page, site_url):
    section = next(s for s in SITE.sections if not any("llm-engineer" in q.roles for q in s.questions))
    slug = section.page.removesuffix(".md")
    page.goto(f"{site_url}/drill/?role=llm-engineer&section={slug}")
    summary = page.locator("[data-part=summary]")
    expect(summary.locator("h2")).to_have_text("No cards match")
    expect(summary).to_contain_text(
        f"No card matches this set: All {len(SITE.questions)} questions · LLM engineer · {section.title}."
    )
    expect(summary).not_to_contain_text("Session done")
    expect(page.locator("[data-part=card]")).to_be_hidden()
    summary.get_by_role("button", name="Clear the filters").click()
    expect(meta(page)).to_contain_text(f"Card 1 of {len(SITE.questions)}")
    expect(page).to_have_url(re.compile(r"/drill/$"))
    expect(page.locator("[data-part=reveal]")).to_be_focused()


def test_a_mock_interview_asks_a_question_then_one_of_its_follow_ups(page: Page, site_url):
    page.add_init_script("Math.random = () => 0.99")  # the last follow-up of each question
    open_drill(page, site_url, "?mode=mock&section=system-design")
    size = min(section_size("System Design"), 5)  # a mock interview asks at most 5 (drill.js MOCK_QUESTIONS)
    expect(meta(page)).to_contain_text(f"Question 1 of {size} · System Design")
    asked = current_id(page)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(meta(page)).to_contain_text(f"Question 1 of {size} · Follow-up to question {SITE.by_id()[asked].number}")
    follow_ups = re.findall(r'\?\?\? question "([^"]+)"', SITE.by_id()[asked].answer)
    expect(page.locator("[data-part=question]")).to_have_text(follow_ups[-1])
    page.keyboard.press("Space")
    expect(page.locator("[data-part=back] p").first).not_to_be_empty()
    expect(page.locator(".drill-points")).to_have_count(0)  # a follow-up has no key points
    page.keyboard.press("1")
    for _ in range(size - 1):  # the other questions and their follow-ups, no card repeated
        for key in ("3", "2"):
            page.keyboard.press("Space")
            page.keyboard.press(key)
    summary = page.locator("[data-part=summary]")
    expect(summary.locator("h2")).to_have_text("Mock interview done")
    expect(summary).to_contain_text(f"{size} questions: Didn't know 0 · Unsure 0 · Knew it {size}")
    expect(summary).to_contain_text(f"{size} follow-ups: Didn't know 1 · Unsure {size - 1} · Knew it 0")
    expect(summary.locator("li a")).to_have_count(1)  # the question whose follow-up was missed
    section = {q.id for s in SITE.sections if s.title == "System Design" for q in s.questions}
    assert len(stored(page)["cards"]) == size and set(stored(page)["cards"]) <= section


def test_a_note_on_the_card_is_kept_with_progress_and_shows_on_its_section_page(page: Page, site_url):
    open_drill(page, site_url, "?section=deep-learning")
    card = current_id(page)
    page.keyboard.press("Space")
    page.locator("#drill-note").fill("Say the 1/(1-p) scaling out loud.")
    assert stored(page)["notes"][card]["text"] == "Say the 1/(1-p) scaling out loud."
    page.locator("[data-part=full]").click()
    button = page.locator(f"h2#{card} .q-note")
    expect(button).to_have_text("Your note")
    button.click()
    dialog = page.locator("dialog.note-dialog")
    expect(dialog.locator("textarea")).to_have_value("Say the 1/(1-p) scaling out loud.")
    dialog.locator("textarea").fill("")  # an empty note is no note
    dialog.get_by_role("button", name="Done").click()
    expect(button).to_have_text("Add note")
    expect(button).to_be_focused()
    assert card not in stored(page)["notes"]


def test_session_end_offers_the_missed_ones_again_and_prints_only_their_short_answers(page: Page, site_url):
    open_drill(page, site_url, "?section=system-design&set=core")
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
    expect(meta(page)).to_contain_text("Card 1 of 1")
    assert current_id(page) == missed


def test_ending_a_session_before_any_grade_says_so(page: Page, site_url):
    open_drill(page, site_url)
    page.get_by_role("button", name="End session").click()
    summary = page.locator("[data-part=summary]")
    expect(summary).to_contain_text("No card was graded in this session.")
    expect(summary).not_to_contain_text("You missed none")
    summary.get_by_role("button", name="Start a new session").click()
    expect(meta(page)).to_contain_text(f"Card 1 of {len(SITE.questions)}")


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
    expect(page.locator("[data-part=countdown]")).to_have_text(
        f"5 days to your interview; 0 of {len(SITE.questions)} cards not yet known."
    )
    card = current_id(page)
    page.locator("[data-part=reveal]").click()
    page.get_by_role("button", name="3 Knew it").click()
    record = stored(page)["cards"][card]
    interview = page.evaluate(
        f"(() => {{ const [y, m, d] = '{date}'.split('-').map(Number); return new Date(y, m - 1, d).getTime(); }})()"
    )
    assert record["interval"] == 20 and record["due"] == interview
    assert stored(page)["settings"]["interview"] == date


AXE_STAGES = ["setup open", "after reveal", "follow-up", "no match", "summary"]


@pytest.mark.parametrize("stage", AXE_STAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drill_page_has_no_accessibility_violations(browser, site_url, scheme, stage):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    query = {"follow-up": "?mode=mock", "no match": "?role=llm-engineer&section=ml-fundamentals"}.get(stage, "")
    if stage == "no match":
        page.goto(f"{site_url}/drill/{query}")
        expect(page.get_by_role("button", name="Clear the filters")).to_be_visible()
    else:
        open_drill(page, site_url, query)
    if stage == "setup open":
        page.locator("[data-part=setup] > summary").click()
        page.locator(".drill-settings > summary").click()
    elif stage == "after reveal":
        page.keyboard.press("Space")
        page.locator(".drill-points input").first.check()
    elif stage == "follow-up":
        page.keyboard.press("Space")
        page.keyboard.press("1")
        expect(meta(page)).to_contain_text("Follow-up")
        page.keyboard.press("Space")
    elif stage == "summary":
        page.keyboard.press("Space")
        page.keyboard.press("1")
        page.get_by_role("button", name="End session").click()
    violations = Axe().run(page).response["violations"]
    context.close()
    assert [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_note_dialog_on_a_section_page_has_no_accessibility_violations(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/deep-learning/")
    page.locator("h2#dropout .q-note").click()
    dialog = page.locator("dialog.note-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("textarea")).to_be_focused()
    violations = Axe().run(page, context={"exclude": [".md-code__nav"]}).response["violations"]
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("h2#dropout .q-note")).to_be_focused()
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


# The first card, as a session saved in this tab: the longest and the shortest question.
BY_LENGTH = sorted(SITE.questions, key=lambda q: len(f"{q.number}. {q.title}"))
FIRST_CARD = """id => sessionStorage.setItem("ml-interview-prep/drill-session", JSON.stringify(
    { queue: [id], position: 0, revealed: false, ticks: [], first: {}, probes: {}, missed: [], filters: {}, done: false }))"""  # noqa: E501


@pytest.mark.parametrize("first", [BY_LENGTH[-1].id, BY_LENGTH[0].id], ids=["longest question", "shortest question"])
@pytest.mark.parametrize("device", [{}, PHONE], ids=["desktop", "phone"])
def test_the_cards_arriving_move_nothing_on_the_page(browser, site_url, device, first):
    context = browser.new_context(**device)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    page.add_init_script(f"({FIRST_CARD})({first!r})")
    open_drill(page, site_url)
    assert current_id(page) == first
    expect(page.locator("[data-part=countdown]")).not_to_be_empty()
    # The observer reports a shift with the frame after it: two frames on, all are in.
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.shifts") == []
    context.close()
