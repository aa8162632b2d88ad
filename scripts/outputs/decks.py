"""Decks for Anki (.apkg, made with genanki) and for spreadsheets (.csv), from the model.

They need nothing the build makes, so the build runs this file as a command of its own
while it builds the pages (hooks.py), and copies both into site/decks/ after them. One
note per question, with the fields in FIELDS; its tags name the section, the topics and
the roles. The key points follow the short answer in its field: a field of their own
would change the note type, and Anki then skips every published note instead of
updating it (tried with Anki 26.9: 30 notes "conflicting", none updated). The short and
full answers are rendered from their Markdown with the site's own extensions; math stays
TeX between \\( \\) and \\[ \\] for Anki's MathJax; cross-links, downloads and figures
become absolute links to the hosted site, and folded follow-ups become plain headed
sections.

Same sources, same bytes: every id below is derived from a fixed string, and every
timestamp, in the SQLite database and in the zip, is the deck timestamp (see
deck_timestamp()). Anki updates a note on import only when the incoming note is newer,
so that timestamp must grow when the questions change: it is the time of the last git
commit (or SOURCE_DATE_EPOCH when set, the reproducible-builds convention).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import os
import posixpath
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import genanki
import markdown
from markdown.treeprocessors import Treeprocessor

from studysite.model.questions import Question, Site, load_site, page_url
from studysite.outputs.names import APKG, CSV, CSV_COLUMNS, FIELDS

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
# Used when neither SOURCE_DATE_EPOCH nor git can say when the sources last changed.
FALLBACK_TIMESTAMP = 1_767_225_600  # 2026-01-01 00:00 UTC
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold

# The site's Markdown extensions that matter in an answer (mkdocs.yml), minus syntax
# highlighting: Anki has no Pygments stylesheet, so code stays plain <pre><code>.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.arithmatex", "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite",
              "pymdownx.keys", "pymdownx.snippets", "pymdownx.superfences"]
CROSS_LINK = re.compile(r'\{\{\s*q\("(?P<id>[^"]*)"\)\s*\}\}')
# A fence's title="..." needs Pygments; without it the fence would not be recognized.
FENCE_TITLE = re.compile(r'^(?P<indent> *)(?P<fence>`{3,}[\w-]*) title="(?P<title>[^"]*)"', re.M)

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


def write_decks(site: Site, docs_dir: Path, out_dir: Path, site_url: str | None, timestamp: int) -> list[Path]:
    """Write the .apkg and the .csv of the site's questions (parsed from docs_dir) into
    out_dir; return their paths.

    Raises ValueError with a plain message when the decks cannot be made."""
    if site.faults:
        raise ValueError("the question pages have faults:\n" + "\n".join(site.faults))
    if not site_url:
        raise ValueError("mkdocs.yml: the decks link each question to the hosted site: set site_url")
    render = Renderer(site, docs_dir, site_url)
    notes = [note_fields(q, render) for q in site.questions]
    out_dir.mkdir(parents=True, exist_ok=True)
    apkg, table = out_dir / APKG, out_dir / CSV
    apkg.write_bytes(apkg_bytes(site.questions, notes, timestamp))
    table.write_text(csv_text(site.questions, notes), encoding="utf-8", newline="")
    return [apkg, table]


def deck_timestamp(root: Path) -> int:
    """When the sources last changed: SOURCE_DATE_EPOCH, else the last commit's time.

    Edits not yet committed keep the last commit's time: published decks come from commits."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return int(epoch)
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    except OSError:  # no git on this machine
        return FALLBACK_TIMESTAMP
    return int(commit.stdout) if commit.returncode == 0 and commit.stdout.strip() else FALLBACK_TIMESTAMP


def guid(question: Question) -> str:
    """Stable per question id: a newer deck updates the note and keeps its reviews."""
    return genanki.guid_for(ID_SEED, question.id)


def tags(question: Question) -> list[str]:
    """Hierarchical Anki tags (no spaces allowed): the section's page, the topics, the roles."""
    section = question.page.removesuffix(".md")
    return [f"section::{section}"] + [f"topic::{slug}" for slug in question.topics] + [f"role::{slug}" for slug in question.roles]


def key_points(question: Question) -> str:
    """The key points as a list under the short answer, as plain text (they hold no Markdown)."""
    items = "".join(f"<li>{html.escape(point, quote=False)}</li>" for point in question.key_points)
    return f'\n<p class="key-points">Key points an interviewer listens for:</p>\n<ul class="key-points">{items}</ul>'



