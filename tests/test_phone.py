"""A candidate on a 375 px touch phone: figures, wide formulas, the menu, question links,
answer text and key hints, in the light palette; axe's checks, contrast among them, in
the light and the dark one."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import ROOT, read_through, settle
from studysite.model.questions import load_site

SECTION_PAGES = [section.page.removesuffix(".md") + "/" for section in load_site().sections]
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
SCHEMES = {"light": "default", "dark": "slate"}
# Legible without zooming: the floor for text in a figure.
MIN_TEXT_PX = 11


def phone_page(browser, scheme: str):
    """A page on a 375 px touch phone, in a palette (checked once the site loads)."""
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    page.scheme = SCHEMES[scheme]
    yield page
    context.close()


@pytest.fixture
def phone(browser) -> Page:
    """Only the colors depend on the palette: the light one."""
    yield from phone_page(browser, "light")


@pytest.fixture(params=SCHEMES, ids=SCHEMES.values())
def phone_in_each_palette(request, browser) -> Page:
    yield from phone_page(browser, request.param)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", page.scheme)


def open_all_answers(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(details => details.open = true)")


def smallest_text(svg_name: str) -> float:
    """The smallest font size in a figure, as a share of the figure's width."""
    svg = (ROOT / "docs" / "figures" / svg_name).read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])
    return min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)) / width


def rendered_text_px(image) -> float:
    """How tall the figure's smallest text is drawn, in CSS px, from the image's width."""
    name = image.get_attribute("src").rsplit("/", 1)[-1]
    width = image.evaluate(
        "img => img.getBoundingClientRect().width - parseFloat(getComputedStyle(img).paddingLeft) * 2"
    )
    return smallest_text(name) * width


def test_every_figure_is_legible_or_opens_full_screen_with_a_tap(phone: Page, site_url):
    seen = 0
    for path in SECTION_PAGES:
        open_page(phone, f"{site_url}/{path}")
        open_all_answers(phone)
        for link in phone.locator("a.figure-link").all():
            seen += 1
            figure = link.locator("img")
            alt = figure.get_attribute("alt")
            link.scroll_into_view_if_needed()
            if rendered_text_px(figure) >= MIN_TEXT_PX:
                continue
            link.tap()
            dialog = phone.locator("dialog.figure-zoom")
            expect(dialog).to_be_visible()
            box = dialog.bounding_box()
            assert box["width"] >= 375 and box["height"] >= 800  # full-screen
            expect(dialog.locator(".figure-zoom__hint")).to_contain_text("pinch to zoom; drag to pan")
            opened = dialog.locator("img")
            expect(opened).to_have_attribute("alt", alt)
            expect(opened).to_be_visible()
            assert opened.evaluate("img => img.complete && img.naturalWidth > 0")
            # It opens whole: fitted to the screen's width, nothing to pan yet.
            fitted = opened.bounding_box()
            assert fitted["x"] >= 0 and fitted["x"] + fitted["width"] <= 375, f"{path}: {fitted}"
            # A tap on it zooms in to legible text, and the dialog then pans sideways.
            opened.tap()
            expect(dialog.locator(".figure-zoom__toggle")).to_have_attribute("aria-pressed", "true")
            assert rendered_text_px(opened) >= MIN_TEXT_PX, f"{path}: {figure.get_attribute('src')}"
            assert dialog.evaluate("d => d.scrollWidth > d.clientWidth"), f"{path}: zoomed but nothing to pan"
            dialog.locator(".figure-zoom__close").tap()
            expect(dialog).to_be_hidden()
    assert seen >= 10


def test_a_figure_opens_and_closes_by_keyboard(phone: Page, site_url):
    open_page(phone, f"{site_url}/ml-fundamentals/")
    open_all_answers(phone)
    link = phone.locator("a.figure-link").first
    link.focus()
    phone.keyboard.press("Enter")
    dialog = phone.locator("dialog.figure-zoom")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-label", link.locator("img").get_attribute("alt"))
    phone.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()


WIDE_FORMULAS = """() => [...document.querySelectorAll('.md-typeset .math')]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => ({
        tabindex: box.getAttribute('tabindex'),
        label: box.getAttribute('aria-label'),
        background: getComputedStyle(box).backgroundImage,
        attachment: getComputedStyle(box).backgroundAttachment,
        text: box.textContent.slice(0, 40),
    }))"""


