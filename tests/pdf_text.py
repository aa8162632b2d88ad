"""Reading printed pages back: pdftotext and pdfinfo from poppler-utils."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def squeeze(text: str) -> str:
    """Text without white space, ligatures or soft hyphens, to compare a PDF with HTML."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u00ad", "")


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def page_texts(path: Path) -> list[str]:
    return [pdftotext(path, n) for n in range(1, page_count(path) + 1)]
