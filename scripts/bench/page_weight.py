#!/usr/bin/env python3
"""Print what each page of the built site transfers when opened in Chromium.

Serves the site on 127.0.0.1, opens every page in a fresh browser context (empty cache),
records every URL it requests, and adds up the size of the files served for them, by
kind. Run it with `make bench` (it builds the site first) or
`python -m studysite.bench.page_weight --site DIR`.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

from studysite.outputs.browser import launch_options, serve

KINDS = {".html": "html", ".css": "css", ".js": "js", ".svg": "svg", ".json": "json", ".woff2": "font"}


def kind_of(url: str) -> str:
    path = url.split("?")[0].split("#")[0]
    if path.endswith("/"):
        return "html"
    return KINDS.get(Path(path).suffix, "other")


def served_file(site: Path, path: str) -> Path:
    path = path.split("?")[0].split("#")[0]
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    args = parser.parse_args()
    pages = sorted(
        p.relative_to(args.site).as_posix().removesuffix("index.html") for p in args.site.rglob("index.html")
    )

    columns = ["html", "css", "js", "svg", "font", "json", "other"]
    print(f"{'page':<22}{'requests':>9}" + "".join(f"{c:>9}" for c in columns) + f"{'total KB':>10}{'html.gz KB':>11}")
    with serve(args.site) as url, sync_playwright() as playwright:
        base = url + "/"
        browser = playwright.chromium.launch(**launch_options())
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request, urls=requested: urls.append(request.url))
            page.goto(base + path, wait_until="networkidle")
            context.close()
            sizes: Counter[str] = Counter()
            for url in requested:
                sizes[kind_of(url)] += served_file(args.site, url.removeprefix(base)).stat().st_size
            count = len(requested)
            html = (args.site / path / "index.html").read_bytes()
            row = "".join(f"{sizes[c] / 1024:>9.1f}" for c in columns)
            total, gzipped = sum(sizes.values()) / 1024, len(gzip.compress(html)) / 1024
            print(f"{'/' + path:<22}{count:>9}{row}{total:>10.1f}{gzipped:>11.1f}")
        browser.close()
    print("sizes in KB, uncompressed as served; html.gz: the page's HTML gzipped, as a CDN would send it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
