#!/usr/bin/env python3
"""Check the study site: every question present, every link resolving, nothing lost.

Without --site, the site is first built into a temporary folder with
`mkdocs build --strict`; with --site DIR, the already built site in DIR is checked.

It exits 0 only when:
  - the section pages parse into the question model without fault (ids, short and full
    answers, related questions, topics; see AUTHORING.md), and mkdocs.yml, overrides/
    and code includes have none either (scripts/source_faults.py);
  - the strict build succeeds (its faults are reported too, with their lines);
  - in the built HTML, every question of scripts/canon.toml appears exactly once, in its
    section, order and title, each with a non-empty short answer and full answer;
  - every internal link, anchor, image and asset reference in the built HTML resolves,
    every image has alt text, and nothing is loaded from outside the site;
  - every cross-link between questions lands on an existing question;
  - the derived pages lose nothing: one cheat-sheet card per question with its short
    answer, every tagged question under its topic, every section's count on the home
    page (one small function each, registered with @derived);
  - the Anki deck and the CSV in decks/ hold exactly one note per question;
  - the drill cards (assets/cards.json) hold exactly one card per question, each with
    its short answer and key points; assets/followups.json holds every question's
    follow-ups.

Every fault is printed as "path:line: message", against the Markdown source where one
exists, all faults in one run; the exit code is then 1. The checker reads only files:
it relies on no MkDocs internals, so it keeps working if the site generator changes.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit


sys.path.insert(0, str(Path(__file__).resolve().parent))
import source_faults  # noqa: E402
from cards import CARDS_FILE, FOLLOW_UPS_FILE  # noqa: E402
from decks import APKG, CSV, CSV_COLUMNS, DECK_DIR, FIELDS  # noqa: E402
from questions import ROOT, Site, TomlFault, canon, display_path, load_site, page_url  # noqa: E402

# Attributes that reference another file of the site, by tag.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
# Lines of MkDocs' output: a message that already names "path.md:line:", a log record,
# and the link warnings that the HTML checks report with a line number instead.
LOCATED = re.compile(r"[\w./-]+\.(?:md|yml|yaml|html|toml|py):\d+: .*")
LOGGED = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<message>.*)")
COVERED = re.compile(r"contains a link .*(not found among documentation files|does not contain an anchor)")
# The HTML the checks need, read with regular expressions: a site of thousands of
# questions is too big to turn into trees in time (Material's pages are well-formed).
TAG = re.compile(r"<(?P<name>a|link|script|img|source|iframe)\b(?P<attributes>[^>]*)>", re.I)
ATTRIBUTE = re.compile(r"""(?P<key>[\w:-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
ID = re.compile(r"""\sid\s*=\s*["']([^"']*)["']""")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
HEADING = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h2>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
ANSWER = re.compile(r'<details class="[^"]*\banswer\b[^"]*"[^>]*>.*?</summary>(?P<body>.*?)</details>', re.S)
PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<inner>.*?)</p>", re.S)
MARKUP = re.compile(r"<[^>]+>")
# Elements that hold content without holding text.
CONTENT = re.compile(r"<(?:math|img|pre|table|svg)\b")
# <link> relations that make the browser fetch something.
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to check (default: build one into a temporary folder)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml of the project (default: %(default)s)")
    parser.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", "/"),
        help="the site's address, as the build was given it; links starting with its path "
        "(/<repo>/ on a project page) lead into the site (default: $SITE_URL, else /)",
    )
    args = parser.parse_args(argv)
    root = urlsplit(args.site_url).path or "/"

    docs = args.config.parent / "docs"
    site = load_site(docs)
    faults = site.faults + source_faults.all_faults(args.config)
    if args.site:
        faults += check_built(args.site, docs, site, args.config, root)
    else:
        with tempfile.TemporaryDirectory() as out:
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(args.config), "--site-dir", out],
                capture_output=True,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            if build.returncode != 0:
                faults += build_faults(build.stdout + build.stderr, args.config)
            # Strict mode still writes the whole site before it aborts on warnings.
            if (Path(out) / "index.html").is_file():
                faults += check_built(Path(out), docs, site, args.config, root)
    faults = list(dict.fromkeys(faults))
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
        if COVERED.search(line):
            continue
        if located := LOCATED.search(line):
            faults.append(located.group(0).rstrip())
        elif logged := LOGGED.match(line):
            if not logged["message"].startswith(("Aborted", "Error reading page", "the question pages have faults")):
                faults.append(f"{display_path(config)}:1: mkdocs: {logged['message']}")
    return list(dict.fromkeys(faults)) or [f"{display_path(config)}:1: mkdocs build --strict failed:\n{output.strip()}"]


