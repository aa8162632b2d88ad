"""The question model's own faults, found in process on a copy of the section pages:
each is reported once, as "path:line: message", at the line the author must change."""

from __future__ import annotations

import shutil

import pytest

from questions import ROOT, load_site


@pytest.fixture
def docs(tmp_path, monkeypatch):
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy)
    monkeypatch.chdir(tmp_path)  # faults name docs/<page> relative to here
    return copy


def set_line(docs, question_id, name, line):
    """Write `line` in place of a question's `name`() line; return (path, its line number)."""
    q = load_site(docs).by_id()[question_id]
    path = docs / q.page
    lines = path.read_text(encoding="utf-8").split("\n")
    at = q.lines[name]  # 1-based
    lines[at - 1] = line
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"docs/{q.page}", at


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{{ key_points("one", "two") }}', "question 9 needs 3 to 5 key points (found 2)"),
        ('{{ key_points("a", "b", "c", "d", "e", "f") }}', "question 9 needs 3 to 5 key points (found 6)"),
        ('{{ key_points("a", "b", "' + "x" * 101 + '") }}', "must be 1 to 100 characters"),
        ('{{ roles("ml-engineer", "data-wizard") }}', "unknown role 'data-wizard' (roles are listed in scripts/roles.toml)"),
        ("{{ roles() }}", "question 9 needs at least one role"),
    ],
)
def test_a_bad_key_points_or_roles_line_is_reported_at_its_line(docs, line, message):
    page, number = set_line(docs, "dropout", "roles" if "roles(" in line else "key_points", line)
    faults = load_site(docs).faults
    assert any(fault.startswith(f"{page}:{number}: ") and message in fault for fault in faults), faults


@pytest.mark.parametrize("name", ["key_points", "roles"])
def test_a_question_without_key_points_or_roles_is_reported_at_its_heading(docs, name):
    page, _ = set_line(docs, "dropout", name, "")
    faults = load_site(docs).faults
    assert f"{page}:{load_site(docs).by_id()['dropout'].line}: question 9 has no {{{{ {name}(...) }}}} line" in faults


def test_a_second_key_points_line_is_reported_at_its_line(docs):
    q = load_site(docs).by_id()["dropout"]
    page, number = set_line(docs, "dropout", "aliases", '{{ key_points("a", "b", "c") }}')
    faults = load_site(docs).faults
    assert f"{page}:{number}: question 9 has a second key_points() line (the first is at line {q.lines['key_points']})" in faults


def test_key_points_and_roles_are_read_into_the_question(docs):
    set_line(docs, "dropout", "key_points", '{{ key_points("zeroes units at random", "scales by 1/(1-p)", "off at inference") }}')
    set_line(docs, "dropout", "roles", '{{ roles("ml-engineer", "research-engineer") }}')
    site = load_site(docs)
    assert site.faults == []
    q = site.by_id()["dropout"]
    assert q.key_points == ["zeroes units at random", "scales by 1/(1-p)", "off at inference"]
    assert q.roles == ["ml-engineer", "research-engineer"]
