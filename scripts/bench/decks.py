#!/usr/bin/env python3
"""Print the size of the decks the build writes, and how long making them takes.

Sizes are of the files in the built site's decks/ folder; the .apkg is also measured as
genanki's own writer would store it (zip entries not compressed), for comparison. The
time is the median of several runs of decks.write_decks() on the pages as a build of the
project rendered them (hooks.py keeps them), and apart from it the time to date the
notes from git (note_times.py), which the build does while the pages build.
Run it with `make bench` or `python -m studysite.bench.decks --site DIR`.
"""

from __future__ import annotations

import argparse
import gzip
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from studysite.model.questions import ROOT, load_site
from studysite.outputs.decks import write_decks
from studysite.outputs.names import APKG, CSV, DECK_DIR
from studysite.outputs.note_times import note_times

RUNS = 5


def stored_size(apkg: Path) -> int:
    """The .apkg's size with its entries stored rather than deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(apkg) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as stored:
        for entry in source.infolist():
            stored.writestr(entry.filename, source.read(entry))
    return len(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    args = parser.parse_args()
    folder = args.site / DECK_DIR
    apkg, table = folder / APKG, folder / CSV

    print(f"{'deck file':<34}{'KB':>9}{'gzip KB':>9}")
    for path in (apkg, table):
        data = path.read_bytes()
        print(f"{path.name:<34}{len(data) / 1024:>9.1f}{len(gzip.compress(data)) / 1024:>9.1f}")
    print(f"{APKG + ' (entries stored)':<34}{stored_size(apkg) / 1024:>9.1f}")

    site = load_site(ROOT / "docs")
    with tempfile.TemporaryDirectory() as out:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(Path(out) / "site"))
        build(config)
        pages = next(iter(config.hooks.values())).decks.pages  # as the build rendered them
        dating, writing = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            times = note_times(site, ROOT / "docs")
            dating.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_decks(site, pages, Path(out) / "decks", "https://example.org/", times)
            writing.append(time.perf_counter() - start)
    questions = len(site.questions)
    for what, seconds in (("dating the notes (git)", dating), ("writing both decks", writing)):
        median = statistics.median(seconds)
        print(f"{what}: median {median:.2f} s over {RUNS} runs, {median / questions * 1000:.0f} ms a question")
    return 0


if __name__ == "__main__":
    sys.exit(main())