def hosted_url(site_url: str, page: str) -> str:
    """The hosted URL of a docs-relative page."""
    return site_url.rstrip("/") + "/" + page_url(page)


def question_url(site_url: str, question: Question) -> str:
    return hosted_url(site_url, question.page) + "#" + question.id


def note_fields(q: Question, render: Renderer) -> list[str]:
    """The note's fields, in the order of FIELDS, as HTML."""
    formula = f"\\[{html.escape(q.formula, quote=False)}\\]" if q.formula else ""
    return [
        str(q.number),
        html.escape(q.title, quote=False),
        html.escape(q.section, quote=False),
        render(q.short, q) + key_points(q),
        formula,
        render(q.answer, q),
        question_url(render.site_url, q),
    ]


class Renderer:
    """Renders a question's Markdown as self-contained HTML for a card, with one
    Markdown instance for all of them (setting one up costs more than a conversion)."""

    def __init__(self, site: Site, docs_dir: Path, site_url: str):
        self.by_id, self.site_url = site.by_id(), site_url
        self.markdown = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={
                "pymdownx.arithmatex": {"generic": True},
                "pymdownx.highlight": {"use_pygments": False},
                "pymdownx.snippets": {"base_path": [str(docs_dir)], "check_paths": True},
            },
        )
        self.tree = CardTree(self.markdown, site_url)
        # After the inline patterns (20) have made the links, before unescaping (0).
        self.markdown.treeprocessors.register(self.tree, "card", 5)

    def __call__(self, text: str, q: Question) -> str:
        def cross_link(match: re.Match) -> str:
            if match["id"] not in self.by_id:
                raise ValueError(f"docs/{q.page}: question {q.number} links to unknown question id '{match['id']}'")
            target = self.by_id[match["id"]]
            return f"[{target.number}. {target.title}]({question_url(self.site_url, target)})"

        text = FENCE_TITLE.sub(r"\g<indent>*\g<title>*\n\n\g<indent>\g<fence>", CROSS_LINK.sub(cross_link, text))
        self.tree.page = q.page
        return self.markdown.reset().convert(text)


class CardTree(Treeprocessor):
    """Links made absolute; figures become links, as a card should not fetch from the
    web; follow-ups, folded on the site, become plain headed sections."""

    page = ""  # the page being rendered, set by Renderer

    def __init__(self, md: markdown.Markdown, site_url: str):
        super().__init__(md)
        self.site_url = site_url

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                element.set("href", absolute(element.get("href"), self.page, self.site_url))
            elif element.tag == "img":
                href, alt = absolute(element.get("src", ""), self.page, self.site_url), element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "a", f"Figure: {alt.strip()}"
                element.set("href", href)
            elif element.tag == "details":
                element.tag = "section"
                element.attrib.pop("open", None)
            elif element.tag == "summary":
                element.tag = "h4"


def absolute(href: str, page: str, site_url: str) -> str:
    """A link written in docs/<page> as the hosted site's absolute URL."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if target.endswith(".md"):
        return hosted_url(site_url, target) + fragment
    return site_url.rstrip("/") + "/" + target + fragment


def apkg_bytes(questions: list[Question], notes: list[list[str]], timestamp: int) -> bytes:
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
    for q, fields in zip(questions, notes):
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags(q), guid=guid(q)))
    connection = sqlite3.connect(":memory:")
    # Note and card ids count up from the timestamp in milliseconds, as genanki does.
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
    """The CSV: Anki's header lines, then one quoted row per question (GUID first, tags last)."""
    out = io.StringIO()
    out.write("#separator:Comma\r\n#html:true\r\n")
    out.write(f"#guid column:1\r\n#tags column:{len(CSV_COLUMNS)}\r\n")
    # With the deck's note type in the collection, Anki maps the columns to it by name.
    out.write(f"#notetype:{NOTETYPE}\r\n#deck:{DECK_NAME}\r\n")
    out.write("#columns:" + ",".join(CSV_COLUMNS) + "\r\n")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    for q, fields in zip(questions, notes):
        writer.writerow([guid(q), *fields, " ".join(tags(q))])
    return out.getvalue()


def main() -> int:
    """python -m studysite.outputs.decks DOCS_DIR OUT_DIR SITE_URL TIMESTAMP: the decks of
    the pages in DOCS_DIR, written into OUT_DIR; a plain message and exit status 1 when
    they cannot be made."""
    docs_dir, out_dir, site_url, timestamp = sys.argv[1:]
    try:
        write_decks(load_site(docs_dir), Path(docs_dir), Path(out_dir), site_url, int(timestamp))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