def test_wide_formulas_show_a_scroll_cue_and_take_keyboard_focus(phone: Page, site_url):
    wide = []
    for path in [*SECTION_PAGES, "cheatsheet/"]:
        open_page(phone, f"{site_url}/{path}")
        open_all_answers(phone)
        read_through(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, f"{path} is wider than the phone"
        for formula in phone.evaluate(WIDE_FORMULAS):
            wide.append(path)
            assert formula["tabindex"] == "0", f"{path}: {formula['text']}"
            assert formula["label"], f"{path}: {formula['text']}"
            # The edge shades, and the covers that scroll with the formula to hide them.
            assert formula["background"].count("gradient") == 4, f"{path}: {formula['text']}"
            assert formula["attachment"] == "local, local, scroll, scroll"
    # Questions 1, 13, 16 and 25 and cheat-sheet cards 1 and 16 were cut at 375 px.
    assert "cheatsheet/" in wide and len(wide) >= 4


def test_arrow_keys_scroll_a_wide_formula(phone: Page, site_url):
    open_page(phone, f"{site_url}/cheatsheet/")
    formula = phone.locator(".math[tabindex='0']").first
    formula.focus()
    expect(formula).to_be_focused()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("box => box.scrollLeft > 0", arg=formula.element_handle(), timeout=2000)


def test_tab_reaches_a_wide_formula_in_a_card_far_down_the_cheat_sheet(phone: Page, site_url):
    """Off screen, a card is not laid out, so its formula is not yet known to be wide;
    the keyboard brings the card into view at its number link, and by the next Tab the
    formula is a named tab stop."""
    open_page(phone, f"{site_url}/cheatsheet/")
    card = phone.locator(".cs-question").nth(15)  # question 16: its formula is cut at 375 px
    settle(phone)  # the first sizes are in
    expect(card.locator(".math")).not_to_have_attribute("tabindex", "0")
    card.locator("a.cs-number").focus()
    phone.keyboard.press("Tab")
    expect(card.locator(".math")).to_be_focused()
    expect(card.locator(".math")).to_have_attribute("aria-label", "Formula, scrolls sideways")


def test_formulas_that_fit_stay_out_of_the_tab_order(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/cheatsheet/")
    settle(page)
    focusable = page.locator(".math[tabindex]").count()
    context.close()
    assert focusable == 0


ON_TOP = """item => {
    const box = item.getBoundingClientRect();
    return item.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
}"""


def test_phone_menu_opens_at_the_top_level(phone: Page, site_url):
    open_page(phone, f"{site_url}/deep-learning/")
    phone.locator("label.md-header__button[for='__drawer']").tap()
    menu = phone.locator("nav.md-nav--primary")
    names = ["Home", *(section.title for section in load_site().sections), "Topics", "Cheat sheet"]
    for name in names:
        # The current page is a label that opens its contents, the others are links.
        item = menu.get_by_text(name, exact=True).filter(visible=True).first
        expect(item).to_be_in_viewport()
        # On top, not under the panel of a nested level that slid over it.
        assert item.evaluate(ON_TOP), f"{name} is covered"


def test_each_question_heading_shows_its_own_link_on_touch(phone: Page, site_url):
    open_page(phone, f"{site_url}/deep-learning/")
    heading = phone.locator("h2#dropout")
    permalink = heading.locator("a.headerlink")
    expect(permalink).to_have_attribute("href", re.compile(r"/deep-learning/#dropout$"))
    expect(permalink).to_be_visible()
    expect(permalink).to_have_css("opacity", "1")


def test_full_answer_text_is_as_large_as_the_page_text(phone: Page, site_url):
    open_page(phone, f"{site_url}/deep-learning/")
    page_text = phone.locator(".md-typeset").first.evaluate("node => getComputedStyle(node).fontSize")
    answer = phone.locator("h2#dropout ~ details.answer").first
    answer.locator("> summary").tap()
    expect(answer.locator("> p").first).to_have_css("font-size", page_text)
    follow_up = answer.locator("details").first
    follow_up.locator("> summary").tap()
    expect(follow_up.locator("> p").first).to_have_css("font-size", page_text)


def test_key_hints_hide_on_a_touch_phone(phone: Page, site_url):
    open_page(phone, f"{site_url}/")
    expect(phone.locator(".md-content kbd").first).to_be_hidden()
    expect(phone.locator(".key-hint")).to_be_hidden()
    assert "press" not in phone.locator(".md-content").inner_text()


def test_key_hints_show_with_a_keyboard(page: Page, site_url):
    page.goto(f"{site_url}/")
    expect(page.locator(".key-hint")).to_be_visible()
    expect(page.locator(".key-hint kbd")).to_have_count(2)


@pytest.mark.parametrize("path", ["", *SECTION_PAGES, "topics/", "cheatsheet/", "drill/"])
def test_phone_page_has_no_accessibility_violations(phone_in_each_palette: Page, site_url, path):
    """axe-core on the phone layout: touch permalinks, wide formulas as tab stops, the menu."""
    phone = phone_in_each_palette
    open_page(phone, f"{site_url}/{path}")
    open_all_answers(phone)
    read_through(phone)
    # Left out, as in test_accessibility.py: Material's unnamed <nav> around each copy
    # button. Also left out: wide code blocks and tables, which Material's JavaScript makes
    # tab stops only where a pointer can hover, so never on a touch phone; the desktop
    # run of test_accessibility.py checks their content.
    left_out = [".md-code__nav", ".highlight pre > code", ".md-typeset__scrollwrap"]
    violations = Axe().run(phone, context={"exclude": left_out}).response["violations"]
    found = [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}" for v in violations]
    assert found == []
