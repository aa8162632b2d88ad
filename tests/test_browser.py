"""What a candidate does in a real Chromium, against the built site served on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from studysite.model.questions import load_site

SECTION_PAGES = [section.page.removesuffix(".md") for section in load_site().sections]


def answer(page: Page, question_id: str):
    """The folded full answer that belongs to a question."""
    return page.locator(f"h2#{question_id} ~ details.answer").first


def test_clicking_full_answer_opens_it(page: Page, site_url):
    page.goto(f"{site_url}/deep-learning/")
    details = answer(page, "dropout")
    expect(details).not_to_have_attribute("open", "")
    body = details.locator("> p").first
    expect(body).to_be_hidden()
    details.locator("> summary").click()
    expect(details).to_have_attribute("open", "")
    expect(body).to_be_visible()


def test_keyboard_opens_full_answer(page: Page, site_url):
    page.goto(f"{site_url}/deep-learning/")
    details = answer(page, "dropout")
    details.locator("> summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", "")


def test_cross_link_lands_on_its_target_question(page: Page, site_url):
    page.goto(f"{site_url}/ml-fundamentals/")
    link = page.locator('a.qref[href$="#dropout"]:visible').first
    expect(link).to_have_text("9. What is dropout and how does it work?")
    link.click()
    expect(page).to_have_url(re.compile(r"/deep-learning/#dropout$"))
    expect(page.locator("h2#dropout")).to_be_in_viewport()


def test_no_page_requests_anything_outside_the_site(page: Page, site_url, built_site):
    outside = []
    inside = (site_url, "data:", "blob:")
    page.on("request", lambda request: request.url.startswith(inside) or outside.append(request.url))
    for html in sorted(built_site.rglob("*.html")):
        path = html.relative_to(built_site).as_posix().removesuffix("index.html")
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    assert outside == []


@pytest.mark.parametrize("section", SECTION_PAGES)
def test_section_page_fits_a_375px_phone(browser, site_url, section):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{section}/")
    for details in page.locator("details").all():
        details.evaluate("node => node.open = true")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert overflow <= 375


@pytest.mark.parametrize(("preference", "scheme"), [("light", "default"), ("dark", "slate")])
def test_palette_follows_the_system_preference(browser, site_url, preference, scheme):
    context = browser.new_context(color_scheme=preference)
    page = context.new_page()
    page.goto(f"{site_url}/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    context.close()


def test_palette_toggle_cycles_system_light_dark(page: Page, site_url):
    page.goto(f"{site_url}/")
    body = page.locator("body")
    schemes = []
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        schemes.append(body.get_attribute("data-md-color-scheme"))
    assert schemes[:2] == ["default", "slate"]


@pytest.mark.parametrize("section", SECTION_PAGES)
def test_math_is_typeset_without_javascript(browser, site_url, section):
    """With JavaScript off and every answer open, no LaTeX source shows on the page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{section}/")
    page.emulate_media(media="print")  # the print stylesheet shows every folded answer
    text = page.locator("article").inner_text()
    has_math = page.locator("article math").count()
    context.close()
    leftovers = re.findall(r"\\[a-zA-Z]+|\$\$|\\\(|\\\[", text)
    assert not leftovers, f"raw LaTeX on {section}: {sorted(set(leftovers))[:10]}"
    assert has_math or section == "behavioral"
