"""Shared fixtures: the site built once, served on 127.0.0.1, and a real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import launch_options, serve
from make_big_site import copy_project  # noqa: F401 (tests import it from here)

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder; the result keeps its output."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP on 127.0.0.1, on a free port."""
    with serve(built_site) as url:
        yield url


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
