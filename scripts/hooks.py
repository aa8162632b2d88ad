"""MkDocs build hooks: small steps that raise on bad input instead of warning.

Math: pymdownx.arithmatex marks LaTeX as \\( ... \\) and \\[ ... \\]; here each piece
is typeset to MathML at build time, so formulas show with JavaScript off, in print
and in PDF, and no math script is loaded. LaTeX that cannot be typeset stops the build.
A display formula is cut at its top-level \\qquad into parts, each its own <math>, so
that the parts wrap onto new lines on a phone, in print and on the cheat sheet.

External links get class="external", so print can spell out their addresses.

Figures get their size and a link to their own SVG (scripts/page_figures.py).

Decks: after the build, the Anki deck and the CSV are written into site/decks/
(scripts/decks.py).

Cheat-sheet PDFs: with CHEATSHEET_PDF=1 (make pdf), the built cheat sheet is printed to
PDF in A4 and Letter after the build.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

from cheatsheet_pdf import CHEATSHEET_PDF, write_pdfs
from decks import DECK_DIR, deck_timestamp, write_decks
from page_figures import link_figures
from questions import display_path

log = logging.getLogger("mkdocs.hooks")

# Text inside the MathML that still holds a backslash is LaTeX latex2mathml did not know.
LEFTOVER = re.compile(r">([^<]*\\[^<]*)<")
MATH = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<block>.*?)\\\]</div>',
    re.S,
)
# Braces (escaped ones excepted) and \qquad: what display_parts() needs to see.
QQUAD_OR_BRACE = re.compile(r"(?<!\\)[{}]|\\qquad\b")
# Links that leave the site, as Python-Markdown writes them (href first). Marked here,
# before Material's instant navigation makes every href absolute, so that print can
# spell out exactly these URLs.
EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"')


def on_page_content(html_text: str, page, config, files) -> str:
    html_text = link_figures(typeset_math(html_text, page), page, files)
    return EXTERNAL_LINK.sub(r'<a class="external" href="\1"', html_text)


def typeset_math(html_text: str, page) -> str:
    def typeset(match: re.Match) -> str:
        if match["block"] is None:
            return to_mathml(html.unescape(match["inline"]).strip(), "inline", page)
        latex = html.unescape(match["block"]).strip()
        parts = "".join(to_mathml(part, "block", page) for part in display_parts(latex))
        return f'<div class="math">{parts}</div>'

    return MATH.sub(typeset, html_text)


def to_mathml(latex: str, display: str, page) -> str:
    try:
        mathml = convert(latex, display=display)
    except Exception as error:  # latex2mathml raises several unrelated types
        raise PluginError(f"{_source_line(page, latex)}: cannot typeset math {latex!r}: {error}") from None
    if leftover := LEFTOVER.search(mathml):
        raise PluginError(f"{_source_line(page, latex)}: cannot typeset {leftover[1]!r} in {latex!r}")
    return mathml


def display_parts(latex: str) -> list[str]:
    """The pieces of a display formula between its \\qquad separators outside braces."""
    parts, depth, start = [], 0, 0
    for match in QQUAD_OR_BRACE.finditer(latex):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(latex[start : match.start()])
            start = match.end()
    parts.append(latex[start:])
    return [part.strip() for part in parts if part.strip()]


def _source_line(page, needle: str) -> str:
    """'path:line' of the first source line holding the start of `needle`."""
    path = Path(page.file.abs_src_path)
    first = needle.splitlines()[0].strip() if needle else ""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if first and first in text), 1)
    return f"{display_path(path)}:{line}"


def on_post_build(config) -> None:
    try:
        project = Path(config.config_file_path).parent
        out = Path(config.site_dir) / DECK_DIR
        decks = write_decks(Path(config.docs_dir), out, config.site_url, deck_timestamp(project))
    except ValueError as error:
        raise PluginError(str(error)) from None
    log.info(f"decks written: {', '.join(deck.name for deck in decks)}")
    if os.environ.get(CHEATSHEET_PDF) == "1":
        for pdf in write_pdfs(Path(config.site_dir)):
            log.info(f"cheat sheet written to {pdf}")
