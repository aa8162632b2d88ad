"""The Anki deck and the CSV: opened with Anki's own Python package, held against the
question model and the built pages, re-imported after commits and edits, rebuilt byte for
byte; and the checker catches a deck that lost or repeated a question."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import CsvMetadata, ImportCsvRequest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT
from studysite.model.questions import load_site
from studysite.outputs.decks import DECK_NAME, NOTETYPE
from studysite.outputs.names import APKG, CSV, CSV_COLUMNS, DECK_DIR, FIELDS
from studysite.outputs.note_times import FALLBACK_TIMESTAMP, note_times
from studysite.project import copy_project, mkdocs_build

# The built site's decks link to the hosted site; the tests' own builds use the same URL.
# As the build reads it: !ENV [SITE_URL, default] (the deploy workflow sets SITE_URL).
SITE_URL = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
TIMESTAMP = 1_780_000_000
INLINE_MATH = re.compile(r"(?<![$\\])\$(?!\$)(.+?)(?<!\\)\$")
DISPLAY_MATH = re.compile(r"^\s*\$\$\n(.+?)\n\s*\$\$\s*$", re.M | re.S)
CROSS_LINK = re.compile(r'\{\{\s*q\("([^"]+)"\)\s*\}\}')
INCLUDE = re.compile(r'--8<-- "([^"]+)"')
FOLLOW_UP = re.compile(r'\?\?\? question "([^"]+)"')
WORD = re.compile(r"[A-Za-z]{4,}")


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "docs")


def open_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_apkg(collection: Collection, apkg: Path):
    request = ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log


def notes_by_url(collection: Collection) -> dict[str, object]:
    notes = [collection.get_note(nid) for nid in collection.find_notes("")]
    return {note["URL"]: note for note in notes}


def words(markdown_text: str) -> set[str]:
    """The prose words of a Markdown text, without its math, macros and link targets."""
    text = DISPLAY_MATH.sub(" ", INLINE_MATH.sub(" ", CROSS_LINK.sub(" ", markdown_text)))
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|`[^`]*`|<[^>]+>|--8<--.*|\?\?\? \w+", " ", text)
    return set(WORD.findall(text))


def squash(text: str) -> str:
    """Line breaks and indentation inside display math do not matter to MathJax."""
    return re.sub(r"\s+", "", text)


def test_every_note_field_and_tag_matches_the_model(built_site, site_url, site, tmp_path):
    """The deck the build writes, opened by Anki: one note per question, each field and tag
    derived from the section pages."""
    base = f"{site_url}/"  # the address the test site was built for
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, built_site / DECK_DIR / APKG)
    notes = notes_by_url(collection)
    assert len(collection.find_notes("")) == len(collection.find_cards("")) == len(site.questions)
    by_id = site.by_id()
    for q in site.questions:
        note = notes[f"{base}{q.page.removesuffix('.md')}/#{q.id}"]
        assert list(note.keys()) == FIELDS
        assert note["Number"] == str(q.number)
        assert html.unescape(note["Title"]) == q.title
        assert html.unescape(note["Section"]) == q.section
        assert sorted(note.tags) == sorted(
            [f"section::{q.page.removesuffix('.md')}"]
            + [f"topic::{t}" for t in q.topics]
            + [f"role::{r}" for r in q.roles]
        )
        points = BeautifulSoup(note["Short answer"], "html.parser").select("ul.key-points li")
        assert [html.unescape(li.get_text()) for li in points] == q.key_points, q.id
        card = note.cards()[0]
        assert collection.decks.name(card.did) == DECK_NAME
        # Anki renders the card: the front asks, the back answers and links to the site.
        assert note["Title"] in card.question() and note["Short answer"] not in card.question()
        assert all(note[field] in card.answer() for field in FIELDS if field != "URL")
        assert f'<a href="{note["URL"]}">' in card.answer()

        for field, source in (("Short answer", q.short), ("Full answer", q.answer)):
            rendered = BeautifulSoup(note[field], "html.parser")
            text = html.unescape(note[field])
            assert not words(source) - set(WORD.findall(rendered.get_text(" "))), (q.id, field)
            for tex in INLINE_MATH.findall(source):  # math kept as TeX for Anki's MathJax
                assert f"\\({tex}\\)" in text, (q.id, field, tex)
            assert "$" not in text, (q.id, field)
            assert "{{" not in text and "--8<--" not in text
            assert not rendered.find_all(["details", "img", "script"])
        # The key points follow the short answer, one list item each.
        points = BeautifulSoup(note["Short answer"], "html.parser").select("ul.key-points li")
        assert [li.get_text() for li in points] == q.key_points, q.id
        assert html.unescape(note["Key formula"]) == (f"\\[{q.formula}\\]" if q.formula else "")

        full = BeautifulSoup(note["Full answer"], "html.parser")
        links = {a["href"]: a.get_text() for a in full.find_all("a")}
        for target in map(by_id.get, CROSS_LINK.findall(q.answer)):
            url = f"{base}{target.page.removesuffix('.md')}/#{target.id}"
            assert links[url] == f"{target.number}. {target.title}", (q.id, target.id)
        for tex in DISPLAY_MATH.findall(q.answer):
            assert squash(f"\\[{tex}\\]") in squash(html.unescape(note["Full answer"])), (q.id, tex)
        for included in INCLUDE.findall(q.answer):
            code = (ROOT / "docs" / included).read_text(encoding="utf-8")
            assert code.strip() in full.get_text(), (q.id, included)
        follow_ups = [h4.get_text() for h4 in full.find_all("h4")]
        assert follow_ups == FOLLOW_UP.findall(q.answer), q.id
        assert all(href.startswith(("https://", "http://")) for href in links), (q.id, links)
    collection.close()


def shown_text(fragment) -> str:
    """The words a reader sees, math left out (MathML on the site, TeX in the deck), a
    figure named by its alt text (a link in the deck) and code as its plain text
    (highlighted on the site)."""
    for math in fragment.select("math, .arithmatex"):
        math.decompose()
    for code in fragment.find_all("pre"):
        code.replace_with(code.get_text())
    for image in fragment.find_all("img"):
        image.replace_with(f"Figure: {image.get('alt', '').strip()}")
    return " ".join(fragment.get_text(" ").split())


def test_the_deck_shows_the_full_answers_as_the_site_renders_them(built_site, site_url, site, tmp_path):
    """One rendering: each note's full answer says, word for word and in order, what the
    built section page's folded answer says."""
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, built_site / DECK_DIR / APKG)
    notes = notes_by_url(collection)
    for section in site.sections:
        page = BeautifulSoup((built_site / section.page.removesuffix(".md") / "index.html").read_text(), "html.parser")
        for q in section.questions:
            answer = page.find("h2", id=q.id).find_next_sibling("details", class_="answer")
            answer.summary.decompose()
            note = notes[f"{site_url}/{q.page.removesuffix('.md')}/#{q.id}"]
            assert shown_text(BeautifulSoup(note["Full answer"], "html.parser")) == shown_text(answer), q.id
    collection.close()


