"""Mistakes an author makes by accident that only a build shows, each in a fresh copy of
the project: the strict build stops with the file and line where the author must act,
and no traceback. The faults themselves are in source_edits.py."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from source_edits import (
    BUILD_FAULTS,
    heading_without_id,
    key_formula_unbalanced,
    link_to_missing_page,
    missing_include,
    page_not_in_nav,
    page_of,
    replace_line,
)
from studysite.model.questions import load_site
from studysite.project import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


# Every fault only a build shows, and one of the model's and one found before the build,
# to prove those reach the author from the build too.
@pytest.mark.parametrize("fault", [*BUILD_FAULTS, heading_without_id, missing_include], ids=lambda f: f.__name__)
def test_author_fault_stops_the_build_at_its_file_and_line(project, tmp_path, fault):
    path, line, message = fault(project)
    result = mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{path}:{line}: " in output and message in output.split(f"{path}:{line}: ", 1)[1].split("\n")[0], output
    assert "Traceback" not in output


def test_key_formula_fault_names_the_section_page_not_the_cheat_sheet(project, tmp_path):
    name, line, _ = key_formula_unbalanced(project)
    output = mkdocs_build(project, tmp_path / "out").stderr
    assert f"{name}:{line}: cannot typeset math" in output
    assert "cheatsheet.md" not in output


def test_less_than_signs_in_key_formulas_keep_the_cheat_sheet_whole(project, tmp_path):
    """Two key formulas with `<` (x_{<t}): every card still shows, nothing is left over."""
    site = load_site(project / "docs")
    for q in site.questions[:2]:
        path, _ = page_of(project, q)
        replace_line(path, q.lines["formula"], q.formula.split("\n")[0], q.formula.split("\n")[0] + " \\quad x_{<t}")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "cheatsheet" / "index.html").read_text(encoding="utf-8")
    cards = BeautifulSoup(page, "html.parser").select("div.cheatsheet div.cs-question")
    assert len(cards) == sum(q.core for q in site.questions)  # the core sheet: questions 1 and 2 are on it
    assert page.count("<div") == page.count("</div>")
    for q in site.questions[:2]:
        card = next(c for c in cards if c.select_one(f'a.cs-number[href$="#{q.id}"]'))
        assert "<" in [mo.get_text() for mo in card.select("mo")]


def test_all_faults_of_a_run_are_reported_together(project, tmp_path):
    """Link, image and nav faults are warnings: the build reports every one, then stops."""
    expected = [link_to_missing_page(project), page_not_in_nav(project)]
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    output = mkdocs_build(project, tmp_path / "out").stderr
    for path, line, message in expected:
        assert f"{path}:{line}: " in output and message in output
