"""Decks for Anki (.apkg, made with genanki) and for spreadsheets (.csv), one note per
question with the fields in FIELDS, written into site/decks/ after the build (hooks.py).

Their text is the site's own: each section page as the build rendered it from Markdown,
before math is typeset, made fit for a card by deck_html.py; the key points come from
the question model.

Same sources, same bytes: every id below is derived from a fixed string, the zip's dates
are fixed, and each note carries the time its fields last changed (note_times.py), so
that importing a newer deck into Anki updates exactly the notes that changed.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import sqlite3
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import genanki

from studysite.model.questions import Question, Site, page_url
from studysite.outputs.deck_html import question_html
from studysite.outputs.names import APKG, CSV, CSV_COLUMNS, FIELDS
from studysite.outputs.note_times import note_times

DECK_NAME = "ML Interview Prep"
NOTETYPE = f"{DECK_NAME} question"

# Anki ids are integers that must never change once published: a new model id would
# make Anki add a second note type and duplicate every note. They are derived from this
# fixed string (and the GUIDs from it plus the question id), never drawn at random.
ID_SEED = "ml-interview-prep"


def stable_id(kind: str) -> int:
    """An id in [2**30, 2**31), the range genanki recommends, from ID_SEED and `kind`."""
    digest = hashlib.sha256(f"{ID_SEED} {kind}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


MODEL_ID = stable_id("model")
DECK_ID = stable_id("deck")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold

FRONT = """<div class="meta">{{Number}} · {{Section}}</div>
<div class="title">{{Title}}</div>"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="short">{{Short answer}}</div>
{{#Key formula}}<div class="formula">{{Key formula}}</div>{{/Key formula}}
<h3>Full answer</h3>
{{Full answer}}
<p class="source"><a href="{{URL}}">Open question {{Number}} on the site</a></p>"""
CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;
  text-align: left; max-width: 40em; margin: 0 auto; }
.meta { font-size: 0.8em; opacity: 0.7; }
.title { font-size: 1.3em; font-weight: bold; }
.short { font-size: 1.1em; }
p.key-points { margin-bottom: 0.2em; font-size: 0.8em; font-weight: bold; }
ul.key-points { margin-top: 0; font-size: 0.9em; }
pre { overflow-x: auto; font-size: 0.85em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #8888; padding: 0.2em 0.5em; }"""


class DeckError(Exception):
    """The decks cannot be made; the message says why, for the author."""


class DeckBuild:
    """The decks, started with each build (the note times need only the sources and
    git, so they are worked out while the pages build), given each page as rendered,
    written after it."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.times: Future | None = None

    def start(self, site: Site, docs_dir: Path) -> None:
        pool = ThreadPoolExecutor(max_workers=1)
        self.times = pool.submit(note_times, site, docs_dir)
        pool.shutdown(wait=False)  # the dating goes on; the pool takes no more

    def keep(self, page: str, page_html: str) -> None:
        """A page's HTML as rendered from its Markdown, before math is typeset. Kept across
        the builds of `mkdocs serve`, which may render only the pages that changed."""
        self.pages[page] = page_html

    def finish(self, site: Site, out_dir: Path, site_url: str | None) -> list[Path]:
        return write_decks(site, self.pages, out_dir, site_url, self.times.result())


def write_decks(site: Site, pages: dict[str, str], out_dir: Path, site_url: str | None,
                times: dict[str, int]) -> list[Path]:
    """Write the .apkg and the .csv of the site's questions into out_dir, from `pages`
    (section page -> its HTML as rendered, before math) and `times` (question id -> when
    its note last changed); return their paths."""
    if not site_url:
        raise DeckError("mkdocs.yml: the decks link each question to the hosted site: set site_url")
    notes = []
    for section in site.sections:
        url = hosted_url(site_url, section.page)
        found = question_html(pages.get(section.page, ""), url)
        for q in section.questions:
            if q.id not in found:
                raise DeckError(f"docs/{q.page}: question {q.number} is not in the rendered page with its full answer")
            notes.append(note_fields(q, *found[q.id], url))
    out_dir.mkdir(parents=True, exist_ok=True)
    apkg, table = out_dir / APKG, out_dir / CSV
    apkg.write_bytes(apkg_bytes(site.questions, notes, [times[q.id] for q in site.questions]))
    table.write_text(csv_text(site.questions, notes), encoding="utf-8", newline="")
    return [apkg, table]


def guid(question: Question) -> str:
    """Stable per question id: a newer deck updates the note and keeps its reviews."""
    return genanki.guid_for(ID_SEED, question.id)


def tags(question: Question) -> list[str]:
    """Hierarchical Anki tags (no spaces allowed): the section's page, the topics, the roles."""
    section = question.page.removesuffix(".md")
    return (
        [f"section::{section}"]
        + [f"topic::{slug}" for slug in question.topics]
        + [f"role::{slug}" for slug in question.roles]
    )


def hosted_url(site_url: str, page: str) -> str:
    """The hosted URL of a docs-relative page."""
    return site_url.rstrip("/") + "/" + page_url(page)


def key_points(question: Question) -> str:
    """The key points as a list under the short answer, as plain text (they hold no Markdown)."""
    items = "".join(f"<li>{html.escape(point, quote=False)}</li>" for point in question.key_points)
    return f'\n<p class="key-points">Key points an interviewer listens for:</p>\n<ul class="key-points">{items}</ul>'


def note_fields(q: Question, short: str, formula: str, answer: str, url: str) -> list[str]:
    """The note's fields, in the order of FIELDS, as HTML. The key points follow the short
    answer in its field: a field of their own would change the note type, and Anki then
    skips every published note instead of updating it."""
    return [
        str(q.number),
        html.escape(q.title, quote=False),
        html.escape(q.section, quote=False),
        short + key_points(q),
        formula,
        answer,
        f"{url}#{q.id}",
    ]


class DatedNote(genanki.Note):
    """A note that carries its own modification time: genanki gives every note the package's."""

    def __init__(self, modified: int, **kwargs):
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def apkg_bytes(questions: list[Question], notes: list[list[str]], times: list[int]) -> bytes:
    """The .apkg: genanki fills the collection; the zip is written here, with fixed dates.

    genanki's Package.write_to_file would stamp the zip entries with the current time
    (and leave its temporary database file behind), so this calls Package.write_to_db
    on a database in memory and zips that itself."""
    model = genanki.Model(
        MODEL_ID,
        NOTETYPE,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Recall", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=f"{len(questions)} machine-learning interview questions.")
    for q, fields, modified in zip(questions, notes, times):
        deck.add_note(DatedNote(modified, model=model, fields=fields, tags=tags(q), guid=guid(q)))
    connection = sqlite3.connect(":memory:")
    # The note type and the deck change when any note does. Note and card ids count up
    # from that time in milliseconds, as genanki does.
    timestamp = max(times, default=0)
    genanki.Package(deck).write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
    connection.commit()
    collection = connection.serialize()  # the database file's bytes
    connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.create_system = 3  # Unix, whatever machine builds it
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def csv_text(questions: list[Question], notes: list[list[str]]) -> str:
    """The CSV: a header row naming the columns, then one row per question (GUID first,
    tags last), every field quoted. The header row starts with '#', which Anki's importer
    reads as a comment line: spreadsheets and csv.DictReader see the column names, and
    Anki does not take them for a note."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    out.write(",".join(["#" + CSV_COLUMNS[0], *CSV_COLUMNS[1:]]) + "\r\n")
    for q, fields in zip(questions, notes):
        writer.writerow([guid(q), *fields, " ".join(tags(q))])
    return out.getvalue()
