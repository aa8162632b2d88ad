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
  - every cross-link between questions lands on an existing question.

Every fault is printed as "path:line: message", against the Markdown source where one
exists, all faults in one run; the exit code is then 1. The checker reads only files:
it relies on no MkDocs internals, so it keeps working if the site generator changes.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import source_faults  # noqa: E402
from questions import ROOT, Site, TomlFault, canon, display_path, load_site  # noqa: E402

# Attributes that reference another file of the site, by tag.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
# Lines of MkDocs' output: a message that already names "path.md:line:", a log record,
# and the link warnings that the HTML checks report with a line number instead.
LOCATED = re.compile(r"[\w./-]+\.(?:md|yml|yaml|html|toml|py):\d+: .*")
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
    faults = site.faults + source_faults.config_faults(args.config)
    if args.site:
        faults += check_built(args.site, docs, site, args.config)
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
                faults += check_built(Path(out), docs, site, args.config)
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


def check_built(site_dir: Path, docs: Path, site: Site, config: Path) -> list[str]:
    """One pass over the pages (each parsed once, then dropped), then the links, whose
    targets' anchors are known by then."""
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
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        relative = page.relative_to(site_dir).as_posix()
        anchors[page] = frozenset(tag["id"] for tag in soup.find_all(id=True))
        references[page] = list(_references(soup))
        if relative in sections:
            faults += check_questions(soup, sections[relative], docs, site, found)
        if relative in DERIVED:
            source, macro, check = DERIVED[relative]
            where = f"{display_path(docs / source)}:{line_of(docs / source, macro)}"
            faults += [f"{where}: {message}" for message in check(soup, site)]
    for number, places in found.items():
        if len(places) > 1:
            faults.append(f"{places[1]}: question {number} appears {len(places)} times (also at {places[0]})")
    built = {page.relative_to(site_dir).as_posix() for page in anchors}
    for relative, section in sections.items():
        if relative not in built:
            faults.append(f"{display_path(docs / section['page'])}:1: section '{section['title']}' was not built ({relative} is missing)")
    checked: set[tuple] = set()  # the theme's own links are the same on every page: check each once
    for page, refs in references.items():
        faults += check_links(page, refs, site_dir, docs, site, anchors, config, checked)
    return list(dict.fromkeys(faults))


# --- derived pages: each must hold everything the model says ------------------------

DERIVED: dict[str, tuple[str, str, Callable]] = {}  # built page -> (Markdown source, macro, count function)


def derived(page: str, source: str, macro: str):
    """Register a function (soup, site) -> [message] that counts what a derived page
    holds; its faults point at the macro's line in the source."""
    def register(check: Callable) -> Callable:
        DERIVED[page] = (source, macro, check)
        return check
    return register


@derived("cheatsheet/index.html", "cheatsheet.md", "cheatsheet()")
def count_cheatsheet(soup, site: Site) -> list[str]:
    cards = {card.select_one("a.cs-number")["href"].rsplit("#", 1)[-1]: card
             for card in soup.select("div.cs-question") if card.select_one("a.cs-number")}
    faults = []
    for q in site.questions:
        card = cards.get(q.id)
        if card is None:
            faults.append(f"cheat sheet has no card for question {q.number} ({q.id})")
        elif missing := [word for word in _words(q.short) if word not in card.get_text(" ")]:
            faults.append(f"cheat sheet card of question {q.number} lacks its short answer's words {missing[:3]}")
    if len(cards) != len(site.questions):
        faults.append(f"cheat sheet has {len(cards)} cards for {len(site.questions)} questions")
    return faults


@derived("topics/index.html", "topics.md", "topic_index()")
def count_topics(soup, site: Site) -> list[str]:
    faults = []
    for slug, topic in site.topics.items():
        tagged = [q.id for q in site.topic_questions(slug)]
        heading = soup.find("h2", id=slug)
        if not tagged:
            continue
        listed = [a["href"].rsplit("#", 1)[-1] for a in heading.find_next("ul").select("a.qref")] if heading else []
        if listed != tagged:
            faults.append(f"topic index lists {len(listed)} question(s) under '{topic['name']}', the pages tag {len(tagged)}")
    return faults


@derived("index.html", "index.md", "section_table()")
def count_home(soup, site: Site) -> list[str]:
    rows = [row.select("td") for row in soup.select("article table tbody tr")]
    shown = [(cells[0].get_text(strip=True), cells[1].get_text(strip=True).split(" ")[0]) for cells in rows if len(cells) > 1]
    expected = [(s.title, str(len(s.questions))) for s in site.sections]
    if shown != expected:
        return [f"home page's section table shows {shown}, the pages hold {expected}"]
    return []


def _words(markdown: str) -> list[str]:
    """Plain words of a short answer (math, link targets and markup left out)."""
    text = re.sub(r"\$[^$]*\$|\]\([^)]*\)|\{[^}]*\}|<[^>]*>", " ", markdown)
    return [word for word in re.findall(r"[A-Za-z]{4,}", text)]


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


def check_questions(soup, section: dict, docs: Path, site: Site, found: dict[int, list[str]]) -> list[str]:
    faults = []
    heading_lines = {q.id: q.line for q in site.questions}
    where = display_path(docs / section["page"])
    headings = soup.select("article h2[id]")
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


def _references(soup):
    """(tag, reference, classes, alt, line, in the theme's chrome, fetched by the browser)
    for every reference."""
    for tag in soup.find_all(list(REFERENCES)):
        if reference := tag.get(REFERENCES[tag.name]):
            chrome = tag.find_parent("article") is None
            fetched = tag.name != "a" and (tag.name != "link" or bool(FETCHING_RELS & set(tag.get("rel", []))))
            yield tag.name, reference, tuple(tag.get("class", [])), tag.get("alt"), tag.sourceline, chrome, fetched


def check_links(page, refs, site_dir, docs, site, anchors, config, checked) -> list[str]:
    source = source_of(page, site_dir, docs)
    question_pages = {html_path(s.page) for s in site.sections}
    question_ids = {q.id for q in site.questions}
    faults = []
    for name, reference, classes, alt, sourceline, chrome, fetched in refs:
        if chrome:
            key = (name, reference, None if reference.startswith(("/", "http")) else page.parent)
            if key in checked:
                continue
            checked.add(key)
        parts = urlsplit(reference)

        def where() -> str:
            """The source line that most likely wrote the reference: looked up only for a fault."""
            if chrome:  # the theme's links come from mkdocs.yml (stylesheets, scripts, nav)
                return f"{display_path(config)}:{line_of(config, Path(parts.path).name or reference)}"
            if source:
                needles = (f"#{parts.fragment}", f'"{parts.fragment}"', Path(parts.path).name)
                return f"{display_path(source)}:{line_of(source, *needles)}"
            return f"{display_path(page)}:{sourceline}"

        if name == "img" and not (alt or "").strip():
            faults.append(f"{where()}: image {reference} has no alt text")
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            continue
        if parts.scheme or parts.netloc:
            if fetched:
                faults.append(f"{where()}: <{name}> loads {reference} from outside the site")
            continue
        if not parts.path:
            target = page
        else:
            base = site_dir if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
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