def check_built(site_dir: Path, docs: Path, site: Site, config: Path, root: str = "/") -> list[str]:
    """One pass over the pages (each read once, keeping only its anchors and references),
    then the links, whose targets' anchors are known by then. `root` is the path the site
    is served under."""
    site_dir = site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        return [f"{display_path(site_dir)}:1: not a built site (no index.html)"]
    try:
        sections = {html_path(section["page"]): section for section in canon()}
    except TomlFault:
        return []  # already reported: without the canon there is nothing to hold the pages to
    anchors: dict[Path, frozenset[str]] = {}
    references: dict[Path, list[tuple]] = {}
    faults, found = [], {}
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        relative = page.relative_to(site_dir).as_posix()
        article = ARTICLE.search(text)
        anchors[page] = frozenset(html.unescape(match) for match in ID.findall(text))
        references[page] = list(_references(text, article.span() if article else (0, 0)))
        if relative in sections:
            faults += check_questions(article[0] if article else "", sections[relative], docs, site, found)
        if relative in DERIVED:
            source, macro, check = DERIVED[relative]
            where = f"{display_path(docs / source)}:{line_of(docs / source, macro)}"
            faults += [f"{where}: {message}" for message in check(article[0] if article else "", site)]
    for number, places in found.items():
        if len(places) > 1:
            faults.append(f"{places[1]}: question {number} appears {len(places)} times (also at {places[0]})")
    built = {page.relative_to(site_dir).as_posix() for page in anchors}
    for relative, section in sections.items():
        if relative not in built:
            faults.append(f"{display_path(docs / section['page'])}:1: section '{section['title']}' was not built ({relative} is missing)")
    faults += check_cards(site_dir, site) + check_decks(site_dir, site)
    checked: set[tuple] = set()  # the theme's own links are the same on every page: check each once
    for page, refs in references.items():
        faults += check_links(page, refs, site_dir, docs, site, anchors, config, checked, root)
    return list(dict.fromkeys(faults))


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(MARKUP.sub(" ", fragment)).split())


def attributes(tag_attributes: str) -> dict[str, str]:
    return {m["key"].lower(): html.unescape(m["double"] if m["double"] is not None else m["single"])
            for m in ATTRIBUTE.finditer(tag_attributes)}


def tags(fragment: str, name: str):
    """The attributes of every <name> tag in an HTML fragment."""
    for match in TAG.finditer(fragment):
        if match["name"].lower() == name:
            yield attributes(match["attributes"])


# --- derived pages: each must hold everything the model says ------------------------

DERIVED: dict[str, tuple[str, str, Callable]] = {}  # built page -> (Markdown source, macro, count function)


def derived(page: str, source: str, macro: str):
    """Register a function (article HTML, site) -> [message] that counts what a derived
    page holds; its faults point at the macro's line in the source."""
    def register(check: Callable) -> Callable:
        DERIVED[page] = (source, macro, check)
        return check
    return register


@derived("cheatsheet/index.html", "cheatsheet.md", "cheatsheet()")
def count_cheatsheet(article: str, site: Site) -> list[str]:
    cards = {}
    for card in article.split('<div class="cs-question">')[1:]:
        number = next((a for a in tags(card, "a") if "cs-number" in a.get("class", "").split()), None)
        if number:
            cards[number.get("href", "").rsplit("#", 1)[-1]] = text_of(card)
    faults = []
    for q in site.questions:
        if q.id not in cards:
            faults.append(f"cheat sheet has no card for question {q.number} ({q.id})")
        elif missing := [word for word in _words(q.short) if word not in cards[q.id]]:
            faults.append(f"cheat sheet card of question {q.number} lacks words of its short answer: {missing[:3]}")
    if len(cards) != len(site.questions):
        faults.append(f"cheat sheet has {len(cards)} cards for {len(site.questions)} questions")
    return faults


