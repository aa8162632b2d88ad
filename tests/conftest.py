"""Shared fixtures: the site built once, served on 127.0.0.1, and a real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from studysite.bench.big_site import copy_project  # noqa: F401 (tests import it from here)
from studysite.outputs.browser import launch_options, serve

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder, for `site_url` when given; the result
    keeps its output."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        environment["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env=environment,
    )


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


def read_through(page) -> None:
    """Scroll a page to its end as a reader would. Some work waits until its part of the
    page nears the view: a code block gets its copy button and its tab stop (Material's
    content.lazy), a cheat-sheet card on a phone is laid out and its wide formula made a
    tab stop. A keyboard reaches each of them after something before it has brought it
    into view."""
    while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 1"):
        page.evaluate("scrollBy(0, 600)")
        page.wait_for_timeout(50)