# --- when Anki updates a note ------------------------------------------------------


def git(project: Path, *args: str, date: int | None = None) -> None:
    environment = {**os.environ, **({"GIT_AUTHOR_DATE": f"@{date}", "GIT_COMMITTER_DATE": f"@{date}"} if date else {})}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
        env=environment,
    )


def build_deck(project: Path, out: Path) -> Path:
    result = mkdocs_build(project, out, SITE_URL)
    assert result.returncode == 0, result.stderr
    return out / DECK_DIR / APKG


def edit_answer(project: Path, question_id: str, old: str, new: str) -> None:
    page = project / "docs" / load_site(project / "docs").by_id()[question_id].page
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def review(collection: Collection, url: str):
    card = notes_by_url(collection)[url].cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)  # "Good"
    return collection.get_card(card.id)


def updated_urls(log) -> list[str]:
    return sorted(note.fields[FIELDS.index("URL")] for note in log.updated)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of the project in a git repository of its own, one commit deep."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first", date=TIMESTAMP)
    return project


def test_anki_updates_exactly_the_notes_whose_text_changed(repo, tmp_path):
    """A commit that touches no question updates no note; an edit of one answer, before or
    after it is committed, updates that note alone, and its card keeps its reviews."""
    dropout, attention = f"{SITE_URL}deep-learning/#dropout", f"{SITE_URL}deep-learning/#attention"
    count = len(load_site(repo / "docs").questions)
    collection = open_collection(tmp_path / "anki")
    assert len(import_apkg(collection, build_deck(repo, tmp_path / "v1")).new) == count
    reviewed = review(collection, dropout)

    index = repo / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA line that no question holds.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "home page only", date=TIMESTAMP + 1000)
    log = import_apkg(collection, build_deck(repo, tmp_path / "v2"))
    assert not log.new and not log.updated

    edit_answer(repo, "dropout", "a fresh random mask is drawn", "a new random mask is drawn")  # not committed
    log = import_apkg(collection, build_deck(repo, tmp_path / "v3"))
    assert not log.new and updated_urls(log) == [dropout]
    assert "a new random mask" in notes_by_url(collection)[dropout]["Full answer"]
    kept = collection.get_card(reviewed.id)
    assert (kept.reps, kept.ivl, kept.due) == (reviewed.reps, reviewed.ivl, reviewed.due)
    assert collection.db.scalar("select count() from revlog where cid = ?", reviewed.id) == 1

    git(repo, "commit", "-q", "-am", "dropout's answer", date=TIMESTAMP + 2000)
    log = import_apkg(collection, build_deck(repo, tmp_path / "v4"))
    assert not log.new and not log.updated  # committing it changed no field

    edit_answer(repo, "attention", "Attention is a soft, differentiable lookup", "Attention is a soft lookup")
    git(repo, "commit", "-q", "-am", "attention's answer", date=TIMESTAMP + 3000)
    log = import_apkg(collection, build_deck(repo, tmp_path / "v5"))
    assert not log.new and updated_urls(log) == [attention]
    assert len(collection.find_notes("")) == count
    assert collection.db.scalar("select count() from revlog where cid = ?", reviewed.id) == 1
    collection.close()