@derived("topics/index.html", "topics.md", "topic_index()")
def count_topics(article: str, site: Site) -> list[str]:
    blocks = {match["id"]: match.end() for match in HEADING.finditer(article)}
    faults = []
    for slug, topic in site.topics.items():
        tagged = [q.id for q in site.topic_questions(slug)]
        if not tagged:
            continue
        start = blocks.get(slug)
        items = article[start : article.find("</ul>", start)] if start is not None else ""
        listed = [a["href"].rsplit("#", 1)[-1] for a in tags(items, "a") if "qref" in a.get("class", "").split()]
        if listed != tagged:
            faults.append(f"topic index lists {len(listed)} question(s) under '{topic['name']}', the pages tag {len(tagged)}")
    return faults


@derived("index.html", "index.md", "section_table()")
def count_home(article: str, site: Site) -> list[str]:
    body = article[article.find("<tbody>") : article.find("</tbody>")]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    shown = [(text_of(cells[0]), text_of(cells[1]).split(" ")[0]) for cells in rows if len(cells) > 1]
    expected = [(s.title, str(len(s.questions))) for s in site.sections]
    if shown != expected:
        return [f"home page's section table shows {shown}, the pages hold {expected}"]
    return []


def _words(markdown: str) -> list[str]:
    """Plain words of a short answer (math, link targets and markup left out)."""
    plain = re.sub(r"\$[^$]*\$|\]\([^)]*\)|\{[^}]*\}|<[^>]*>", " ", markdown)
    return re.findall(r"[A-Za-z]{4,}", plain)


def check_cards(site_dir: Path, site: Site) -> list[str]:
    """One drill card per question, none lost, none doubled, none without its answer or key
    points; the follow-ups of every question for the mock interview."""
    path = site_dir / CARDS_FILE
    where = f"{display_path(path)}:1"
    try:
        cards = json.loads(path.read_text(encoding="utf-8"))["cards"]
        ids = [card["id"] for card in cards]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{where}: drill cards cannot be read: {error}"]
    faults = []
    expected = [q.id for q in site.questions]
    if len(ids) != len(expected):
        faults.append(f"{where}: {len(ids)} drill cards for {len(expected)} questions")
    faults += [f"{where}: no drill card for question '{i}'" for i in expected if i not in ids]
    faults += [f"{where}: drill card '{i}' is not a question" for i in dict.fromkeys(ids) if i not in expected]
    faults += [f"{where}: drill card '{c['id']}' has no short answer" for c in cards if not c.get("short", "").strip()]
    faults += [f"{where}: drill card '{c['id']}' has no key points" for c in cards if not c.get("points")]
    path = site_dir / FOLLOW_UPS_FILE
    where = f"{display_path(path)}:1"
    try:
        follow_ups = json.loads(path.read_text(encoding="utf-8"))
        faults += [f"{where}: no follow-ups for question '{i}'" for i in expected if not follow_ups.get(i)]
    except (OSError, ValueError, AttributeError) as error:
        faults.append(f"{where}: follow-ups cannot be read: {error}")
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


def html_path(page: str) -> str:
    """docs-relative Markdown path -> site-relative HTML path (directory URLs)."""
    return page_url(page) + "index.html"


def source_of(html_file: Path, site_dir: Path, docs: Path) -> Path | None:
    """The Markdown page an HTML page was built from, if there is one."""
    relative = html_file.relative_to(site_dir).as_posix()
    for candidate in (relative.removesuffix("/index.html") + ".md", relative.removesuffix(".html") + ".md"):
        if (docs / candidate).is_file():
            return docs / candidate
    return None


@cache
def source_lines(source: Path) -> list[str]:
    return source.read_text(encoding="utf-8").splitlines()


def line_of(source: Path, *needles: str) -> int:
    lines = source_lines(source)
    for needle in needles:
        if needle.strip('#"'):
            for number, text in enumerate(lines, 1):
                if needle in text:
                    return number
    return 1


