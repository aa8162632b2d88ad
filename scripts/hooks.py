"""MkDocs build hooks: small steps that raise on bad input instead of warning.

Math: pymdownx.arithmatex marks LaTeX as \\( ... \\) and \\[ ... \\]; here each piece
is typeset to MathML at build time, so formulas show with JavaScript off, in print
and in PDF, and no math script is loaded. LaTeX that cannot be typeset stops the build.

External links get class="external", so print can spell out their addresses.

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
from questions import display_path

log = logging.getLogger("mkdocs.hooks")

# Text inside the MathML that still holds a backslash is LaTeX latex2mathml did not know.
LEFTOVER = re.compile(r">([^<]*\\[^<]*)<")
MATH = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\\\[(?P<block>.*?)\\\]</div>',
    re.S,
)
# Links that leave the site, as Python-Markdown writes them (href first). Marked here,
# before Material's instant navigation makes every href absolute, so that print can
# spell out exactly these URLs.
EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"')


def on_page_content(html_text: str, page, config, files) -> str:
    return EXTERNAL_LINK.sub(r'<a class="external" href="\1"', typeset_math(html_text, page))


def typeset_math(html_text: str, page) -> str:
    def typeset(match: re.Match) -> str:
        display = "block" if match["block"] is not None else "inline"
        latex = html.unescape(match["block"] if display == "block" else match["inline"]).strip()
        try:
            mathml = convert(latex, display=display)
        except Exception as error:  # latex2mathml raises several unrelated types
            raise PluginError(f"{_source_line(page, latex)}: cannot typeset math {latex!r}: {error}") from None
        if leftover := LEFTOVER.search(mathml):
            raise PluginError(f"{_source_line(page, latex)}: cannot typeset {leftover[1]!r} in {latex!r}")
        return f'<div class="math">{mathml}</div>' if display == "block" else mathml

    return MATH.sub(typeset, html_text)


def _source_line(page, needle: str) -> str:
    """'path:line' of the first source line holding the start of `needle`."""
    path = Path(page.file.abs_src_path)
    first = needle.splitlines()[0].strip() if needle else ""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if first and first in text), 1)
    return f"{display_path(path)}:{line}"


def on_post_build(config) -> None:
    if os.environ.get(CHEATSHEET_PDF) == "1":
        for pdf in write_pdfs(Path(config.site_dir)):
            log.info(f"cheat sheet written to {pdf}")
