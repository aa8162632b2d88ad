#!/usr/bin/env python3
"""Check the study site: all 30 questions present and every link resolves.

Without --site, the site is first built into a temporary folder with
`mkdocs build --strict`; with --site DIR, the already built site in DIR is checked.

It exits 0 only when:
  - the section pages parse into the question model without fault (ids, short and full
    answers, related questions, topics; see AUTHORING.md);
  - in the built HTML, questions 1 to 30 each appear exactly once, in their canonical
    section, order and title (scripts/canon.toml), each with a non-empty short answer
    and full answer;
  - every internal link, anchor, image and asset reference in the built HTML resolves,
    every image has alt text, and nothing is loaded from outside the site;
  - every cross-link between questions lands on an existing question;
  - the Anki deck and the CSV in decks/ hold exactly one note per question.

Every fault is printed as "path:line: message", against the Markdown source where one
exists, all faults in one run; the exit code is then 1. The checker reads only files:
it relies on no MkDocs internals, so it keeps working if the site generator changes.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decks import APKG, CSV, CSV_COLUMNS, DECK_DIR, FIELDS  # noqa: E402
from questions import ROOT, Site, canon, display_path, load_site  # noqa: E402

# Attributes that reference another file of the site, by tag.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
# Lines of MkDocs' output: a message that already names "path.md:line:", a log record,
# and the link warnings that the HTML checks report with a line number instead.
LOCATED = re.compile(r"[\w./-]+\.md:\d+: .*")
LOGGED = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<message>.*)")
COVERED = re.compile(r"contains a link .*(not found among documentation files|does not contain an anchor)")
# <link> relations that make the browser fetch something.
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to check (default: build one into a temporary folder)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml of the project (default: %(default)s)")
    args = parser.parse_args(argv)

    docs = args.config.parent / "docs"
    site = load_site(docs)
    faults = list(site.faults)
    if args.site:
        faults += check_built(args.site, docs, site)
    else:
        with tempfile.TemporaryDirectory() as out:
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(args.config), "--site-dir", out],
                capture_output=True,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            if build.returncode != 0 and not site.faults:  # source faults already say why it failed
                faults += build_faults(build.stdout + build.stderr, args.config)
            # Strict mode still writes the whole site before it aborts on warnings.
            if (Path(out) / "index.html").is_file():
                faults += check_built(Path(out), docs, site)

    for fault in faults:
        print(fault)
    if faults:
        print(f"{len(faults)} fault(s) found", file=sys.stderr)
        return 1
    print(f"site OK: {len(site.questions)} questions, all links resolve", file=sys.stderr)
    return 0


def build_faults(output: str, config: Path) -> list[str]:
    """Faults from a failed `mkdocs build --strict`, as path:line where the output says.

    Broken links and anchors are left to the HTML checks, which can name the line."""
    faults = []
    for line in output.splitlines():
        if located := LOCATED.search(line):
            faults.append(located.group(0).rstrip())
        elif (logged := LOGGED.match(line)) and not COVERED.search(logged["message"]):
            if not logged["message"].startswith(("Aborted", "Error reading page")):
                faults.append(f"{display_path(config)}:1: mkdocs: {logged['message']}")
    return list(dict.fromkeys(faults)) or [f"{display_path(config)}:1: mkdocs build --strict failed:\n{output.strip()}"]


def check_built(site_dir: Path, docs: Path, site: Site) -> list[str]:
    site_dir = site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        return [f"{display_path(site_dir)}:1: not a built site (no index.html)"]
    pages = sorted(site_dir.rglob("*.html"))
    return check_questions(site_dir, docs, site) + check_decks(site_dir, site) + [
        fault for page in pages for fault in check_links(page, site_dir, docs, site)
    ]


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def anchors(path: Path) -> frozenset[str]:
    return frozenset(tag["id"] for tag in parse(path).find_all(id=True))


@cache
def source_lines(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").splitlines()


def html_path(page: str) -> str:
    """docs-relative Markdown path -> site-relative HTML path (directory URLs)."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def source_of(html: Path, site_dir: Path, docs: Path) -> Path | None:
    """The Markdown page an HTML page was built from, if there is one."""
    relative = html.relative_to(site_dir).as_posix()
    for candidate in (relative.removesuffix("/index.html") + ".md", relative.removesuffix(".html") + ".md"):
        if (docs / candidate).is_file():
            return docs / candidate
    return None


def line_of(source: Path, *needles: str) -> int:
    lines = source_lines(source)
    for needle in needles:
        if needle.strip('#"'):
            for number, text in enumerate(lines, 1):
                if needle in text:
                    return number
    return 1