def test_anki_takes_an_edit_only_from_a_newer_deck(repo, tmp_path, monkeypatch):
    """Why a note's time must grow with its text: Anki's default import updates a note
    only when the incoming one is newer."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(TIMESTAMP))
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, build_deck(repo, tmp_path / "v1"))
    edit_answer(repo, "dropout", "a fresh random mask is drawn", "a new random mask is drawn")
    log = import_apkg(collection, build_deck(repo, tmp_path / "v2"))
    assert not log.updated and not log.new
    collection.close()


def test_a_note_s_time_is_its_question_s_last_commit_or_source_date_epoch(repo, tmp_path, monkeypatch):
    site = load_site(repo / "docs")
    assert set(note_times(site, repo / "docs").values()) == {TIMESTAMP}
    edit_answer(repo, "dropout", "a fresh random mask is drawn", "a new random mask is drawn")
    times = note_times(site, repo / "docs")
    assert times["dropout"] == int((repo / "docs" / "deep-learning.md").stat().st_mtime) > TIMESTAMP
    assert {time for question, time in times.items() if question != "dropout"} == {TIMESTAMP}
    shutil.rmtree(repo / ".git")
    assert set(note_times(site, repo / "docs").values()) == {FALLBACK_TIMESTAMP}  # not a git checkout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert set(note_times(site, repo / "docs").values()) == {1_790_000_000}


def test_the_published_deck_updates_every_note_and_keeps_the_reviews(built_site, tmp_path):
    """A deck as published before the key points (same note type, same GUIDs, older
    notes) takes this deck's notes over without losing a review."""
    old = tmp_path / "old.apkg"
    shutil.copy(built_site / DECK_DIR / APKG, old)
    with zipfile.ZipFile(old) as archive:
        database = Path(archive.extract("collection.anki2", tmp_path / "old"))
    connection = sqlite3.connect(database)
    rows = connection.execute("select id, flds from notes").fetchall()
    for note_id, fields in rows:
        values = fields.split("\x1f")
        values[FIELDS.index("Short answer")] = values[FIELDS.index("Short answer")].split('\n<p class="key-points">')[0]
        connection.execute("update notes set flds = ?, mod = 1700000000 where id = ?", ("\x1f".join(values), note_id))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(old, "w") as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", "{}")

    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, old)
    before = {note.guid: note.id for note in notes_by_url(collection).values()}
    reviewed = review(collection, next(iter(notes_by_url(collection))))
    log = import_apkg(collection, built_site / DECK_DIR / APKG)
    assert len(log.updated) == len(before) and not log.new and not log.conflicting
    assert {note.guid: note.id for note in notes_by_url(collection).values()} == before
    assert [m["name"] for m in collection.models.all() if m["name"].startswith(DECK_NAME)] == [NOTETYPE]
    assert all("key-points" in note["Short answer"] for note in notes_by_url(collection).values())
    kept = collection.get_card(reviewed.id)
    assert (kept.reps, kept.ivl, kept.due) == (reviewed.reps, reviewed.ivl, reviewed.due)
    collection.close()


def test_two_builds_give_the_same_bytes(built_site, site_url, site, tmp_path):
    again = tmp_path / "site"
    assert mkdocs_build(ROOT, again, f"{site_url}/").returncode == 0
    for name in (APKG, CSV):
        assert (again / DECK_DIR / name).read_bytes() == (built_site / DECK_DIR / name).read_bytes(), name
    with zipfile.ZipFile(built_site / DECK_DIR / APKG) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        database = Path(archive.extract("collection.anki2", tmp_path))
    # Each note, and its card, carries its own question's time.
    connection = sqlite3.connect(database)
    times = note_times(site, ROOT / "docs")
    found = connection.execute("select notes.flds, notes.mod, cards.mod from notes join cards on cards.nid = notes.id")
    assert {flds.split("\x1f")[FIELDS.index("URL")].rsplit("#", 1)[1]: (note, card) for flds, note, card in found} == {
        question: (time, time) for question, time in times.items()
    }
    connection.close()


