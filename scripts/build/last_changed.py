"""When a page last changed: the date of the last commit that touched its source file.

Material prints page.meta["revision_date"] at the foot of the page. A file git cannot
date (not committed yet, a copy without history, no git installed) gets the build date:
the page is at least as new as this build, and the build never fails over a date.
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path


@functools.cache
def commit_dates(folder: Path) -> dict[str, datetime.date]:
    """{file name: date of its last commit} for the files of a folder, from one `git log`
    (one per page took a tenth of a 30-question build). hooks.py clears the cache at the
    start of every build, so `mkdocs serve` sees new commits."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=folder, capture_output=True, text=True,
        )
    except OSError:  # git is not installed
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, datetime.date] = {}
    day = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            day = datetime.date.fromisoformat(line[1:])
        elif line and day:
            dates.setdefault(line, day)  # the log runs newest first
    return dates


def last_changed(path: Path) -> datetime.date:
    return commit_dates(path.parent).get(path.name) or datetime.date.today()


def revision_date(path: Path) -> str:
    """The date as Material shows it: readable text, machine-readable attribute."""
    day = last_changed(path)
    return f'<time datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>'
