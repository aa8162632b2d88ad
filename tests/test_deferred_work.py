"""Work a page leaves until the reader needs it, so that it is quick to show on a phone,
and what the reader still gets once they do need it (scripts/bench/lighthouse.py
measures the time saved)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True}


def test_code_in_a_folded_answer_gets_its_copy_button_when_opened(page: Page, site_url):
    page.goto(f"{site_url}/deep-learning/")
    answer = page.locator("h2#dropout ~ details.answer").first
    expect(page.locator(".md-typeset .highlight").first).to_be_attached()
    # Nothing is mounted in a closed answer: that cost a forced layout per block at load.
    expect(page.locator("details.answer:not([open]) .md-code__nav")).to_have_count(0)
    answer.locator("> summary").click()
    code = answer.locator(".highlight").first
    code.scroll_into_view_if_needed()
    expect(code.locator(".md-code__nav")).to_be_visible()


@pytest.mark.parametrize("preference", ["light", "dark"])
def test_the_colors_painted_first_are_the_colors_kept(browser, site_url, preference):
    """Before Material's script runs the page has the first palette's colors; when they
    differ from the scheme it then picks, every element is restyled and the accent flashes."""
    colors = {}
    for scripts in (False, True):
        context = browser.new_context(color_scheme=preference, java_script_enabled=scripts)
        page = context.new_page()
        page.goto(f"{site_url}/")
        if scripts:  # Material adds this meta when it has set the scheme's colors
            page.wait_for_function("document.querySelector('meta[name=color-scheme]')")
        colors[scripts] = page.evaluate(
            "['primary', 'accent'].map(name => document.body.getAttribute('data-md-color-' + name))"
        )
        context.close()
    assert colors[False] == colors[True]


@pytest.mark.parametrize(("width", "skipped"), [(375, True), (1280, False)])
def test_cheat_sheet_cards_off_screen_wait_on_a_phone_only(browser, site_url, width, skipped):
    """One column: a card far below is neither styled nor laid out until it nears the
    view. Several columns: every card is laid out, so none moves between columns later."""
    context = browser.new_context(**(PHONE | {"viewport": {"width": width, "height": 812}}))
    page = context.new_page()
    page.goto(f"{site_url}/cheatsheet/")
    last = page.locator(".cs-question").last
    rendered = "element => element.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
    assert last.evaluate(rendered) is not skipped
    # Cards near the view are laid out at the next frame and take their real heights, which
    # can push this one off screen again: scroll until it is still in view a frame after
    # scrolling, as a reader does.
    last.evaluate(
        """element => new Promise((done) => {
          const afterAFrame = (then) => requestAnimationFrame(() => requestAnimationFrame(then));
          const settle = () => {
            const box = element.getBoundingClientRect();
            if (box.top >= 0 && box.bottom <= innerHeight) return done();
            element.scrollIntoView({ block: "center" });
            afterAFrame(settle);
          };
          settle();
        })"""
    )
    expect(last).to_be_in_viewport()
    assert last.evaluate(rendered) is True
    context.close()
