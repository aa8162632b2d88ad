"""Print the built cheat sheet to PDF, in A4 and in US Letter, with headless Chromium.

Opt-in: the build runs it after writing the site when CHEATSHEET_PDF=1 (`make pdf`),
so `make serve` stays fast. The tests call write_pdfs() on their own built site.
"""

from __future__ import annotations

from pathlib import Path

from browser import launch_options, serve

CHEATSHEET_PDF = "CHEATSHEET_PDF"  # the environment switch
PAGE = "cheatsheet"  # the cheat sheet's folder in the built site
PDF_FILES = {"A4": "cheatsheet-a4.pdf", "Letter": "cheatsheet-letter.pdf"}


def write_pdfs(site_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Write one PDF per paper size into out_dir (default: next to the page); return them."""
    from playwright.sync_api import sync_playwright  # a test dependency: only needed here

    out_dir = out_dir or site_dir / PAGE
    written = []
    with serve(site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page()
        page.goto(f"{url}/{PAGE}/", wait_until="networkidle")
        for paper, name in PDF_FILES.items():
            # Orientation and margins come from the page's own @page rule.
            page.pdf(path=out_dir / name, format=paper, print_background=True)
            written.append(out_dir / name)
        browser.close()
    return written
