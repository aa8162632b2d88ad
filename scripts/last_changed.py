"""When a page last changed: the date of the last commit that touched its source file.

Material prints page.meta["revision_date"] at the foot of the page. A file git cannot
date (not committed yet, a copy without history, no git installed) gets the build date:
the page is at least as new as this build, and the build never fails over a date.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def last_changed(path: Path) -> datetime.date:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent, capture_output=True, text=True
        )
    except OSError:  # git is not installed
        return datetime.date.today()
    day = result.stdout.strip()
    return datetime.date.fromisoformat(day) if result.returncode == 0 and day else datetime.date.today()


def revision_date(path: Path) -> str:
    """The date as Material shows it: readable text, machine-readable attribute."""
    day = last_changed(path)
    return f'<time datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>'
