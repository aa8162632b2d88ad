"""Print the built cheat sheets to PDF, in A4 and in US Letter, with headless Chromium.

Opt-in: the build runs it after writing the site when CHEATSHEET_PDF=1 (`make pdf`),
so `make serve` stays fast. The tests call print_pdfs() with their own browser.
"""

from __future__ import annotations

from pathlib import Path

from studysite.outputs.browser import launch_options, serve
from studysite.outputs.names import CHEATSHEETS, pdf_files


def write_pdfs(site_dir: Path) -> list[Path]:
    """Serve the built site, print each cheat sheet next to its page; return the PDFs."""
    from playwright.sync_api import sync_playwright  # a test dependency: only needed here

    with serve(site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        try:
            return [pdf for sheet in CHEATSHEETS for pdf in print_pdfs(browser, url, site_dir / sheet, sheet)]
        finally:
            browser.close()


def print_pdfs(browser, site_url: str, out_dir: Path, sheet: str) -> list[Path]:
    """Print one cheat sheet (a key of CHEATSHEETS) of the site at site_url, once per
    paper size, into out_dir."""
    from playwright.sync_api import Error as PlaywrightError
    page = browser.new_page()
    page.goto(f"{site_url}/{sheet}/", wait_until="networkidle")
    written = []
    for paper, name in pdf_files(sheet).items():
        # Orientation and margins come from the page's own @page rule. Chromium once
        # answered "Printing failed" on a busy machine, so a failure gets one more try.
        try:
            page.pdf(path=out_dir / name, format=paper, print_background=True)
        except PlaywrightError:
            page.pdf(path=out_dir / name, format=paper, print_background=True)
        written.append(out_dir / name)
    page.close()
    return written