def check_questions(article: str, section: dict, docs: Path, site: Site, found: dict[int, list[str]]) -> list[str]:
    """A section page's questions: canonical number, title and place, each with a short
    answer (the first paragraph under the heading) and a non-empty full answer."""
    faults = []
    heading_lines = {q.id: q.line for q in site.questions if q.page == section["page"]}
    where = display_path(docs / section["page"])
    headings = list(HEADING.finditer(article))
    expected = section["questions"]
    for index, h2 in enumerate(headings):
        line = heading_lines.get(h2["id"], 1)
        text = text_of(HEADERLINK.sub("", h2["inner"]))
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
        end = headings[index + 1].start() if index + 1 < len(headings) else len(article)
        faults += check_answers(article[h2.end() : end], number, f"{where}:{line}")
    for number, title in expected[len(headings):]:
        faults.append(f"{where}:1: question {number}. {title!r} is missing from the built page")
    return faults


def check_answers(block: str, number: int, where: str) -> list[str]:
    """A question's short answer is the paragraph under its heading; its full answer the
    details.answer block before the next heading."""
    full = ANSWER.search(block)
    short = PARAGRAPH.search(block, 0, full.start() if full else len(block))
    faults = []
    if short is None or not (text_of(short["inner"]) or CONTENT.search(short["inner"])):
        faults.append(f"{where}: question {number} has no short answer in the built page")
    if full is None:
        faults.append(f"{where}: question {number} has no full answer in the built page")
    elif not (text_of(full["body"]) or CONTENT.search(full["body"])):
        faults.append(f"{where}: question {number}'s full answer is empty in the built page")
    return faults


def _references(text: str, article: tuple[int, int]):
    """(tag, reference, classes, alt, offset, in the theme's chrome, fetched by the browser)
    for every reference of a page."""
    for match in TAG.finditer(text):
        name = match["name"].lower()
        found = attributes(match["attributes"])
        if reference := found.get(REFERENCES[name]):
            chrome = not article[0] <= match.start() < article[1]
            rels = set(found.get("rel", "").split())
            fetched = name != "a" and (name != "link" or bool(FETCHING_RELS & rels))
            classes = tuple(found.get("class", "").split())
            yield name, reference, classes, found.get("alt"), match.start(), chrome, fetched


def check_links(page, refs, site_dir, docs, site, anchors, config, checked, root="/") -> list[str]:
    """Faults in the links of one page; `root` is the path the site is served under."""
    source = source_of(page, site_dir, docs)
    question_pages = {html_path(s.page) for s in site.sections}
    question_ids = {q.id for q in site.questions}
    faults = []
    for name, reference, classes, alt, offset, chrome, fetched in refs:
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc or not parts.path:
            target = page
        else:
            path = unquote(parts.path)
            if path.startswith("/"):  # from the server's root: inside the site only under root
                base, path = site_dir, path.removeprefix(root.rstrip("/"))
            else:
                base = page.parent
            target = Path(os.path.normpath(base / path.lstrip("/")))
        if chrome:  # the theme's links are the same on every page: check each target once
            key = (name, parts.scheme, parts.netloc, target, parts.fragment, alt is None)
            if key in checked:
                continue
            checked.add(key)

        def where() -> str:
            """The source line that most likely wrote the reference: looked up only for a fault."""
            if chrome:  # the theme's links come from mkdocs.yml (stylesheets, scripts, nav)
                return f"{display_path(config)}:{line_of(config, Path(parts.path).name or reference)}"
            if source:
                needles = (f"#{parts.fragment}", f'"{parts.fragment}"', Path(parts.path).name)
                return f"{display_path(source)}:{line_of(source, *needles)}"
            return f"{display_path(page)}:{page.read_text(encoding='utf-8').count(chr(10), 0, offset) + 1}"

        if name == "img" and not (alt or "").strip():
            faults.append(f"{where()}: image {reference} has no alt text")
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            continue
        if parts.scheme or parts.netloc:
            if fetched:
                faults.append(f"{where()}: <{name}> loads {reference} from outside the site")
            continue
        if parts.path and (parts.path.endswith("/") or target.is_dir()):
            target = target / "index.html"
        if target not in anchors and not target.is_file():
            faults.append(f"{where()}: link to {reference} does not resolve (no {display_path(target)})")
            continue
        if parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in anchors.get(target, frozenset()):
                faults.append(f"{where()}: link to {reference}: no anchor #{parts.fragment} in {display_path(target)}")
                continue
        if "qref" in classes:
            landing = target.relative_to(site_dir).as_posix()
            if landing not in question_pages or parts.fragment not in question_ids:
                faults.append(f"{where()}: cross-link {reference} does not land on a question")
    return faults


if __name__ == "__main__":
    sys.exit(main())
