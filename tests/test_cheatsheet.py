"""The cheat sheets, one for the core questions and one for those beyond: derived from the
section pages, and each printed on one sheet of paper (two pages) in A4 and in US Letter
without chrome, raw LaTeX or split questions, at the same smallest font size."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from conftest import ROOT
from pdf_text import page_count, page_texts, pdftotext, squeeze
from studysite.model.questions import load_site
from studysite.outputs.cheatsheet_pdf import print_pdfs
from studysite.outputs.names import CHEATSHEET_PDF, CHEATSHEETS, PAPERS, pdf_files
from studysite.project import mkdocs_build

QUESTIONS = load_site().questions
HELD = {sheet: [q for q in QUESTIONS if q.core == (tier == "core")] for sheet, tier in CHEATSHEETS.items()}
SHEET_PAPERS = [(sheet, paper) for sheet in CHEATSHEETS for paper in PAPERS]
CHROME = ["Table of contents", "Skip to content", "Back to top", "Made with", "Search"]


@pytest.fixture(scope="module")
def pdfs(browser, site_url, tmp_path_factory) -> dict:
    """(sheet, paper) -> the PDF printed from the built sheet."""
    folder = tmp_path_factory.mktemp("pdf")
    return {
        (sheet, paper): pdf
        for sheet in CHEATSHEETS
        for paper, pdf in zip(PAPERS, print_pdfs(browser, site_url, folder, sheet))
    }


def cards(built_site, sheet: str) -> dict[int, str]:
    """Question number -> the text of its card on a built cheat sheet, display formulas
    left out (PDF text extraction scrambles the order of their pieces)."""
    soup = BeautifulSoup((built_site / sheet / "index.html").read_text(), "html.parser")
    for formula in soup.select(".cheatsheet div.math"):
        formula.decompose()
    return {int(card.select_one("a.cs-number").get_text()): card.get_text(" ") for card in soup.select(".cs-question")}


def test_both_sheets_together_hold_every_question_once():
    assert sorted(q.number for held in HELD.values() for q in held) == sorted(q.number for q in QUESTIONS)
    assert len(HELD["cheatsheet"]) == 30


@pytest.mark.parametrize("sheet", CHEATSHEETS)
def test_cheat_sheet_holds_each_of_its_questions_linked_to_its_full_answer(built_site, sheet):
    soup = BeautifulSoup((built_site / sheet / "index.html").read_text(), "html.parser")
    numbers = soup.select(".cs-question a.cs-number")
    assert [a.get_text() for a in numbers] == [str(q.number) for q in HELD[sheet]]
    for a, q in zip(numbers, HELD[sheet]):
        assert a["href"] == f"../{q.page.removesuffix('.md')}/#{q.id}"
        card = a.find_parent(class_="cs-question").get_text(" ")
        assert q.title in card
    assert len(soup.select(".cs-question math")) >= sum(1 for q in HELD[sheet] if q.formula)


@pytest.mark.parametrize(("sheet", "paper"), SHEET_PAPERS)
def test_cheat_sheet_prints_on_one_sheet(pdfs, sheet, paper):
    assert page_count(pdfs[sheet, paper]) <= 2


@pytest.mark.parametrize(("sheet", "paper"), SHEET_PAPERS)
def test_cheat_sheet_pdf_holds_its_questions_and_no_latex(pdfs, sheet, paper):
    text = pdftotext(pdfs[sheet, paper])
    missing = [q.number for q in HELD[sheet] if squeeze(f"{q.number} {q.title}") not in squeeze(text)]
    assert not missing, f"questions missing from the {paper} PDF of {sheet}: {missing}"
    assert not re.search(r"\\[a-zA-Z]+|\$\$", text), "raw LaTeX in the cheat sheet PDF"
    assert not [word for word in CHROME if word in text], "site chrome printed on the cheat sheet"


@pytest.mark.parametrize(("sheet", "paper"), SHEET_PAPERS)
def test_no_question_is_split_across_pages(pdfs, built_site, sheet, paper):
    pages = [squeeze(text) for text in page_texts(pdfs[sheet, paper])]
    for number, card in cards(built_site, sheet).items():
        words = card.split()
        start, end = squeeze(" ".join(words[:6])), squeeze(" ".join(words[-4:]))
        holding = [n for n, text in enumerate(pages, 1) if start in text]
        assert holding, f"question {number} not found in the {paper} PDF"
        assert end in pages[holding[0] - 1], f"question {number} runs over a page break ({paper})"


# The width in CSS pixels of the printed text on landscape paper with the cheat sheet's
# 7 mm margins (site.css, @page cheatsheet).
TEXT_WIDTH = {"A4": round((297 - 14) / 25.4 * 96), "Letter": round((279.4 - 14) / 25.4 * 96)}


def print_layout(page: Page, site_url: str, sheet: str, paper: str = "A4") -> None:
    """A cheat sheet as laid out for a landscape page of the given paper."""
    page.set_viewport_size({"width": TEXT_WIDTH[paper], "height": 740})
    page.emulate_media(media="print")
    page.goto(f"{site_url}/{sheet}/")


@pytest.mark.parametrize(("sheet", "paper"), SHEET_PAPERS)
def test_no_question_is_split_across_columns_and_no_formula_overflows(page: Page, site_url, sheet, paper):
    print_layout(page, site_url, sheet, paper)
    split = page.evaluate("""() => [...document.querySelectorAll('.cs-question')]
        .filter(card => card.getClientRects().length > 1).map(card => card.textContent.slice(0, 40))""")
    assert split == []
    overflowing = page.evaluate("""() => [...document.querySelectorAll('.cs-question')]
        .filter(card => [...card.querySelectorAll('math')].some(m =>
            m.getBoundingClientRect().right > card.getBoundingClientRect().right + 1))
        .map(card => card.textContent.slice(0, 40))""")
    assert overflowing == []


@pytest.mark.parametrize("sheet", CHEATSHEETS)
def test_cheat_sheet_body_text_is_at_least_7pt(page: Page, site_url, sheet):
    print_layout(page, site_url, sheet)
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        '.cheatsheet p, .cheatsheet strong, .cheatsheet a, .cheatsheet h2')]
        .map(el => parseFloat(getComputedStyle(el).fontSize)))""")
    assert smallest >= 7 * 96 / 72  # 7 pt in CSS pixels


@pytest.mark.browser  # the build prints the PDFs in Chromium
def test_make_pdf_build_writes_each_sheets_pdfs_and_links_them(tmp_path):
    """What `make pdf` runs: a strict build with the switch on."""
    os.environ[CHEATSHEET_PDF] = "1"
    try:
        result = mkdocs_build(ROOT, tmp_path / "site")
    finally:
        del os.environ[CHEATSHEET_PDF]
    assert result.returncode == 0, result.stderr
    for sheet in CHEATSHEETS:
        folder = tmp_path / "site" / sheet
        links = [
            a["href"]
            for a in BeautifulSoup((folder / "index.html").read_text(), "html.parser").select(".cs-downloads a")
        ]
        assert links == list(pdf_files(sheet).values())
        for name in links:
            assert (folder / name).read_bytes().startswith(b"%PDF")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_site.py"), "--site", str(tmp_path / "site")],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("sheet", CHEATSHEETS)
def test_a_default_build_does_not_link_missing_pdfs(built_site, sheet):
    assert not BeautifulSoup((built_site / sheet / "index.html").read_text(), "html.parser").select(".cs-downloads")
