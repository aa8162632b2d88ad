#!/usr/bin/env python3
"""Print how long `mkdocs build` takes for this project against bare Material.

For each question count, scripts/bench/big_site.py writes a copy of the project; the
bare variant builds the same pages with the same Markdown extensions and nav on plain
Material: no macros, no hooks, no extra CSS or JavaScript, no theme overrides. Builds
alternate between the two, and the table shows the median of the runs and their ratio.

A copy has no git history, so its build skips the git work of a real one: the pages'
last-changed dates and the deck notes' times (scripts/outputs/note_times.py). At the real
site's count, this checkout itself is built too, history and all, as a deploy builds it.
Run it with `make bench` or `python -m studysite.bench.build_time --questions 60 3000`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from studysite.bench.big_site import make_big_site, sizes
from studysite.project import ROOT, mkdocs_build


class AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: a tag such as !ENV keeps its plain value."""


AnyTagLoader.add_multi_constructor(
    "!",
    lambda loader, tag, node: (
        loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    ),
)


def write_bare_config(project: Path, macros: bool = False) -> Path:
    """mkdocs-bare.yml beside the project's config: its pages and extensions on plain
    Material. With `macros`, the pages written by macros (cheat sheet, topic index, drill
    page) have their content too, as the project's macros module writes it."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=AnyTagLoader)
    plugins = [entry for entry in config["plugins"] if macros and isinstance(entry, dict) and "macros" in entry]
    bare = {
        "site_name": config["site_name"],
        "site_url": "https://example.org/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", *plugins],
        "markdown_extensions": config["markdown_extensions"],
        "nav": config["nav"],
        "exclude_docs": config.get("exclude_docs", ""),
    }
    path = project / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    return path


def build_seconds(config: Path, site: Path) -> float:
    start = time.perf_counter()
    result = mkdocs_build(config.parent, site, config=config.name, strict=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--questions", type=int, nargs="+", default=sizes(), help="question counts (default: %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of each variant (default: %(default)s)")
    args = parser.parse_args()
    print(f"mkdocs build, {args.runs} runs each, alternating; medians in seconds")
    print(f"{'questions':>10}{'bare Material':>15}{'this project':>14}{'ratio':>8}{'this checkout':>14}{'ratio':>8}")
    site_count = sizes()[0]
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.questions:
            project = make_big_site(Path(scratch) / f"q{count}", count)
            configs = {"bare": write_bare_config(project), "project": project / "mkdocs.yml"}
            if count == site_count:
                configs["checkout"] = ROOT / "mkdocs.yml"
            times: dict[str, list[float]] = {name: [] for name in configs}
            for _ in range(args.runs):
                for name, config in configs.items():
                    times[name].append(build_seconds(config, Path(scratch) / f"site-{name}-{count}"))
            bare, *ours = (statistics.median(times[name]) for name in configs)
            print(f"{count:>10}{bare:>15.2f}" + "".join(f"{seconds:>14.2f}{seconds / bare:>8.2f}" for seconds in ours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
