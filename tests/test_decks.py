"""The Anki deck and the CSV: opened with Anki's own Python package, held against the
question model, re-imported after an edit, rebuilt byte for byte; and the checker
catches a deck that lost or repeated a question."""

from __future__ import annotations

import csv
import html
import io
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
from conftest import ROOT, copy_project, mkdocs_build
from mkdocs.utils.yaml import yaml_load

from studysite.model.questions import load_site
from studysite.outputs import decks
from studysite.outputs.decks import DECK_NAME, FALLBACK_TIMESTAMP, deck_timestamp, guid, write_decks
from studysite.outputs.names import APKG, CSV, CSV_COLUMNS, DECK_DIR, FIELDS

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
        assert sorted(note.tags) == sorted([f"section::{q.page.removesuffix('.md')}"] + [f"topic::{t}" for t in q.topics]
                                           + [f"role::{r}" for r in q.roles])
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


def build(project: Path, out: Path, timestamp: int = TIMESTAMP, site_url: str = SITE_URL) -> Path:
    write_decks(load_site(project / "docs"), project / "docs", out, site_url, timestamp)
    return out


def edit_short_answer(project: Path, question_id: str, new: str) -> None:
    q = load_site(project / "docs").by_id()[question_id]
    page = project / "docs" / q.page
    page.write_text(page.read_text(encoding="utf-8").replace(q.short, new, 1), encoding="utf-8")


def test_reimporting_an_edited_deck_updates_the_note_and_keeps_its_reviews(tmp_path):
    project = copy_project(tmp_path / "project")
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, build(project, tmp_path / "v1") / APKG)
    note = notes_by_url(collection)[f"{SITE_URL}deep-learning/#dropout"]
    card = note.cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)  # "Good"
    reviewed = collection.get_card(card.id)
    assert reviewed.reps == 1

    edit_short_answer(project, "dropout", "Units are dropped at random while training.")
    log = import_apkg(collection, build(project, tmp_path / "v2", TIMESTAMP + 60) / APKG)
    assert not log.new and log.updated  # Anki counts every newer note as updated
    assert len(collection.find_notes("")) == len(load_site(project / "docs").questions)
    updated = notes_by_url(collection)[f"{SITE_URL}deep-learning/#dropout"]
    assert updated.id == note.id
    assert updated["Short answer"].startswith("<p>Units are dropped at random while training.</p>")
    kept = collection.get_card(card.id)
    assert (kept.reps, kept.ivl, kept.due) == (reviewed.reps, reviewed.ivl, reviewed.due)
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    collection.close()


# As published before key points, and kept: Anki finds a note by its GUID and its note
# type by its fields, so either changing would cost every reader their review history.
PUBLISHED_FIELDS = ["Number", "Title", "Section", "Short answer", "Key formula", "Full answer", "URL"]
PUBLISHED_GUIDS = {"bias-variance": "j;]h%/YP6!", "dropout": "m/$&:g#|c6", "staying-current": "x$j!9Z_O-"}


def test_key_points_reach_the_notes_already_in_anki_and_keep_their_reviews(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    collection = open_collection(tmp_path / "anki")
    with monkeypatch.context() as before:  # the deck as published before key points
        before.setattr(decks, "key_points", lambda question: "")
        import_apkg(collection, build(project, tmp_path / "v1") / APKG)
    note = notes_by_url(collection)[f"{SITE_URL}deep-learning/#dropout"]
    assert note.guid == PUBLISHED_GUIDS["dropout"] and "key-points" not in note["Short answer"]
    card = note.cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)

    log = import_apkg(collection, build(project, tmp_path / "v2", TIMESTAMP + 60) / APKG)
    assert FIELDS == PUBLISHED_FIELDS
    assert not log.new and not log.conflicting and len(log.updated) == len(load_site(project / "docs").questions)
    updated = notes_by_url(collection)[f"{SITE_URL}deep-learning/#dropout"]
    assert updated.id == note.id and "key-points" in updated["Short answer"]
    assert collection.get_card(card.id).reps == 1
    assert {i: guid(q) for i, q in load_site(project / "docs").by_id().items() if i in PUBLISHED_GUIDS} == PUBLISHED_GUIDS
    collection.close()


