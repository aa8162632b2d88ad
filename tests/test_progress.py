"""Saved drill progress in a real Chromium: export, reset and import restore everything
(cards, interview date, study settings, notes) and say what they did; a card this site
does not have is skipped; every kind of bad input leaves progress untouched; unreadable
storage is offered for download, never wiped; it shows on section pages and the home page
without moving anything; the study tools remember their choice; and no request leaves
the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from studysite.model.questions import load_site

SITE = load_site()
KEY = "ml-interview-prep/progress"
KIND = "ml-interview-prep progress"
DAY_MS = 86_400_000


def progress(cards: dict, **extra) -> dict:
    return {"kind": KIND, "version": 1, "cards": cards, "settings": {}, **extra}


def record(grade: int, reviewed: int, due: int | None = None, interval: int = 1) -> dict:
    return {
        "grade": grade,
        "interval": interval,
        "due": reviewed + DAY_MS if due is None else due,
        "reviewed": reviewed,
    }


def raw_stored(page: Page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def seed(page: Page, site_url: str, value) -> None:
    """Store `value` (a dict as JSON, or a raw string) as the saved progress."""
    page.goto(f"{site_url}/")
    raw = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])


def open_drill(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/drill/")
    expect(page.locator("[data-part=reveal]")).to_be_enabled()


def open_settings(page: Page) -> None:
    page.locator(".drill-settings > summary").click()


def import_file(page: Page, path: Path) -> None:
    page.locator("[data-part=file]").set_input_files(str(path))


def test_export_reset_import_restores_everything_and_says_what(page: Page, site_url, tmp_path):
    # Study settings from a section page, a note, the drill's timer and an interview date.
    page.goto(f"{site_url}/deep-learning/")
    page.get_by_role("button", name="Open all").click()
    page.get_by_role("button", name="Hide short answers").click()
    open_drill(page, site_url)
    for grade in ("3", "1"):
        page.keyboard.press("Space")
        page.locator("#drill-note").fill(f"note {grade}")
        page.locator(f"[data-grade='{grade}']").click()
    page.locator("[data-part=setup] > summary").click()
    page.locator("[data-part=timer]").select_option("60")
    open_settings(page)
    page.locator("input[name=interview]").fill("2027-03-01")
    page.locator("input[name=interview]").dispatch_event("change")
    saved = json.loads(raw_stored(page))
    assert len(saved["cards"]) == 2 and len(saved["notes"]) == 2
    assert saved["settings"] == {
        "answers": "open",
        "hideShort": True,
        "timer": 60,
        "record": False,
        "interview": "2027-03-01",
    }

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == saved
    expect(page.locator("[data-part=message]")).to_have_text(
        f"Exported 2 cards, 2 notes and 5 study settings to {download.value.suggested_filename}, in your downloads."
    )

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert json.loads(raw_stored(page)) == saved  # dismissed: nothing happens
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator("[data-part=message]")).to_contain_text("Progress reset")
    assert raw_stored(page) is None
    expect(page.locator("[data-part=countdown]")).to_contain_text(
        f"{len(SITE.questions)} of {len(SITE.questions)} cards not yet known"
    )

    import_file(page, exported)
    expect(page.locator("[data-part=message]")).to_have_text(
        "Imported: 2 of 2 cards were newer than yours. Restored your interview date (2027-03-01), answers open, "
        "short answers hidden, a 60 s timer, recording off and 2 notes newer than yours."
    )
    assert json.loads(raw_stored(page)) == saved
    expect(page.locator("[data-part=countdown]")).to_contain_text(
        f"{len(SITE.questions) - 1} of {len(SITE.questions)} cards not yet known"
    )
    expect(page.locator("[data-part=now]")).to_contain_text("60 s timer")
    page.goto(f"{site_url}/deep-learning/")
    expect(page.get_by_role("button", name="Hide short answers")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("[...document.querySelectorAll('article details.answer')].every((d) => d.open)")


def test_import_keeps_the_most_recent_review_of_each_card_and_note(page: Page, site_url, tmp_path):
    now = 1_790_000_000_000
    mine = {"dropout": record(3, now), "attention": record(1, now)}
    my_notes = {
        "dropout": {"text": "mine, newer", "edited": now},
        "attention": {"text": "mine, older", "edited": now - 5},
    }
    seed(page, site_url, progress(mine, notes=my_notes))
    theirs = {"dropout": record(1, now - DAY_MS), "attention": record(3, now + 1000), "bias-variance": record(2, now)}
    their_notes = {
        "dropout": {"text": "theirs, older", "edited": now - 5},
        "attention": {"text": "theirs, newer", "edited": now},
    }
    path = tmp_path / "other-device.json"
    path.write_text(json.dumps(progress(theirs, notes=their_notes)))
    open_drill(page, site_url)
    import_file(page, path)
    expect(page.locator("[data-part=message]")).to_have_text(
        "Imported: 2 of 3 cards were newer than yours. Restored 1 note newer than yours."
    )
    merged = json.loads(raw_stored(page))
    assert merged["cards"] == {
        "dropout": mine["dropout"],
        "attention": theirs["attention"],
        "bias-variance": theirs["bias-variance"],
    }
    assert merged["notes"] == {"dropout": my_notes["dropout"], "attention": their_notes["attention"]}


def test_a_card_this_site_does_not_have_is_skipped_with_a_message(page: Page, site_url, tmp_path):
    now = 1_790_000_000_000
    kept = {"retired-question": record(3, now - DAY_MS)}  # already saved here: kept, and updated
    seed(page, site_url, progress(kept))
    theirs = {"dropout": record(2, now), "no-such-question": record(3, now), "retired-question": record(1, now)}
    path = tmp_path / "from-a-newer-site.json"
    path.write_text(json.dumps(progress(theirs, notes={"gone-too": {"text": "x", "edited": now}})))
    open_drill(page, site_url)
    import_file(page, path)
    expect(page.locator("[data-part=message]")).to_have_text(
        "Imported: 2 of 3 cards were newer than yours. Skipped 2 questions this site does not have: no-such-question, gone-too."  # noqa: E501
    )
    merged = json.loads(raw_stored(page))
    assert merged["cards"] == {"dropout": theirs["dropout"], "retired-question": theirs["retired-question"]}
    assert merged["notes"] == {}


BAD_FILES = {
    "not-json": ("{ this is not json", "That file is not JSON"),
    "wrong-schema": (json.dumps({"dropout": 3}), "it is not progress saved by this site"),
    "wrong-version": (json.dumps(progress({}, version=2)), "it is version 2 of the format; this page reads version 1"),
    "damaged-record": (json.dumps(progress({"dropout": {"grade": 7}})), 'the record of "dropout" is damaged'),
    "damaged-note": (json.dumps(progress({}, notes={"dropout": {"text": 7}})), 'the note on "dropout" is damaged'),
    "damaged-setting": (json.dumps(progress({}, settings={"timer": 45})), 'its setting "timer" is damaged'),
    "huge": ('{"padding": "' + "x" * (1024 * 1024 + 10) + '"}', "That file is too large"),
}


@pytest.mark.parametrize("bad", BAD_FILES)
def test_bad_import_is_refused_with_a_message_and_changes_nothing(page: Page, site_url, tmp_path, bad):
    before = json.dumps(progress({"dropout": record(3, 1_790_000_000_000)}))
    seed(page, site_url, before)
    text, message = BAD_FILES[bad]
    path = tmp_path / f"{bad}.json"
    path.write_text(text)
    open_drill(page, site_url)
    import_file(page, path)
    expect(page.locator("[data-part=message]")).to_contain_text(message)
    expect(page.locator("[data-part=message]")).to_contain_text("Nothing was changed.")
    assert raw_stored(page) == before


@pytest.mark.parametrize(
    "raw", ["{not json at all", json.dumps(progress({"dropout": {"grade": "known"}}))], ids=["corrupt", "hand-edited"]
)
def test_unreadable_storage_is_offered_for_download_and_never_overwritten(page: Page, site_url, tmp_path, raw):
    seed(page, site_url, raw)
    open_drill(page, site_url)
    notice = page.locator("[data-part=notice]")
    expect(notice).to_contain_text("Your saved drill progress cannot be read")
    with page.expect_download() as download:
        notice.get_by_role("button", name="Download the saved value").click()
    saved = tmp_path / "raw.txt"
    download.value.save_as(saved)
    assert saved.read_text() == raw

    # The page still works: a card can be revealed and graded; storage stays as it was.
    page.locator("[data-part=reveal]").click()
    page.keyboard.press("3")
    expect(page.locator("[data-part=meta]")).to_contain_text(f"Card 2 of {len(SITE.questions)}")
    page.goto(f"{site_url}/deep-learning/")
    expect(page.locator("h2#dropout .q-status")).to_be_attached()
    assert raw_stored(page) == raw

    open_drill(page, site_url)
    open_settings(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(notice).to_be_hidden()
    assert raw_stored(page) is None


def test_ids_no_longer_on_the_site_are_kept(page: Page, site_url):
    old = record(3, 1_700_000_000_000)
    seed(page, site_url, progress({"retired-question": old}))
    open_drill(page, site_url)
    page.keyboard.press("Space")
    page.keyboard.press("2")
    cards = json.loads(raw_stored(page))["cards"]
    assert cards["retired-question"] == old and len(cards) == 2


def heading_tops(page: Page) -> list[float]:
    return page.evaluate(
        "[...document.querySelectorAll('article h2, article table')].map((e) => e.getBoundingClientRect().top)"
    )


# Known to fail (issue 17 stays open): on a phone the home table is 421 px wide once
# progress fills it, 343 px without. strict: it reports when the layout is fixed.
PHONE_TABLE_WIDENS = pytest.mark.xfail(reason="the home table widens on a phone once progress fills it", strict=True)


@pytest.mark.parametrize("phone", [False, pytest.param(True, marks=PHONE_TABLE_WIDENS)], ids=["desktop", "phone"])
def test_statuses_show_on_section_and_home_pages_without_moving_anything(browser, site_url, phone):
    size = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True} if phone else {}
    static = browser.new_context(java_script_enabled=False, **size).new_page()
    context = browser.new_context(**size)
    page = context.new_page()
    now = int(page.evaluate("Date.now()"))
    deep = [q.id for q in SITE.sections[1].questions]
    cards = {
        deep[0]: record(3, now, interval=3),
        deep[1]: record(1, now - DAY_MS, due=now - 1000),
        deep[2]: record(2, now),
    }
    seed(page, site_url, progress(cards))

    page.goto(f"{site_url}/{SITE.sections[1].page.removesuffix('.md')}/")
    expect(page.locator(f"h2#{deep[0]} .q-status")).to_have_text("Known")
    expect(page.locator(f"h2#{deep[1]} .q-status")).to_have_text("Didn't know · due")
    expect(page.locator(f"h2#{deep[2]} .q-status")).to_have_text("Unsure")
    expect(page.locator(f"h2#{deep[3]} .q-status")).to_have_text("New")
    static.goto(page.url)
    assert heading_tops(page) == heading_tops(static)

    page.goto(f"{site_url}/")
    row = page.locator("tr", has_text=SITE.sections[1].title)
    expect(row.locator(".known-count[data-role='']")).to_have_text(f"1 / {len(deep)}")
    expect(page.locator("tr", has_text=SITE.sections[0].title).locator(".known-count[data-role='']")).to_have_text(
        f"0 / {len(SITE.sections[0].questions)}"
    )
    static.goto(page.url)
    width = "document.querySelector('article table').getBoundingClientRect().width"
    assert heading_tops(page) == heading_tops(static) and page.evaluate(width) == static.evaluate(width)
    context.close()
    static.context.close()


def test_study_tools_are_remembered_across_section_pages(page: Page, site_url):
    first, second = (section.page.removesuffix(".md") for section in SITE.sections[:2])
    page.goto(f"{site_url}/{first}/")
    answers = page.locator("article details.answer")
    page.get_by_role("button", name="Open all").click()
    expect(answers.first).to_have_attribute("open", "")
    assert page.evaluate("[...document.querySelectorAll('article details.answer')].every((d) => d.open)")
    hide = page.get_by_role("button", name="Hide short answers")
    hide.click()
    expect(hide).to_have_attribute("aria-pressed", "true")
    short = page.locator("article h2 + p").first
    assert page.evaluate("(p) => getComputedStyle(p).filter", short.element_handle()).startswith("blur")
    short.click()
    assert page.evaluate("(p) => getComputedStyle(p).filter", short.element_handle()) == "none"

    page.locator(f'.md-nav a[href$="{second}/"]').first.click()  # instant navigation
    expect(page).to_have_url(f"{site_url}/{second}/")
    expect(page.get_by_role("button", name="Hide short answers")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("[...document.querySelectorAll('article details.answer')].every((d) => d.open)")
    page.get_by_role("button", name="Close all").click()
    page.reload()
    expect(page.locator("article details.answer").first).not_to_have_attribute("open", "")


def test_no_request_leaves_the_site_while_drilling(page: Page, site_url, tmp_path):
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    open_drill(page, site_url)
    for key in ("3", "1", "2"):
        page.keyboard.press("Space")
        page.keyboard.press(key)
    open_settings(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    path = tmp_path / "p.json"
    download.value.save_as(path)
    import_file(page, path)
    expect(page.locator("[data-part=message]")).to_contain_text("Imported")
    page.goto(f"{site_url}/deep-learning/")
    outside = [(m, u) for m, u in requests if m != "GET" or not u.startswith((site_url, "blob:"))]
    assert outside == []
    assert any(u.endswith("/assets/cards.json") for _, u in requests)
