"""Math is typeset at build time: a display formula's \\qquad-separated parts become
separate <math> elements that can wrap onto new lines."""

from __future__ import annotations

from bs4 import BeautifulSoup
from mathml import display_parts

from questions import load_site


def test_display_formula_is_cut_at_top_level_qquad_only():
    latex = r"a = b, \qquad c = \text{d \qquad e}, \qquad \frac{1}{2}"
    assert display_parts(latex) == ["a = b,", r"c = \text{d \qquad e},", r"\frac{1}{2}"]
    assert display_parts(r"x^{2}") == [r"x^{2}"]


def test_key_formula_parts_are_separate_math_elements_on_the_page(built_site):
    question = next(q for q in load_site().questions if len(display_parts(q.formula)) > 1)
    page = built_site / question.page.removesuffix(".md") / "index.html"
    formula = BeautifulSoup(page.read_text(), "html.parser").find(id=question.id).find_next("div", class_="math")
    assert len(formula.find_all("math", recursive=False)) == len(display_parts(question.formula))
