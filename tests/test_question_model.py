"""The question model's own faults, found in process on a copy of the section pages:
each is reported once, as "path:line: message", at the line the author must change. The
faults an author makes by accident are in source_edits.py; this is the one place each of
the model's is tested (the build and the checker each prove one reaches the author)."""

from __future__ import annotations

import shutil

import pytest

from source_edits import MODEL_FAULTS, misspelled_related_macro
from studysite.model.questions import ROOT, load_site
from studysite.project import copy_project


@pytest.fixture
def docs(tmp_path, monkeypatch):
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy)
    (tmp_path / "scripts").mkdir()  # the model reads canon.toml etc. from beside docs/
    for data in (ROOT / "scripts").glob("*.toml"):
        shutil.copy(data, tmp_path / "scripts")
    monkeypatch.chdir(tmp_path)  # faults name docs/<page> relative to here
    return copy


def add_after_topics(docs, question_id, line):
    """Write `line` under the topics() line of a question, in place of the question's own
    line of that macro if it has one; return (path, its line number)."""
    q = load_site(docs).by_id()[question_id]
    path = docs / q.page
    lines = path.read_text(encoding="utf-8").split("\n")
    macro = line.removeprefix("{{").strip().split("(")[0]
    if macro in q.lines:
        del lines[q.lines[macro] - 1]  # it sits below topics(), whose line number holds
    at = q.lines["topics"]  # 1-based line of topics(): the new line goes two below it
    lines[at:at] = ["", line]
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"docs/{q.page}", at + 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{{ key_points("one", "two") }}', "question 9 needs 3 to 5 key points (found 2)"),
        ('{{ key_points("a", "b", "c", "d", "e", "f") }}', "question 9 needs 3 to 5 key points (found 6)"),
        ('{{ key_points("a", "b", "' + "x" * 101 + '") }}', "must be 1 to 100 characters"),
        (
            '{{ roles("ml-engineer", "data-wizard") }}',
            "unknown role 'data-wizard' (roles are listed in scripts/roles.toml)",
        ),
        ("{{ roles() }}", "question 9 needs at least one role"),
    ],
)
def test_a_bad_key_points_or_roles_line_is_reported_at_its_line(docs, line, message):
    page, number = add_after_topics(docs, "dropout", line)
    faults = load_site(docs).faults
    assert any(fault.startswith(f"{page}:{number}: ") and message in fault for fault in faults), faults


def test_key_points_and_roles_are_read_into_the_question(docs):
    add_after_topics(
        docs, "dropout", '{{ key_points("zeroes units at random", "scales by 1/(1-p)", "off at inference") }}'
    )
    add_after_topics(docs, "dropout", '{{ roles("ml-engineer", "research-engineer") }}')
    site = load_site(docs)
    assert site.faults == []
    q = site.by_id()["dropout"]
    assert q.key_points == ["zeroes units at random", "scales by 1/(1-p)", "off at inference"]
    assert q.roles == ["ml-engineer", "research-engineer"]


def test_a_follow_up_written_before_the_follow_ups_line_does_not_count(docs):
    """One follow-up after **Follow-ups** and another '??? question' earlier in the answer
    used to count as two."""
    q = load_site(docs).by_id()["dropout"]
    path = docs / q.page
    lines = path.read_text(encoding="utf-8").split("\n")
    follow_ups = [
        n for n in range(q.lines["follow_ups"], q.lines["answer_end"] + 1) if '??? question "' in lines[n - 1]
    ]
    moved = lines[follow_ups[1] - 1 : q.lines["answer_end"]]  # every follow-up but the first
    del lines[follow_ups[1] - 1 : q.lines["answer_end"]]
    lines[q.lines["follow_ups"] - 1 : q.lines["follow_ups"] - 1] = moved  # now above **Follow-ups**
    path.write_text("\n".join(lines), encoding="utf-8")
    faults = load_site(docs).faults
    early = q.lines["follow_ups"]
    assert (
        f"docs/{q.page}:{early + len(moved)}: question 9's full answer must end with **Follow-ups** and two or three '??? question' blocks (found 1)"  # noqa: E501
        in faults
    ), faults
    assert (
        f"docs/{q.page}:{early}: question 9 has a '??? question' block before its **Follow-ups** line: follow-ups go after it"  # noqa: E501
        in faults
    ), faults


def replace_line(docs, question_id, name, line):
    """Write `line` in place of a question's `name`() line; return (path, its line number)."""
    q = load_site(docs).by_id()[question_id]
    path = docs / q.page
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[q.lines[name] - 1] = line
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"docs/{q.page}", q.lines[name]


@pytest.mark.parametrize("name", ["key_points", "roles"])
def test_a_question_without_key_points_or_roles_is_reported_at_its_heading(docs, name):
    page, _ = replace_line(docs, "dropout", name, "")
    faults = load_site(docs).faults
    assert f"{page}:{load_site(docs).by_id()['dropout'].line}: question 9 has no {{{{ {name}(...) }}}} line" in faults


def test_a_second_key_points_line_is_reported_at_its_line(docs):
    q = load_site(docs).by_id()["dropout"]
    page, number = replace_line(docs, "dropout", "aliases", '{{ key_points("a", "b", "c") }}')
    faults = load_site(docs).faults
    assert (
        f"{page}:{number}: question 9 has a second key_points() line (the first is at line {q.lines['key_points']})"
        in faults
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project, the working folder: faults name docs/<page> relative to it."""
    copy = copy_project(tmp_path / "project")
    monkeypatch.chdir(copy)
    return copy


@pytest.mark.parametrize("fault", MODEL_FAULTS, ids=lambda f: f.__name__)
def test_model_fault_is_reported_at_its_file_and_line(project, fault):
    path, line, message = fault(project)
    faults = load_site(project / "docs").faults
    assert any(f.startswith(f"{path}:{line}: ") and message in f for f in faults), faults


def test_misspelled_macro_is_not_also_reported_as_missing(project):
    misspelled_related_macro(project)
    faults = "\n".join(load_site(project / "docs").faults)
    assert "unknown macro 'relatd'" in faults
    assert "has no {{ related(...) }} line" not in faults and "unexpected text" not in faults
