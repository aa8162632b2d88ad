"""The project as a whole: where it is, a copy of it that a test or benchmark may change,
and `mkdocs build` of a project folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The project this code was installed from: the default for commands run in a checkout.
ROOT = Path(__file__).resolve().parent.parent
# The parts of the repository a build needs.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")


def copy_project(destination: Path) -> Path:
    """A copy of the project that a test or benchmark may change without touching the real one."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def mkdocs_build(project: Path, site_dir: Path, site_url: str | None = None, config: str = "mkdocs.yml",
                 strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` of a project folder with its `config`, for `site_url` when given
    (else $SITE_URL or the config's own); the result keeps its output."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        environment["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config), "-d", str(site_dir)]
    return subprocess.run(command + ["--strict"] * strict, capture_output=True, text=True, cwd=project, env=environment)