def check_questions(site_dir: Path, docs: Path, site: Site) -> list[str]:
    faults = []
    heading_lines = {q.id: q.line for q in site.questions}
    found: dict[int, list[str]] = {}
    for section in canon():
        md = docs / section["page"]
        where = display_path(md)
        page = site_dir / html_path(section["page"])
        if not page.is_file():
            faults.append(f"{where}:1: section '{section['title']}' was not built ({html_path(section['page'])} is missing)")
            continue
        headings = parse(page).select("article h2[id]")
        expected = section["questions"]
        for index, h2 in enumerate(headings):
            line = heading_lines.get(h2["id"], 1)
            text = " ".join(t for t in h2.find_all(string=True, recursive=False)).strip() or h2.get_text(" ", strip=True)
            number_text, _, title = text.partition(". ")
            if not number_text.isdigit():
                faults.append(f"{where}:{line}: heading {text!r} is not a numbered question")
                continue
            number = int(number_text)
            found.setdefault(number, []).append(f"{where}:{line}")
            if index < len(expected) and (number, title) != expected[index]:
                want_number, want_title = expected[index]
                faults.append(f"{where}:{line}: expected question {want_number}. {want_title!r} here, found {number}. {title!r}")
            elif index >= len(expected):
                faults.append(f"{where}:{line}: question {number} does not belong in section '{section['title']}'")
            faults += check_answers(h2, number, f"{where}:{line}")
        for number, title in expected[len(headings):]:
            faults.append(f"{where}:1: question {number}. {title!r} is missing from the built page")
    for number, places in found.items():
        if len(places) > 1:
            faults.append(f"{places[1]}: question {number} appears {len(places)} times (also at {places[0]})")
    return faults


def check_answers(h2, number: int, where: str) -> list[str]:
    """A question's short answer is the paragraph under its heading; its full answer the
    details.answer block before the next heading."""
    short, full = None, None
    for node in h2.find_next_siblings():
        if node.name == "h2":
            break
        if short is None and node.name == "p":
            short = node
        if node.name == "details" and "answer" in node.get("class", []):
            full = node
            break
    faults = []
    if short is None or not short.get_text(strip=True):
        faults.append(f"{where}: question {number} has no short answer in the built page")
    if full is None:
        faults.append(f"{where}: question {number} has no full answer in the built page")
    else:
        summary = full.find("summary")
        body = full.get_text(strip=True).removeprefix(summary.get_text(strip=True) if summary else "")
        if not body:
            faults.append(f"{where}: question {number}'s full answer is empty in the built page")
    return faults


def check_decks(site_dir: Path, site: Site) -> list[str]:
    """Each deck file exists and holds one note per question, found by the id at the end
    of its URL field: a derived output must not silently lose or repeat a question."""
    faults = []
    for name, read in ((APKG, apkg_urls), (CSV, csv_urls)):
        path = site_dir / DECK_DIR / name
        where = f"{display_path(path)}:1"
        if not path.is_file():
            faults.append(f"{where}: deck was not built")
            continue
        try:
            ids = Counter(urlsplit(url).fragment for url in read(path))
        except (OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile, sqlite3.Error) as error:
            faults.append(f"{where}: deck cannot be read: {error}")
            continue
        for q in site.questions:
            if ids[q.id] != 1:
                faults.append(f"{where}: question {q.number} ({q.id}) is in the deck {ids[q.id]} times, not once")
        for unknown in sorted(set(ids) - {q.id for q in site.questions}):
            faults.append(f"{where}: the deck has a note for '{unknown}', which is not a question")
    return faults


def apkg_urls(path: Path) -> list[str]:
    """The URL field of every note in an .apkg (a zip holding an SQLite collection)."""
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
        database = Path(archive.extract("collection.anki2", folder))
        connection = sqlite3.connect(database)
        try:
            rows = connection.execute("SELECT flds FROM notes").fetchall()
        finally:
            connection.close()
    return [flds.split("\x1f")[FIELDS.index("URL")] for (flds,) in rows]


def csv_urls(path: Path) -> list[str]:
    """The URL column of every row of the CSV, below Anki's '#' header lines."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return [row[CSV_COLUMNS.index("URL")] for row in csv.reader(io.StringIO("".join(lines[header:])))]


def loads_resource(tag) -> bool:
    """Would the browser fetch this reference when showing the page?"""
    if tag.name == "a":
        return False
    if tag.name == "link":
        return bool(FETCHING_RELS & set(tag.get("rel", [])))
    return True


def check_links(page: Path, site_dir: Path, docs: Path, site: Site) -> list[str]:
    source = source_of(page, site_dir, docs)
    question_pages = {html_path(s.page) for s in site.sections}
    question_ids = {q.id for q in site.questions}
    faults = []
    for tag in parse(page).find_all(list(REFERENCES)):
        attribute = REFERENCES[tag.name]
        reference = tag.get(attribute)
        if not reference:
            continue
        parts = urlsplit(reference)
        if source:  # point at the Markdown line that most likely wrote this link
            needles = (f"#{parts.fragment}", f'"{parts.fragment}"', Path(parts.path).name)
            where = f"{display_path(source)}:{line_of(source, *needles)}"
        else:
            where = f"{display_path(page)}:{tag.sourceline}"
        if tag.name == "img" and not tag.get("alt", "").strip():
            faults.append(f"{where}: image {reference} has no alt text")
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            continue
        if parts.scheme or parts.netloc:
            if loads_resource(tag):
                faults.append(f"{where}: <{tag.name}> loads {reference} from outside the site")
            continue
        if not parts.path:
            target = page
        else:
            base = site_dir if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
        if not target.is_file():
            faults.append(f"{where}: link to {reference} does not resolve (no {display_path(target)})")
            continue
        if parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in anchors(target):
                faults.append(f"{where}: link to {reference}: no anchor #{parts.fragment} in {display_path(target)}")
                continue
        if "qref" in tag.get("class", []):
            landing = target.relative_to(site_dir).as_posix()
            if landing not in question_pages or parts.fragment not in question_ids:
                faults.append(f"{where}: cross-link {reference} does not land on a question")
    return faults


if __name__ == "__main__":
    sys.exit(main())
