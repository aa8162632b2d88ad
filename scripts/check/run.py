"""Check the study site: every question present, every link resolving, nothing lost.

Without --site, the site is first built into a temporary folder with
`mkdocs build --strict`; with --site DIR, the already built site in DIR is checked.

It exits 0 only when:
  - the section pages parse into the question model without fault (ids, short and full
    answers, related questions, topics; see AUTHORING.md), and mkdocs.yml, overrides/
    and code includes have none either (build/source_faults.py);
  - the strict build succeeds (its faults are reported too, with their lines);
  - in the built HTML, every question of scripts/canon.toml appears exactly once, in its
    section, order and title, each with a non-empty short answer and full answer;
  - every internal link, anchor, image and asset reference in the built HTML resolves,
    every image has alt text, and nothing is loaded from outside the site;
  - every cross-link between questions lands on an existing question;
  - the derived pages lose nothing: one cheat-sheet card per question with its short
    answer, every tagged question under its topic, every section's count on the home
    page (one small function each, registered with @derived in derived.py);
  - the Anki deck and the CSV in decks/ hold exactly one note per question;
  - the drill cards (assets/cards.json) hold exactly one card per question, each with
    its back (short answer and key points, assets/card-backs.json) and its follow-ups
    (assets/followups.json).

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
from pathlib import Path
from urllib.parse import urlsplit

from studysite.build import source_faults
from studysite.built_html import parse
from studysite.check.derived import DERIVED, check_cards, check_decks
from studysite.check.html import html_path, line_of
from studysite.check.links import check_links, page_references
from studysite.check.pages import check_questions
from studysite.model.questions import Site, TomlFault, canon, data_dir, display_path, load_site

# Lines of MkDocs' output: a message that already names "path.md:line:", a log record,
# and the link warnings that the HTML checks report with a line number instead.
LOCATED = re.compile(r"[\w./-]+\.(?:md|yml|yaml|html|toml|py):\d+: .*")
LOGGED = re.compile(r"^(?:WARNING|ERROR)\s+-\s+(?P<message>.*)")
COVERED = re.compile(r"contains a link .*(not found among documentation files|does not contain an anchor)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to check (default: build one into a temporary folder)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="mkdocs.yml of the project (default: the one in this folder)")
    parser.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", "/"),
        help="the site's address, as the build was given it; links starting with its path "
        "(/<repo>/ on a project page) lead into the site (default: $SITE_URL, else /)",
    )
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"{args.config} does not exist: run this in the project's folder, or give --config")
    root = urlsplit(args.site_url).path or "/"

    docs = args.config.parent / "docs"
    site = load_site(docs)
    faults = site.faults + source_faults.all_faults(args.config)
    if args.site:
        faults += check_built(args.site, docs, site, args.config, root)
    else:
        with tempfile.TemporaryDirectory() as out:
            build = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--config-file",
                    str(args.config),
                    "--site-dir",
                    out,
                ],
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
    """One pass over the pages (each parsed once, keeping only its anchors and references),
    then the links, whose targets' anchors are known by then. `root` is the path the site
    is served under."""
    site_dir = site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        return [f"{display_path(site_dir)}:1: not a built site (no index.html)"]
    try:
        sections = {html_path(section["page"]): section for section in canon(data_dir(docs))}
    except TomlFault:
        return []  # already reported: without the canon there is nothing to hold the pages to
    anchors: dict[Path, frozenset[str]] = {}
    references: dict[Path, list[tuple]] = {}
    faults, found = [], {}
    for page in sorted(site_dir.rglob("*.html")):
        tree = parse(page.read_text(encoding="utf-8"))
        relative = page.relative_to(site_dir).as_posix()
        article = tree.css_first("article")
        anchors[page] = frozenset(node.attributes["id"] for node in tree.css("[id]"))
        references[page] = list(page_references(tree.root, article))
        if relative in sections:
            faults += check_questions(article, sections[relative], docs, site, found)
        if relative in DERIVED:
            source, macro, check = DERIVED[relative]
            where = f"{display_path(docs / source)}:{line_of(docs / source, macro)}"
            faults += [f"{where}: {message}" for message in check(article or tree.root, site)]
    for number, places in found.items():
        if len(places) > 1:
            faults.append(f"{places[1]}: question {number} appears {len(places)} times (also at {places[0]})")
    built = {page.relative_to(site_dir).as_posix() for page in anchors}
    for relative, section in sections.items():
        if relative not in built:
            faults.append(
                f"{display_path(docs / section['page'])}:1: section '{section['title']}' "
                f"was not built ({relative} is missing)"
            )
    faults += check_cards(site_dir, site) + check_decks(site_dir, site)
    checked: set[tuple] = set()  # the theme's own links are the same on every page: check each once
    for page, refs in references.items():
        faults += check_links(page, refs, site_dir, docs, site, anchors, config, checked, root)
    return list(dict.fromkeys(faults))
