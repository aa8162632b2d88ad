"""Shared fixtures: the site built once, served on 127.0.0.1, and a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from studysite.outputs.browser import launch_options, serve
from studysite.project import ROOT, mkdocs_build

# Playwright's fixtures: a test that uses one (itself or through another fixture) opens
# a browser, and is marked so.
BROWSER_FIXTURES = {"page", "context", "browser"}


def pytest_collection_modifyitems(items):
    """Marks `browser` every test that opens Chromium through Playwright's fixtures, so that
    `make test-fast` (pytest -m "not browser") leaves them out. A test that starts Chromium
    another way (a build that prints PDFs) carries the mark itself."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def served_folder(tmp_path_factory):
    """A folder served over HTTP on 127.0.0.1, on a free port: (folder, base URL)."""
    folder = tmp_path_factory.mktemp("site")
    with serve(folder) as url:
        yield folder, url


@pytest.fixture(scope="session")
def built_site(served_folder) -> Path:
    """The site, built for the address it is served at: Material's instant navigation
    only takes links it finds in the sitemap, matched by host and port too, so a site
    built for another port would load every page whole."""
    folder, url = served_folder
    result = mkdocs_build(ROOT, folder, f"{url}/")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def site_url(built_site, served_folder) -> str:
    """The built site's base URL, without a trailing slash."""
    return served_folder[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_options()}


def settle(page) -> None:
    """Until the browser has rendered twice: layout has run, and with it the callbacks of
    the page's ResizeObservers and IntersectionObservers, which report before a frame is
    painted. What the page does in them (a wide formula made a tab stop, a lazy copy
    button mounted) is then done."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def read_through(page) -> None:
    """Scroll a page to its end as a reader would. Some work waits until its part of the
    page nears the view: a code block gets its copy button and its tab stop (Material's
    content.lazy), a cheat-sheet card on a phone is laid out and its wide formula made a
    tab stop. A keyboard reaches each of them after something before it has brought it
    into view."""
    while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 1"):
        page.evaluate("scrollBy(0, 600)")
        settle(page)