def test_anki_takes_an_edit_only_from_a_newer_deck(tmp_path):
    """Why the deck timestamp must grow with the sources: Anki's default import updates a
    note only when the incoming one is newer."""
    project = copy_project(tmp_path / "project")
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, build(project, tmp_path / "v1") / APKG)
    edit_short_answer(project, "dropout", "Units are dropped at random while training.")
    log = import_apkg(collection, build(project, tmp_path / "v2") / APKG)
    assert not log.updated and not log.new
    collection.close()


def test_the_deck_timestamp_is_source_date_epoch_or_the_last_commit(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    assert deck_timestamp(ROOT) == int(commit.stdout)
    assert deck_timestamp(tmp_path) == FALLBACK_TIMESTAMP  # not a git checkout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert deck_timestamp(ROOT) == 1_790_000_000


def test_two_builds_give_the_same_bytes(built_site, site_url, tmp_path):
    first, second = build(ROOT, tmp_path / "first"), build(ROOT, tmp_path / "second")
    for name in (APKG, CSV):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with zipfile.ZipFile(first / APKG) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        database = Path(archive.extract("collection.anki2", tmp_path))
    connection = sqlite3.connect(database)
    for table in ("notes", "cards"):
        assert connection.execute(f"select distinct mod from {table}").fetchall() == [(TIMESTAMP,)]
    connection.close()
    # The site's own build writes exactly these bytes, at the sources' timestamp.
    from_site = build(ROOT, tmp_path / "site", deck_timestamp(ROOT), f"{site_url}/")
    for name in (APKG, CSV):
        assert (from_site / name).read_bytes() == (built_site / DECK_DIR / name).read_bytes(), name


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """Anki's '#' header lines, then the rows as Python's csv module reads them."""
    text = path.read_bytes().decode("utf-8")
    lines = text.splitlines(keepends=True)
    count = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    return [line.rstrip("\r\n") for line in lines[:count]], list(csv.reader(io.StringIO("".join(lines[count:]))))


def test_the_csv_has_anki_headers_and_one_row_per_question(built_site, site, tmp_path):
    headers, rows = read_csv(built_site / DECK_DIR / CSV)
    assert headers[:4] == ["#separator:Comma", "#html:true", "#guid column:1", f"#tags column:{len(CSV_COLUMNS)}"]
    assert len(rows) == len(site.questions) and all(len(row) == len(CSV_COLUMNS) for row in rows)
    column = dict(zip(CSV_COLUMNS, zip(*rows)))
    assert column["Number"] == tuple(str(q.number) for q in site.questions)
    assert tuple(map(html.unescape, column["Title"])) == tuple(q.title for q in site.questions)

    # The same notes as the .apkg: GUID for GUID, field for field, tag for tag.
    collection = open_collection(tmp_path / "anki")
    import_apkg(collection, built_site / DECK_DIR / APKG)
    notes = notes_by_url(collection)
    for row in rows:
        note = notes[row[CSV_COLUMNS.index("URL")]]
        assert [note.guid, *(note[f] for f in FIELDS), " ".join(sorted(note.tags))] == [*row[:-1], " ".join(sorted(row[-1].split()))]

    # Anki reads the headers itself, and the CSV imported over the deck adds no note.
    metadata = collection.get_csv_metadata(str(built_site / DECK_DIR / CSV), None)
    assert (metadata.delimiter, metadata.is_html) == (CsvMetadata.COMMA, True)
    assert (metadata.guid_column, metadata.tags_column) == (1, len(CSV_COLUMNS))
    assert list(metadata.column_labels) == CSV_COLUMNS
    log = collection.import_csv(ImportCsvRequest(path=str(built_site / DECK_DIR / CSV), metadata=metadata)).log
    assert not log.new and len(log.duplicate) == len(site.questions)
    assert len(collection.find_notes("")) == len(site.questions)
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
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_site.py"), "--site", str(site_dir)],
                          capture_output=True, text=True, cwd=ROOT)


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
