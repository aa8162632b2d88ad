"""Math is typeset at build time: a display formula's \\qquad-separated parts become
separate <math> elements that can wrap onto new lines."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from studysite.build.mathml import MathFault, display_parts, to_mathml
from studysite.model.questions import load_site


def test_display_formula_is_cut_at_top_level_qquad_only():
    latex = r"a = b, \qquad c = \text{d \qquad e}, \qquad \frac{1}{2}"
    assert display_parts(latex) == ["a = b,", r"c = \text{d \qquad e},", r"\frac{1}{2}"]
    assert display_parts(r"x^{2}") == [r"x^{2}"]


def test_key_formula_parts_are_separate_math_elements_on_the_page(built_site):
    question = next(q for q in load_site().questions if len(display_parts(q.formula)) > 1)
    page = built_site / question.page.removesuffix(".md") / "index.html"
    formula = BeautifulSoup(page.read_text(), "html.parser").find(id=question.id).find_next("div", class_="math")
    assert len(formula.find_all("math", recursive=False)) == len(display_parts(question.formula))


@pytest.mark.parametrize(
    "latex, reason",
    [
        ("\\frac{1}{2", "'}' is missing"),
        ("a}b", "'}' at character 2 has no matching '{'"),
        ("\\left( x", "'\\right' is missing"),
        ("x \\right)", "'\\right' at character 3 has no matching '\\left'"),
        ("\\begin{matrix} x", "'\\end{matrix}' is missing"),
        ("\\begin{cases} x \\end{matrix}", "'\\end{matrix}' has no matching '\\begin{matrix}'"),
        ("\\begin{foo} x \\end{foo}", "unknown environment 'foo'"),
        ("\\foo x", "unknown command"),
    ],
)
def test_math_that_would_not_show_as_written_is_refused(latex, reason):
    with pytest.raises(MathFault) as refused:
        to_mathml(latex)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "latex", ["x_{<t}", "\\{ a \\}", "\\left( \\frac{1}{2} \\right)", "\\begin{cases} 1 & x > 0 \\\\ 0 \\end{cases}"]
)
def test_math_written_correctly_is_typeset(latex):
    assert to_mathml(latex).startswith("<math")


def test_typeset_formulas_are_cached_by_latex_and_mode():
    # The cache (to_mathml is typeset once per process) must key on both arguments.
    inline, block = to_mathml(r"\frac{a}{b}", "inline"), to_mathml(r"\frac{a}{b}", "block")
    assert 'display="inline"' in inline and 'display="block"' in block
    assert to_mathml(r"\frac{a}{b}", "inline") == inline and to_mathml(r"\frac{a}{c}", "inline") != inline


def test_a_refused_formula_is_refused_again():
    for _ in range(2):
        with pytest.raises(MathFault):
            to_mathml(r"\frac{1}{2")
