"""MkDocs build hooks: small steps that raise on bad input instead of warning.

Config: files named in mkdocs.yml but missing are reported; broken overrides/ templates and
code includes stop the build before any page is read; MkDocs' link and nav warnings
are given a line (scripts/build/source_faults.py).

Math: pymdownx.arithmatex marks LaTeX as \\( ... \\) and \\[ ... \\]; here each piece
is typeset to MathML at build time (scripts/build/mathml.py), so formulas show with JavaScript
off, in print and in PDF, and no math script is loaded. LaTeX that cannot be typeset as
written stops the build at the line that wrote it.

External links get class="external", so print can spell out their addresses.

Each page shows when it last changed, from git (scripts/build/last_changed.py).

Figures get their size and a link to their own SVG (scripts/build/page_figures.py).

Each page holds the palette's and the site's stylesheets in its head, leaving one linked
stylesheet to wait for before the first paint (scripts/build/inline_styles.py).

Decks: each page's HTML as rendered from Markdown, before math is typeset, is kept for the
Anki deck and the CSV, written into site/decks/ after the build (scripts/outputs/decks.py).

Drill cards: after the build, the cards' fronts, backs and follow-ups are written from
the question model and the built section pages (scripts/outputs/cards.py). Section
pages get an empty study-tools bar that docs/assets/progress.js fills, reserved here so
that filling it shifts nothing.

Search: once every page is rendered, the questions of the section pages are handed to
Pagefind (scripts/outputs/search_index.py), whose own process indexes them while MkDocs
writes the pages.

Cheat-sheet PDFs: with CHEATSHEET_PDF=1 (make pdf), the built cheat sheet is printed to
PDF in A4 and Letter after the build.

Offline: last of all, the service worker gets the list of every built file
(scripts/outputs/offline.py).
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError

from studysite.build import source_faults
from studysite.build.inline_styles import inline, stylesheets
from studysite.build.last_changed import commit_dates, revision_date
from studysite.build.mathml import MathFault, display_block, to_mathml
from studysite.build.page_figures import link_figures
from studysite.model.questions import display_path, load_site
from studysite.outputs.cards import CardError, write_cards
from studysite.outputs.cheatsheet_pdf import write_pdfs
from studysite.outputs.decks import DeckBuild, DeckError
from studysite.outputs.names import CHEATSHEET_PDF, DECK_DIR
from studysite.outputs.offline import WorkerError, write_service_worker
from studysite.outputs.search_index import Indexing, SearchIndexError

log = logging.getLogger("mkdocs.hooks")

MATH = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<block>.*?)\\\]</div>',
    re.S,
)
# Links that leave the site, as Python-Markdown writes them (href first). Marked here,
# before Material's instant navigation makes every href absolute, so that print can
# spell out exactly these URLs.
EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"')


def on_config(config):
    """Faults in mkdocs.yml are logged (strict mode stops once the build has reported every
    fault); faults that would crash the build stop it here."""
    config_file = Path(config.config_file_path)
    commit_dates.cache_clear()  # each build dates the pages afresh
    source_faults.locate_mkdocs_warnings(config_file)
    for fault in source_faults.config_faults(config_file):
        log.error(fault)
    if faults := source_faults.blocking_faults(config_file):
        raise PluginError("\n".join(faults))
    return config


# What the steps of one build share: the question model, read once before the pages, and
# the search indexing, which runs from the moment every page is rendered to the end.
build = SimpleNamespace(site=None, indexing=None)
# The decks: dated while the pages build, given each page as rendered, written after.
decks = DeckBuild()


def on_pre_build(config) -> None:
    build.site, build.indexing = load_site(config.docs_dir), None
    decks.start(build.site, Path(config.docs_dir))


# The stylesheets each page holds in its head (inline_styles.py), read once a build.
styles: dict[str, str] = {}


def on_files(files, config):
    styles.clear()
    styles.update(stylesheets(files))
    return files


def on_post_page(output: str, page, config) -> str:
    return inline(output, styles)


def on_page_markdown(markdown: str, page, config, files) -> str:
    page.meta["revision_date"] = revision_date(Path(page.file.abs_src_path))
    # Material's search plugin stays only for the search box in the header; search.js
    # answers it from Pagefind. Excluded, a page is not read again for a lunr index
    # that nothing uses (search_index.py deletes the empty one left).
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html_text: str, page, config, files) -> str:
    decks.keep(page.file.src_uri, html_text)
    html_text = link_figures(typeset_math(html_text, page), page, files)
    html_text = EXTERNAL_LINK.sub(r'<a class="external" href="\1"', html_text)
    return study_tools_slot(html_text)


def study_tools_slot(html_text: str) -> str:
    """An empty bar under the title of a page with folded answers, for progress.js."""
    if '<details class="answer"' not in html_text:
        return html_text
    return re.sub(r"(</h1>)", r'\1\n<div class="study-tools"></div>', html_text, count=1)


def typeset_math(html_text: str, page) -> str:
    def typeset(match: re.Match) -> str:
        latex = html.unescape(match["inline"] if match["block"] is None else match["block"]).strip()
        try:
            return to_mathml(latex, "inline") if match["block"] is None else display_block(latex)
        except MathFault as fault:
            raise PluginError(f"{_source_line(page, latex)}: {fault}") from None

    return MATH.sub(typeset, html_text)


def _source_line(page, needle: str) -> str:
    """'path:line' of the first source line holding the start of `needle`."""
    path = Path(page.file.abs_src_path)
    first = needle.splitlines()[0].strip() if needle else ""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if first and first in text), 1)
    return f"{display_path(path)}:{line}"


def on_env(env, config, files):
    """Every page is rendered: the search indexing starts on the section pages' content."""
    pages = {file.src_uri: file.page.content or "" for file in files.documentation_pages()}
    try:
        build.indexing = Indexing(build.site, pages, Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    return env


def on_post_build(config) -> None:
    """The outputs made from the built pages; their faults stop the build with their message."""
    try:
        write_outputs(config)
    except (CardError, DeckError, SearchIndexError, WorkerError) as error:
        raise PluginError(str(error)) from None


def write_outputs(config) -> None:
    site, site_dir = build.site, Path(config.site_dir)
    written = decks.finish(site, site_dir / DECK_DIR, config.site_url)
    log.info(f"decks written: {', '.join(path.name for path in written)}")
    log.info(f"drill cards written: {', '.join(str(path) for path in write_cards(site, site_dir))}")
    if os.environ.get(CHEATSHEET_PDF) == "1":
        for pdf in write_pdfs(site_dir):
            log.info(f"cheat sheet written to {pdf}")
    build.indexing.finish()
    write_service_worker(site_dir)  # lists every file written, the index's among them


def on_build_error(error) -> None:
    if build.indexing:
        build.indexing.stop()  # no Pagefind left writing into a failed build's site
