"""Printing a section page, with JavaScript on or off: every answer open, no site chrome,
external links spelled out, and no question title stranded at the foot of a page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pdf_text import page_texts, squeeze

from questions import load_site

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


@pytest.mark.parametrize("section", SECTIONS)
def test_no_question_title_ends_a_printed_page(printed, section):
    titles = [squeeze(f"{q.number}. {q.title}") for q in SECTIONS[section].questions]
    for number, page in enumerate(printed[section][:-1], 1):
        ending = squeeze(page)
        stranded = [title for title in titles if ending.endswith(title)]
        assert not stranded, f"page {number} of {section} ends with the title {stranded[0]!r}"


def test_external_links_print_their_address_and_internal_ones_do_not(printed):
    text = squeeze("".join(printed["behavioral"]))
    assert "(https://arxiv.org/)" in text
    assert "(http://127.0.0.1" not in text
