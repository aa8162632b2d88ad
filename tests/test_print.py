"""Printing a section page, with JavaScript on or off: every answer open, no site chrome,
external links spelled out, and no question title stranded at the foot of a page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from pdf_text import page_texts, squeeze
from studysite.model.questions import load_site

SECTIONS = {section.page.removesuffix(".md"): section for section in load_site().sections}
CHROME = ["Table of contents", "Skip to content", "Back to top", "Made with"]


@pytest.fixture(scope="module", params=[True, False], ids=["javascript-on", "javascript-off"])
def printed(request, browser, site_url, tmp_path_factory):
    """Section name -> the text of each page of its printed PDF (A4)."""
    context = browser.new_context(java_script_enabled=request.param)
    out = tmp_path_factory.mktemp("print")
    texts = {}
    for name in SECTIONS:
        page = context.new_page()
        page.goto(f"{site_url}/{name}/", wait_until="networkidle")
        page.pdf(path=out / f"{name}.pdf", format="A4")
        page.close()
        texts[name] = page_texts(out / f"{name}.pdf")
    context.close()
    return texts


def answer_openings(built_site, section: str) -> dict[str, str]:
    """Question id -> the first words of the first plain paragraph of its full answer."""
    soup = BeautifulSoup((built_site / section / "index.html").read_text(), "html.parser")
    openings = {}
    for details in soup.select("details.answer"):
        paragraphs = [p for p in details.find_all("p", recursive=False) if not p.find(["math", "code"])]
        assert paragraphs, "an answer without a plain paragraph"
        openings[details.find_previous("h2")["id"]] = " ".join(paragraphs[0].get_text().split()[:12])
    return openings


@pytest.mark.parametrize("section", SECTIONS)
def test_printed_section_page_holds_every_answer(printed, built_site, section):
    text = squeeze("".join(printed[section]))
    openings = answer_openings(built_site, section)
    assert len(openings) == len(SECTIONS[section].questions)
    missing = [qid for qid, opening in openings.items() if squeeze(opening) not in text]
    assert not missing, f"answers missing from the printed page: {missing}"


@pytest.mark.parametrize("section", SECTIONS)
def test_printed_section_page_has_no_site_chrome(printed, section):
    text = "".join(printed[section])
    assert [word for word in CHROME if word in text] == []
    other_sections = [s.title for name, s in SECTIONS.items() if name != section]
    assert [title for title in other_sections if title in text] == [], "the navigation was printed"


def short_openings(built_site, section: str) -> dict[str, str]:
    """Question id -> the first words of its short answer, as printed (text before any math)."""
    soup = BeautifulSoup((built_site / section / "index.html").read_text(), "html.parser")
    openings = {}
    for h2 in soup.select("article h2[id]"):
        words = []
        for node in h2.find_next_sibling("p").children:
            if node.name == "math":
                break
            words += node.get_text().split()
        openings[h2["id"]] = " ".join(words[:6])
    return openings


@pytest.mark.parametrize("section", SECTIONS)
def test_no_question_title_is_left_at_the_foot_of_a_page(printed, built_site, section):
    """Each question's title is printed on the page where its short answer starts."""
    pages = [squeeze(text) for text in printed[section]]
    for q, opening in zip(SECTIONS[section].questions, short_openings(built_site, section).values()):
        assert opening, f"question {q.number}'s short answer starts with math"
        page = next(n for n, text in enumerate(pages) if squeeze(opening) in text)
        assert squeeze(f"{q.number}. {q.title}") in pages[page], f"question {q.number}'s title is not on its page"


def test_external_links_print_their_address_and_internal_ones_do_not(printed):
    text = squeeze("".join(printed["behavioral"]))
    assert "(https://arxiv.org/)" in text
    assert "(http://127.0.0.1" not in text


@pytest.mark.parametrize("section", SECTIONS)
def test_a_long_answer_starts_under_its_question_not_on_the_next_page(printed, built_site, section):
    """Material keeps admonitions whole on a page; a long answer that did so would leave
    the rest of the page under its question blank."""
    first = SECTIONS[section].questions[0].id
    opening = answer_openings(built_site, section)[first]
    assert squeeze(opening) in squeeze(printed[section][0])


# The printed text width of A4 portrait with Material's print margins (@page { margin: 25mm }),
# the narrowest of A4 and Letter, in CSS pixels.
A4_TEXT_WIDTH = round((210 - 2 * 25) / 25.4 * 96)


@pytest.mark.parametrize("section", SECTIONS)
def test_no_formula_is_cut_off_at_the_printed_page_edge(browser, site_url, section):
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{site_url}/{section}/")
    page.evaluate("document.querySelectorAll('details').forEach(details => details.open = true)")
    cut = page.evaluate("""() => [...document.querySelectorAll('article .math > math')]
        .filter(math => math.getBoundingClientRect().right > math.parentElement.getBoundingClientRect().right + 1)
        .map(math => math.textContent.slice(0, 40))""")
    context.close()
    assert cut == []
