"""MkDocs build hooks: small steps that raise on bad input instead of warning.

Config: files named in mkdocs.yml but missing are reported; broken overrides/ templates and
code includes stop the build before any page is read; MkDocs' link and nav warnings
are given a line (scripts/source_faults.py).

Math: pymdownx.arithmatex marks LaTeX as \\( ... \\) and \\[ ... \\]; here each piece
is typeset to MathML at build time (scripts/mathml.py), so formulas show with JavaScript
off, in print and in PDF, and no math script is loaded. LaTeX that cannot be typeset as
written stops the build at the line that wrote it.

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

from mkdocs.exceptions import PluginError

import source_faults
from cheatsheet_pdf import CHEATSHEET_PDF, write_pdfs
from mathml import MathFault, display_block, to_mathml
from questions import display_path

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
    source_faults.locate_mkdocs_warnings(config_file)
    for fault in source_faults.config_faults(config_file):
        log.error(fault)
    if faults := source_faults.blocking_faults(config_file):
        raise PluginError("\n".join(faults))
    return config


def on_page_content(html_text: str, page, config, files) -> str:
    return EXTERNAL_LINK.sub(r'<a class="external" href="\1"', typeset_math(html_text, page))


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


def on_post_build(config) -> None:
    if os.environ.get(CHEATSHEET_PDF) == "1":
        for pdf in write_pdfs(Path(config.site_dir)):
            log.info(f"cheat sheet written to {pdf}")