def test_the_csv_is_a_table_with_a_header_row(built_site, site, tmp_path):
    text = (built_site / DECK_DIR / CSV).read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["#" + CSV_COLUMNS[0], *CSV_COLUMNS[1:]]  # '#': a comment line to Anki
    assert [row["Number"] for row in rows] == [str(q.number) for q in site.questions]
    assert [html.unescape(row["Title"]) for row in rows] == [q.title for q in site.questions]

    # The same notes as the .apkg: GUID for GUID, field for field, tag for tag.
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, built_site / DECK_DIR / APKG)
    notes = notes_by_url(collection)
    for row in csv.reader(io.StringIO(text.split("\r\n", 1)[1])):
        note = notes[row[CSV_COLUMNS.index("URL")]]
        assert [note.guid, *(note[f] for f in FIELDS)] == row[:-1]
        assert sorted(note.tags) == sorted(row[-1].split())

    # Imported into Anki as the README says, the CSV adds no note and updates none.
    metadata = collection.get_csv_metadata(str(built_site / DECK_DIR / CSV), CsvMetadata.COMMA)
    metadata.is_html = True
    metadata.global_notetype.id = collection.models.by_name(NOTETYPE)["id"]
    del metadata.global_notetype.field_columns[:]
    metadata.global_notetype.field_columns.extend(range(2, len(FIELDS) + 2))
    metadata.guid_column, metadata.tags_column = 1, len(CSV_COLUMNS)
    log = collection.import_csv(ImportCsvRequest(path=str(built_site / DECK_DIR / CSV), metadata=metadata)).log
    assert not log.new and not log.updated and len(log.duplicate) == len(site.questions)
    assert len(collection.find_notes("")) == len(site.questions)
    collection.close()


def test_anki_sorts_the_notes_by_number(built_site, site, tmp_path):
    """The sort field is the Number field; Anki keeps a sort field that holds only a
    number as a number, so 2 comes before 10."""
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, built_site / DECK_DIR / APKG)
    by_sort_field = next(column for column in collection.all_browser_columns() if column.key == "noteFld")
    numbers = [collection.get_note(nid)["Number"] for nid in collection.find_notes("", order=by_sort_field)]
    assert numbers == [str(n) for n in sorted(q.number for q in site.questions)]
    collection.close()


def test_the_home_page_links_both_decks(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in home.select("a.deck-download[download]")}
    assert links == {f"{DECK_DIR}/{APKG}", f"{DECK_DIR}/{CSV}"}


def test_a_build_without_site_url_stops_with_a_plain_message(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "mkdocs.yml: the decks link each question to the hosted site: set site_url" in result.stderr
    assert "Traceback" not in result.stderr


# --- the checker holds the decks to the model --------------------------------------


def run_checker(site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_site.py"), "--site", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def drop_a_note_from_the_apkg(deck: Path) -> None:
    with zipfile.ZipFile(deck / APKG) as archive:
        database = Path(archive.extract("collection.anki2", deck / "unzipped"))
    connection = sqlite3.connect(database)
    connection.execute("delete from notes where flds like '%#dropout'")
    connection.commit()
    connection.close()
    with zipfile.ZipFile(deck / APKG, "w") as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", "{}")


def repeat_a_csv_row(deck: Path) -> None:
    text = (deck / CSV).read_bytes().decode("utf-8")
    row = next(line for line in text.split("\r\n") if '/#dropout","section::' in line)
    (deck / CSV).write_text(text + row + "\r\n", encoding="utf-8", newline="")


DECK_FAULTS = {
    "apkg-missing": (lambda deck: (deck / APKG).unlink(), APKG, "deck was not built"),
    "csv-missing": (lambda deck: (deck / CSV).unlink(), CSV, "deck was not built"),
    "note-dropped": (drop_a_note_from_the_apkg, APKG, "question 9 (dropout) is in the deck 0 times, not once"),
    "row-repeated": (repeat_a_csv_row, CSV, "question 9 (dropout) is in the deck 2 times, not once"),
    "apkg-not-a-zip": (lambda deck: (deck / APKG).write_text("not a zip"), APKG, "deck cannot be read"),
}


@pytest.mark.parametrize("fault", DECK_FAULTS)
def test_checker_reports_a_deck_that_lost_or_repeated_a_question(built_site, tmp_path, fault):
    site_copy = Path(shutil.copytree(built_site, tmp_path / "site"))
    damage, name, message = DECK_FAULTS[fault]
    damage(site_copy / DECK_DIR)
    result = run_checker(site_copy)
    assert result.returncode == 1
    assert re.search(rf"^\S*{DECK_DIR}/{re.escape(name)}:1: {re.escape(message)}", result.stdout, re.M), result.stdout
