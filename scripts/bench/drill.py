#!/usr/bin/env python3
"""Print what the drill page transfers next to a section page, and its own files' size.

Opens the drill page and every section page in Chromium, each in a fresh context (empty
cache), RUNS times, adds up the files served for the URLs each requested (as served and
gzipped, as a CDN would send them), and measures on a throttled connection (1.6 Mbit/s,
150 ms) when the first content paints and, on the drill page, when the first card is
ready. Times are medians. The goals: the drill page transfers at most 10% more than the
median section page, and with --baseline DIR (a built site of an earlier version, for
example `git worktree add ../before <rev> && make -C ../before build`, then
--baseline ../before/site) its first card is ready no later than that version's,
measured in the same run, the two drill pages loaded in turn. Run it with `make bench`
(DRILL_BASELINE=DIR passes --baseline) or `python -m studysite.bench.drill --site DIR`.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from studysite.bench.page_weight import served_file
from studysite.model.questions import ROOT, load_site, page_url
from studysite.outputs.browser import launch_options, serve
from studysite.outputs.names import CARD_BACKS_FILE, CARDS_FILE, FOLLOW_UPS_FILE

RUNS = 5
# features.js loads the scripts; drill.js fetches the cards' fronts, their backs once the
# first card shows, and the follow-ups only for a mock interview (not part of the weight).
DRILL_FILES = [
    "assets/scheduler.js",
    "assets/progress.js",
    "assets/say-aloud.js",
    "assets/drill.js",
    CARDS_FILE,
    CARD_BACKS_FILE,
    FOLLOW_UPS_FILE,
]
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
GOAL = 1.10


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), mtime=0))


def measure(browser, base: str, site: Path, path: str) -> dict:
    """One cold load of a page: bytes transferred, first paint, card ready (drill only)."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", THROTTLE)
    page.goto(base + path, wait_until="commit")
    ready = None
    if path == "drill/":
        page.wait_for_selector("[data-part=reveal]:enabled")
        ready = page.evaluate("performance.now()")
    page.wait_for_load_state("networkidle")
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    context.close()
    files = [served_file(site, url.removeprefix(base)) for url in requested if url.startswith(base)]
    return {
        "requests": len(requested),
        "raw": sum(f.stat().st_size for f in files),
        "gz": sum(gzipped(f) for f in files),
        "paint": paint,
        "ready": ready,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    parser.add_argument(
        "--baseline", type=Path, help="a built site of an earlier version: its drill page is measured too"
    )
    args = parser.parse_args()
    site = args.site
    sections = [page_url(s.page) for s in load_site(ROOT / "docs").sections]

    print(f"drill mode's own files, KB ({RUNS} cold loads per page below, medians)")
    print(f"{'file':<26}{'raw':>8}{'gzip':>8}")
    for name in DRILL_FILES:
        print(f"{name:<26}{(site / name).stat().st_size / 1024:>8.1f}{gzipped(site / name) / 1024:>8.1f}")
    html = (site / "drill/index.html").read_bytes()
    cards = (site / CARDS_FILE).read_bytes()
    both = len(gzip.compress(html, mtime=0)) + len(gzip.compress(cards, mtime=0))
    print(
        f"drill HTML + cards' fronts, gzip: {both / 1024:.1f} KB as two files, "
        f"{len(gzip.compress(html + cards, mtime=0)) / 1024:.1f} KB if the fronts were embedded"
    )

    with serve(site) as url, serve(args.baseline or site) as before_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        pages = {path: (url + "/", site, path) for path in ["drill/", *sections]}
        if args.baseline:
            pages["drill/ (baseline)"] = (before_url + "/", args.baseline, "drill/")
        results = {name: [] for name in pages}
        for _ in range(RUNS):  # page after page, then again: both drill pages see the same load
            for name, (base, folder, path) in pages.items():
                results[name].append(measure(browser, base, folder, path))
        browser.close()

    print(f"\n{'page':<24}{'requests':>9}{'KB':>8}{'KB gz':>8}{'paint ms':>10}{'card ms':>9}")
    for path, runs in results.items():
        median = {key: statistics.median(r[key] for r in runs) for key in ("requests", "raw", "gz", "paint")}
        ready = f"{statistics.median(r['ready'] for r in runs):>9.0f}" if runs[0]["ready"] is not None else f"{'':>9}"
        print(
            f"{'/' + path:<24}{median['requests']:>9.0f}{median['raw'] / 1024:>8.1f}{median['gz'] / 1024:>8.1f}"
            f"{median['paint']:>10.0f}{ready}"
        )
    drill = statistics.median(r["gz"] for r in results["drill/"])
    section = statistics.median(statistics.median(r["gz"] for r in results[path]) for path in sections)
    verdict = "within" if drill <= GOAL * section else "OVER"
    print(
        f"\ndrill page {drill / 1024:.1f} KB gz vs median section page {section / 1024:.1f} KB gz: "
        f"{drill / section:.0%} ({verdict} the {GOAL - 1:.0%} goal)"
    )
    if args.baseline:
        now, before = (statistics.median(r["ready"] for r in results[name]) for name in ("drill/", "drill/ (baseline)"))
        verdict = "no later than" if now <= before else "LATER than"
        print(f"first card {now:.0f} ms vs {before:.0f} ms on the baseline: {verdict} the baseline")
    print("paint: first contentful paint; card: the first card ready; both on 1.6 Mbit/s with 150 ms latency")
    return 0


if __name__ == "__main__":
    sys.exit(main())
