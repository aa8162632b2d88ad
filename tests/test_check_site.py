"""scripts/check_site.py: green on the real site, and every kind of fault reported as
path:line against the Markdown source, all of them in one run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from source_edits import heading_without_id, unknown_topic
from studysite.model.questions import load_site
from studysite.project import copy_project

CHECKER = ROOT / "scripts" / "check_site.py"


def run_checker(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "check_site.py"), *args],
        capture_output=True,
        text=True,
        cwd=project,
    )


def edit(path: Path, old: str, new: str, line: int | None = None) -> None:
    """Replace the first `old` in the file, or in its line number `line`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = line or next((n for n, text in enumerate(lines, 1) if old in text), 0)
    assert number and old in lines[number - 1], f"{old!r} not in {path}:{line}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def site_copy(tmp_path, built_site) -> Path:
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def question(project: Path, question_id: str):
    return load_site(project / "docs").by_id()[question_id]


def test_checker_explains_itself():
    result = subprocess.run([sys.executable, str(CHECKER), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "--site" in result.stdout and "path:line: message" in result.stdout


def test_real_site_passes(built_site):
    result = run_checker(ROOT, "--site", str(built_site))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert f"{len(load_site().questions)} questions" in result.stderr


def test_checker_builds_the_site_itself_when_no_site_is_given():
    result = run_checker(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# --- faults in the Markdown source -------------------------------------------------
# Each of the model's faults is tested in process (test_question_model.py); this proves
# that they reach the author from the checker, every one of a run together.


def test_model_faults_are_reported_with_file_and_line_all_in_one_run(project, built_site):
    expected = [unknown_topic(project), heading_without_id(project)]
    result = run_checker(project, "--site", str(built_site))
    assert result.returncode == 1
    for path, line, message in expected:
        assert f"{path}:{line}: {message}" in result.stdout


# --- faults in the built HTML ------------------------------------------------------

DROPOUT_LINK = 'href="../deep-learning/#dropout"'
HTML_FAULTS = {
    # name: (built page, text replaced, replacement, expected "path:line: message")
    "missing-page": (
        "ml-fundamentals/index.html",
        DROPOUT_LINK,
        'href="../no-such-page/#dropout"',
        r"docs/ml-fundamentals\.md:\d+: link to \.\./no-such-page/#dropout does not resolve",
    ),
    "missing-anchor": (
        "ml-fundamentals/index.html",
        DROPOUT_LINK,
        'href="../deep-learning/#no-such-anchor"',
        r"docs/ml-fundamentals\.md:\d+: .*no anchor #no-such-anchor",
    ),
    "cross-link-off-question": (
        "ml-fundamentals/index.html",
        DROPOUT_LINK,
        'href="../topics/#regularization"',
        r"docs/ml-fundamentals\.md:\d+: cross-link \.\./topics/#regularization does not land on a question",
    ),
    "missing-image": (
        "deep-learning/index.html",
        "</article>",
        '<img src="figures/missing.svg" alt="a figure"></article>',
        r"docs/deep-learning\.md:\d+: link to figures/missing\.svg does not resolve",
    ),
    "image-without-alt": (
        "deep-learning/index.html",
        "</article>",
        '<img src="../assets/favicon.svg"></article>',
        r"docs/deep-learning\.md:\d+: image \.\./assets/favicon\.svg has no alt text",
    ),
    "outside-resource": (
        "index.html",
        "</head>",
        '<script src="https://cdn.example.com/x.js"></script></head>',
        r"mkdocs\.yml:\d+: <script> loads https://cdn\.example\.com/x\.js from outside the site",
    ),
}


@pytest.mark.parametrize("fault", HTML_FAULTS)
def test_built_html_fault_is_reported_against_its_markdown(site_copy, fault):
    page, old, new, expected = HTML_FAULTS[fault]
    edit(site_copy / page, old, new)
    result = run_checker(ROOT, "--site", str(site_copy))
    assert result.returncode == 1
    assert re.search(f"^{expected}", result.stdout, re.M), result.stdout


def test_question_missing_from_the_built_page(site_copy):
    q = load_site().sections[1].questions[-1]  # the last one on its page: the others stay in place
    html = site_copy / "deep-learning/index.html"
    text = html.read_text(encoding="utf-8")
    html.write_text(re.sub(rf'<h2 id="{q.id}">.*?</h2>', "", text, flags=re.S), encoding="utf-8")
    result = run_checker(ROOT, "--site", str(site_copy))
    assert f"docs/deep-learning.md:1: question {q.number}. {q.title!r} is missing from the built page" in result.stdout


def test_empty_full_answer_in_the_built_page(site_copy):
    html = site_copy / "deep-learning/index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    answer = soup.find(id="dropout").find_next("details", class_="answer")
    for child in list(answer.children):
        if child.name != "summary":
            child.extract()
    html.write_text(str(soup), encoding="utf-8")
    line = question(ROOT, "dropout").line
    result = run_checker(ROOT, "--site", str(site_copy))
    assert f"docs/deep-learning.md:{line}: question 9's full answer is empty in the built page" in result.stdout


# --- faults only a build shows -----------------------------------------------------


def test_checker_reports_broken_markdown_links_with_lines(project):
    q = question(project, "dropout")
    path = project / "docs" / q.page
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(
        q.lines["answer"] + 1, "    See [the missing page](no-such-page.md) and ![a figure](figures/none.svg)."
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_checker(project)
    assert result.returncode == 1
    wrote = q.lines["answer"] + 2
    assert f"docs/{q.page}:{wrote}: link to no-such-page.md does not resolve" in result.stdout
    assert f"docs/{q.page}:{wrote}: link to figures/none.svg does not resolve" in result.stdout


def test_checker_reports_a_macro_typo_with_its_line(project):
    index = project / "docs" / "index.md"
    line = next(n for n, text in enumerate(index.read_text().splitlines(), 1) if "section_table()" in text)
    edit(index, "section_table()", "section_tabel()")
    result = run_checker(project)
    assert result.returncode == 1
    assert f"docs/index.md:{line}: unknown macro or variable 'section_tabel'" in result.stdout


# --- derived outputs ---------------------------------------------------------------


def dropout_card(cards: list) -> dict:
    return next(card for card in cards if card["id"] == "dropout")


def drop_card(data: dict) -> None:
    data["cards"].remove(dropout_card(data["cards"]))


def double_card(data: dict) -> None:
    data["cards"].append(data["cards"][0])


def empty_card(backs: dict) -> None:
    backs["dropout"]["short"] = ""


def no_key_points(backs: dict) -> None:
    backs["dropout"]["points"] = []


def no_follow_ups(follow_ups: dict) -> None:
    del follow_ups["dropout"]


# Each fault: the file it breaks, and what the checker says of it there.
COUNT = len(load_site().questions)
CARD_FAULTS = {
    drop_card: (
        "cards.json",
        [f"{COUNT - 1} drill cards for {COUNT} questions", "no drill card for question 'dropout'"],
    ),
    double_card: ("cards.json", [f"{COUNT + 1} drill cards for {COUNT} questions"]),
    empty_card: ("card-backs.json", ["drill card 'dropout' has no short answer"]),
    no_key_points: ("card-backs.json", ["drill card 'dropout' has no key points"]),
    no_follow_ups: ("followups.json", ["no follow-ups for question 'dropout'"]),
}


@pytest.mark.parametrize("break_cards", CARD_FAULTS, ids=lambda f: f.__name__)
def test_drill_cards_must_hold_one_card_per_question(site_copy, break_cards):
    name, messages = CARD_FAULTS[break_cards]
    path = site_copy / "assets" / name
    data = json.loads(path.read_text(encoding="utf-8"))
    break_cards(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_checker(ROOT, "--site", str(site_copy))
    assert result.returncode == 1
    for message in messages:
        assert f"assets/{name}:1: {message}" in result.stdout


# --- derived pages lose nothing ------------------------------------------------------


def line_in(page: str, needle: str) -> int:
    return next(n for n, text in enumerate((ROOT / "docs" / page).read_text().splitlines(), 1) if needle in text)


def drop_cheat_sheet_card(soup):
    soup.find("a", class_="cs-number", href=re.compile("#dropout$")).find_parent(
        "div", class_="cs-question"
    ).decompose()


def empty_cheat_sheet_card(soup):
    """Keep the card's number and title, drop its short answer."""
    title = soup.find("a", class_="cs-number", href=re.compile("#dropout$")).find_next_sibling("strong")
    for text in list(title.next_siblings):
        text.extract()


def drop_topic_item(soup):
    soup.find("h2", id="regularization").find_next("ul").find("li").decompose()


def drop_home_row(soup):
    soup.select_one("article table tbody tr").decompose()


DERIVED_FAULTS = {
    # name: (built page, change, expected "path:line: message")
    "cheat-sheet-card-lost": (
        "cheatsheet/index.html",
        drop_cheat_sheet_card,
        f"docs/cheatsheet.md:{line_in('cheatsheet.md', 'cheatsheet(')}: cheat sheet has no card for question 9",
    ),
    "cheat-sheet-short-answer-lost": (
        "cheatsheet/index.html",
        empty_cheat_sheet_card,
        f"docs/cheatsheet.md:{line_in('cheatsheet.md', 'cheatsheet(')}: cheat sheet card of question 9 lacks words",
    ),
    "topic-index-item-lost": (
        "topics/index.html",
        drop_topic_item,
        f"docs/topics.md:{line_in('topics.md', 'topic_index()')}: topic index lists",
    ),
    "home-table-row-lost": (
        "index.html",
        drop_home_row,
        f"docs/index.md:{line_in('index.md', 'section_table()')}: home page's section table shows",
    ),
}


@pytest.mark.parametrize("fault", DERIVED_FAULTS)
def test_derived_page_that_loses_content_is_reported(site_copy, fault):
    page, change, expected = DERIVED_FAULTS[fault]
    soup = BeautifulSoup((site_copy / page).read_text(encoding="utf-8"), "html.parser")
    change(soup)
    (site_copy / page).write_text(str(soup), encoding="utf-8")
    result = run_checker(ROOT, "--site", str(site_copy))
    assert result.returncode == 1
    assert expected in result.stdout, result.stdout


def test_checker_reports_source_build_and_site_faults_in_one_run_when_the_build_fails(project):
    config = project / "mkdocs.yml"
    edit(config, "assets/site.css", "assets/style.css")
    css_line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "assets/style.css" in text)
    (project / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    nav_line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if text.startswith("nav:"))
    q = question(project, "dropout")
    path = project / "docs" / q.page
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(q.lines["answer"] + 1, "    See [the missing page](no-such-page.md).")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_checker(project)
    assert result.returncode == 1
    assert f"mkdocs.yml:{css_line}: extra_css file 'assets/style.css' does not exist in docs/" in result.stdout
    assert f"mkdocs.yml:{nav_line}: page 'notes.md' is not listed in nav" in result.stdout
    assert f"docs/{q.page}:{q.lines['answer'] + 2}: link to no-such-page.md does not resolve" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
