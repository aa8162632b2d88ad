"""The derived pages and files lose nothing: the cheat sheet, the topic index and the home
page's table (one count function each, registered with @derived), the drill cards and
the decks each hold every question once."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from studysite.built_html import Node, text_of
from studysite.model.questions import Site, display_path
from studysite.outputs.names import (
    APKG,
    CARD_BACKS_FILE,
    CARDS_FILE,
    CHEATSHEETS,
    CSV,
    DECK_DIR,
    FIELDS,
    FOLLOW_UPS_FILE,
)

DERIVED: dict[str, tuple[str, str, Callable]] = {}  # built page -> (Markdown source, macro, count function)


def derived(page: str, source: str, macro: str):
    """Register a function (article, site) -> [message] that counts what a derived
    page holds; its faults point at the macro's line in the source."""

    def register(check: Callable) -> Callable:
        DERIVED[page] = (source, macro, check)
        return check

    return register


def count_cheatsheet(article: Node, site: Site, tier: str) -> list[str]:
    """One card per question of the sheet's tier ("core" or "extension"), none other."""
    cards = {}
    for card in article.css("div.cs-question"):
        if number := card.css_first("a.cs-number"):
            cards[(number.attributes.get("href") or "").rsplit("#", 1)[-1]] = text_of(card)
    held = [q for q in site.questions if q.core == (tier == "core")]
    faults = []
    for q in held:
        if q.id not in cards:
            faults.append(f"cheat sheet has no card for question {q.number} ({q.id})")
        elif missing := [word for word in _words(q.short) if word not in cards[q.id]]:
            faults.append(f"cheat sheet card of question {q.number} lacks words of its short answer: {missing[:3]}")
    if len(cards) != len(held):
        faults.append(f"cheat sheet has {len(cards)} cards for its {len(held)} questions")
    return faults


for _sheet, _tier in CHEATSHEETS.items():
    derived(f"{_sheet}/index.html", f"{_sheet}.md", f'cheatsheet("{_tier}")')(
        functools.partial(count_cheatsheet, tier=_tier)
    )


@derived("topics/index.html", "topics.md", "topic_index()")
def count_topics(article: Node, site: Site) -> list[str]:
    headings = {h2.attributes["id"]: h2 for h2 in article.css("h2[id]")}
    faults = []
    for slug, topic in site.topics.items():
        tagged = [q.id for q in site.topic_questions(slug)]
        if not tagged:
            continue
        items = _list_after(headings[slug]) if slug in headings else None
        links = items.css("a.qref") if items else []
        listed = [(a.attributes.get("href") or "").rsplit("#", 1)[-1] for a in links]
        if listed != tagged:
            faults.append(
                f"topic index lists {len(listed)} question(s) under '{topic['name']}', the pages tag {len(tagged)}"
            )
    return faults


@derived("index.html", "index.md", "section_table()")
def count_home(article: Node, site: Site) -> list[str]:
    body = article.css_first("tbody")
    rows = [row.css("td") for row in body.css("tr")] if body else []
    # Each row: the section's title, then how many core questions and how many beyond.
    shown = [
        (text_of(cells[0]), *(text_of(cell).split(" ")[0] for cell in cells[1:3])) for cells in rows if len(cells) > 2
    ]
    expected = [
        (s.title, *(str(_count(s, core)) if _count(s, core) else "–" for core in (True, False))) for s in site.sections
    ]
    if shown != expected:
        return [f"home page's section table shows {shown}, the pages hold {expected}"]
    return []


def _list_after(heading: Node) -> Node | None:
    """The first list after a heading, before the next heading."""
    node = heading.next
    while node is not None and node.tag != "h2":
        if node.tag == "ul":
            return node
        node = node.next
    return None


def _count(section, core: bool) -> int:
    return sum(q.core == core for q in section.questions)


def _words(markdown: str) -> list[str]:
    """Plain words of a short answer (math, link targets and markup left out)."""
    plain = re.sub(r"\$[^$]*\$|\]\([^)]*\)|\{[^}]*\}|<[^>]*>", " ", markdown)
    return re.findall(r"[A-Za-z]{4,}", plain)


def check_cards(site_dir: Path, site: Site) -> list[str]:
    """One drill card per question, none lost, none doubled, none without its back (short
    answer, key points); the follow-ups of every question for the mock interview."""
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
    backs = read_json(site_dir / CARD_BACKS_FILE, "card backs", faults)
    where = f"{display_path(site_dir / CARD_BACKS_FILE)}:1"
    faults += [
        f"{where}: drill card '{i}' has no short answer"
        for i in expected
        if not (backs.get(i) or {}).get("short", "").strip()
    ]
    faults += [
        f"{where}: drill card '{i}' has no key points" for i in expected if not (backs.get(i) or {}).get("points")
    ]
    follow_ups = read_json(site_dir / FOLLOW_UPS_FILE, "follow-ups", faults)
    where = f"{display_path(site_dir / FOLLOW_UPS_FILE)}:1"
    faults += [f"{where}: no follow-ups for question '{i}'" for i in expected if not follow_ups.get(i)]
    return faults


def read_json(path: Path, what: str, faults: list[str]) -> dict:
    """A JSON object the build wrote; {} (and a fault) when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
        faults.append(f"{display_path(path)}:1: {what} are not a JSON object")
    except (OSError, ValueError) as error:
        faults.append(f"{display_path(path)}:1: {what} cannot be read: {error}")
    return {}


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
    """The URL column of every row of the CSV, by its header row."""
    return [row["URL"] for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))]
