"""The drill's say-it-aloud mode in a real Chromium: a whole timed session by touch on a
phone and by keyboard (the clock is Playwright's, so no test waits out a countdown), what
screen readers hear, recording with Chromium's fake microphone played back and saved on
the device, no microphone and a refused one, and the timed mock interview with recording
offline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from studysite.model.questions import load_site
from test_offline import go_offline, needed_network, served, visit_and_wait_for_the_worker  # noqa: F401, F811

SITE = load_site()
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True}
FAKE_MICROPHONE = "--use-fake-device-for-media-stream"  # a beeping microphone, no real device
# Every text the screen-reader live region takes, in order.
HEARD = """() => {
    window.heard = [];
    const region = document.querySelector("[data-part=announce]");
    new MutationObserver(() => window.heard.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
}"""


@pytest.fixture(scope="module")
def media_browser(playwright, browser_type_launch_args):
    """Chromium with a fake microphone: a context that grants "microphone" records its
    beeps; one that does not is refused, as when the reader says no."""
    args = [*browser_type_launch_args.get("args", []), FAKE_MICROPHONE]
    browser = playwright.chromium.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


def open_drill(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-part=reveal]")).to_be_enabled()
    page.evaluate(HEARD)


def say_aloud(page: Page, seconds: str, record: bool) -> None:
    """Sets the timer and recording in the drill's setup."""
    page.locator("[data-part=setup] > summary").click()
    page.locator("[data-part=timer]").select_option(seconds)
    page.locator("[data-part=record]").set_checked(record)


def card_number(page: Page) -> int:
    return int(page.locator("[data-part=question]").inner_text().split(".")[0])


def test_a_whole_timed_session_by_touch_on_a_phone(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install()
    open_drill(page, f"{site_url}/drill/?section=system-design")
    page.locator("[data-part=setup] > summary").tap()
    page.locator("[data-part=timer]").select_option("30")
    expect(page.locator("[data-part=now]")).to_contain_text("30 s timer")
    page.locator("[data-part=setup] > summary").tap()
    aloud = page.locator("[data-part=aloud]")
    back = page.locator("[data-part=back]")
    size = sum(len(s.questions) for s in SITE.sections if s.title == "System Design")
    for _ in range(size):
        number = card_number(page)
        expect(aloud).to_have_text("0:30 left")
        page.clock.run_for(20_500)
        expect(aloud).to_have_text("0:10 left")
        expect(back).to_be_hidden()
        page.clock.run_for(10_000)
        expect(back).to_be_visible()  # revealed at zero
        expect(aloud).to_be_hidden()
        heard = page.evaluate("window.heard.splice(0)")
        assert heard == [
            f"30 seconds to answer question {number}.",
            "10 seconds left.",
            "Time is up: the answer is shown.",
        ]
        for label in page.locator(".drill-points label").all():
            label.tap()
        page.get_by_role("button", name="Knew it").tap()
    expect(page.locator("[data-part=summary]")).to_contain_text(
        f"{size} cards: Didn't know 0 · Unsure 0 · Knew it {size}"
    )
    page.clock.run_for(60_000)  # no timer runs on after the session
    assert page.evaluate("window.heard") == []
    context.close()


def test_a_whole_timed_session_by_keyboard(page: Page, site_url):
    page.clock.install()
    open_drill(page, f"{site_url}/drill/?section=coding&set=core")  # two cards
    page.locator("[data-part=setup] > summary").focus()
    page.keyboard.press("Enter")
    page.locator("[data-part=timer]").focus()
    page.keyboard.press("ArrowDown")  # 30 seconds
    page.keyboard.press("ArrowDown")  # 60 seconds
    expect(page.locator("[data-part=timer]")).to_have_value("60")
    aloud = page.locator("[data-part=aloud]")
    back = page.locator("[data-part=back]")
    # The timer applies at once, to the card on screen too.
    expect(aloud).to_have_text("1:00 left")
    first = card_number(page)
    assert page.evaluate("window.heard.splice(0)")[-1] == f"60 seconds to answer question {first}."
    page.locator("[data-part=reveal]").focus()

    # Answered before the time is up: Space shows the answer and the clock stops.
    page.clock.run_for(15_000)
    expect(aloud).to_have_text("0:45 left")
    page.keyboard.press("Space")
    expect(back).to_be_visible()
    expect(aloud).to_be_hidden()
    page.clock.run_for(60_000)
    assert page.evaluate("window.heard.splice(0)") == []  # nothing more once the answer shows
    page.keyboard.press("2")

    # Out of time: the answer shows itself, with the focus on it, and the keys go on.
    second = card_number(page)
    expect(page.locator("[data-part=reveal]")).to_be_focused()
    page.clock.run_for(60_500)
    expect(back).to_be_visible()
    expect(back).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # one key point said
    page.keyboard.press("3")
    heard = page.evaluate("window.heard.splice(0)")
    assert heard == [f"60 seconds to answer question {second}.", "10 seconds left.", "Time is up: the answer is shown."]
    summary = page.locator("[data-part=summary]")
    expect(summary).to_contain_text("2 cards: Didn't know 0 · Unsure 1 · Knew it 1")
    expect(summary.locator("h2")).to_be_focused()


def test_a_recording_plays_back_before_grading_and_never_leaves_the_device(media_browser, site_url, tmp_path):
    context = media_browser.new_context(permissions=["microphone"])
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    open_drill(page, f"{site_url}/drill/?section=quick-fire")
    say_aloud(page, "0", record=True)
    aloud = page.locator("[data-part=aloud]")
    # The page says how long it has recorded: a second of the fake microphone's beeps.
    expect(aloud).to_have_text(re.compile(r"● Recording 0:0[1-9]"), timeout=10_000)
    assert page.evaluate("window.heard") == ["Recording."]
    card = next(q for q in SITE.questions if q.number == card_number(page))
    page.locator("[data-part=reveal]").click()

    recording = page.locator("[data-part=recording]")
    audio = recording.locator("audio")
    expect(audio).to_have_attribute("src", re.compile("^blob:"))
    page.wait_for_function("audio => audio.readyState >= 1", arg=audio.element_handle())  # it plays
    size = audio.evaluate("async audio => (await (await fetch(audio.src)).blob()).size")
    assert size > 1000
    with page.expect_download() as download:
        recording.get_by_role("link", name="Save the recording").click()
    assert download.value.suggested_filename == f"answer-{card.id}.webm"
    saved = tmp_path / "answer.webm"
    download.value.save_as(saved)
    assert saved.stat().st_size == size

    # Graded and gone: the next card starts a new recording, the last one is let go.
    old = audio.get_attribute("src")
    page.get_by_role("button", name="Knew it").click()
    expect(aloud).to_contain_text("● Recording")
    assert (
        page.evaluate("async url => { try { await fetch(url); return 'kept' } catch { return 'gone' } }", old) == "gone"
    )
    outside = [(method, url) for method, url in requests if method != "GET" or not url.startswith((site_url, "blob:"))]
    assert outside == []  # nothing uploaded, nothing sent anywhere
    context.close()


@pytest.mark.parametrize("microphone", ["none", "refused"])
def test_without_a_microphone_the_mode_says_so_and_the_drill_goes_on(browser, media_browser, site_url, microphone):
    # Chromium with no audio device at all; or the fake microphone, with no permission given.
    context = (browser if microphone == "none" else media_browser).new_context()
    page = context.new_page()
    page.clock.install()
    open_drill(page, f"{site_url}/drill/?section=coding&set=core")  # two cards
    say_aloud(page, "30", record=True)
    message = page.locator("[data-part=aloud-message]")
    expected = {
        "none": "Recording is off: no microphone was found on this device. The rest of the drill works as before.",
        "refused": "Recording is off: this site may not use the microphone. Allow it in your browser's site settings to record; the rest of the drill works as before.",  # noqa: E501
    }[microphone]
    expect(message).to_have_text(expected)
    assert expected in page.evaluate("window.heard")
    expect(page.locator("[data-part=aloud]")).to_have_text(re.compile(r"^0:\d\d left$"))  # the timer runs on
    page.clock.run_for(31_000)
    expect(page.locator("[data-part=back]")).to_be_visible()
    expect(page.locator("[data-part=recording]")).to_be_empty()
    page.get_by_role("button", name="Unsure").click()
    expect(page.locator("[data-part=meta]")).to_contain_text("Card 2 of")
    expect(message).to_have_text(expected)  # said on every card while recording is asked for
    context.close()


def test_a_timed_mock_interview_with_recording_works_offline(media_browser, served):  # noqa: F811
    site, url, server = served
    context = media_browser.new_context(permissions=["microphone"])
    page = context.new_page()
    visit_and_wait_for_the_worker(page, url)
    go_offline(context, server)
    page.clock.install()
    open_drill(page, f"{url}drill/?mode=mock&section=nlp-transformers")
    say_aloud(page, "90", record=True)
    aloud = page.locator("[data-part=aloud]")
    expect(aloud).to_have_text(re.compile(r"\d:\d\d left · ● Recording"))
    page.clock.run_for(91_000)
    expect(page.locator("[data-part=recording] audio")).to_have_attribute("src", re.compile("^blob:"))
    page.get_by_role("button", name="Knew it").click()
    # The follow-up comes from the offline copy, timed and recorded the same way.
    expect(page.locator("[data-part=meta]")).to_contain_text("Follow-up to question")
    expect(aloud).to_have_text(re.compile(r"\d:\d\d left · ● Recording"))
    page.keyboard.press("Space")
    expect(page.locator("[data-part=recording] audio")).to_have_attribute("src", re.compile("^blob:"))
    context.close()
    listed = (site / "sw.js").read_text(encoding="utf-8")
    for name in (
        "assets/say-aloud.js",
        "assets/drill.js",
        "assets/cards.json",
        "assets/followups.json",
        "assets/notes.js",
        "assets/roles.js",
    ):
        assert f'"{name}"' in listed, name
    assert needed_network(server) == []
