#!/usr/bin/env python3
"""How long scripts/check_site.py takes on a built site, and its peak memory, by size.

    python -m studysite.bench.checker [--questions 60 3000] [--runs 3]

For each size, a copy of the project with that many questions (scripts/bench/big_site.py)
is built once with `mkdocs build`; the checker then runs on it `--runs` times under
/usr/bin/time, and the table prints the median wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from studysite.bench.big_site import make_big_site, sizes
from studysite.project import mkdocs_build

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measure(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one run, as GNU time reports them."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *command], cwd=cwd, capture_output=True, text=True, env=ENV
    )
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--questions", type=int, nargs="+", default=sizes(), help="question counts (default: %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print(f"{'questions':>9}  {'pages':>5}  {'checker s (median)':>18}  {'peak MiB (median)':>17}  faults")
    for count in args.questions:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_big_site(Path(tmp) / "project", count)
            site = Path(tmp) / "site"
            build = mkdocs_build(project, site, strict=False)
            if build.returncode != 0:
                print(f"build of {count} questions failed:\n{build.stderr}", file=sys.stderr)
                return 1
            checker = [sys.executable, "scripts/check_site.py", "--site", str(site)]
            runs = [measure(checker, project) for _ in range(args.runs)]
            pages = sum(1 for _ in site.rglob("*.html"))
            seconds = statistics.median(run[0] for run in runs)
            memory = statistics.median(run[1] for run in runs)
            clean = "none" if all(run[2] == 0 for run in runs) else "some (exit 1)"
            print(f"{count:>9}  {pages:>5}  {seconds:>18.1f}  {memory:>17.0f}  {clean}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
