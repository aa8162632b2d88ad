"""Every figure on the site is drawn by scripts/figures/draw.py, is up to date, and is shown
with alt text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from studysite.figures import draw as figures


def test_there_are_at_least_eight_figures():
    assert len(figures.ALL) >= 8


@pytest.mark.parametrize("name", sorted(figures.ALL))
def test_committed_figure_matches_its_code(name):
    committed = figures.FIGURES / f"{name}.svg"
    assert committed.is_file(), f"run `make figures`: {committed.name} is missing"
    assert committed.read_bytes() == figures.ALL[name](), f"run `make figures`: {committed.name} is out of date"


def test_every_svg_in_docs_figures_has_code():
    drawn = {f"{name}.svg" for name in figures.ALL}
    assert {path.name for path in figures.FIGURES.glob("*.svg")} == drawn


def test_every_figure_is_shown_on_a_page_with_alt_text(built_site):
    shown = {}
    for page in built_site.rglob("*.html"):
        for img in BeautifulSoup(page.read_text(), "html.parser").select("img.figure"):
            shown[img["src"].rsplit("/", 1)[-1]] = img.get("alt", "")
    for name in figures.ALL:
        assert len(shown.get(f"{name}.svg", "")) > 40, f"{name}.svg is not shown with a real alt text"


def test_figures_are_drawn_on_white_so_dark_mode_and_print_keep_them_legible():
    for path in figures.FIGURES.glob("*.svg"):
        assert "fill: #ffffff" in path.read_text(), path.name
    css = (ROOT / "docs" / "assets" / "site.css").read_text()
    assert "img.figure" in css and "background: #fff" in css
