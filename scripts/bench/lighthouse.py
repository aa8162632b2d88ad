#!/usr/bin/env python3
"""Print Lighthouse's four scores for the key pages of the built site, with page weight.

Serves the site on 127.0.0.1 with gzip, as a static host would, and runs Lighthouse
(pinned in scripts/bench/package.json, installed by `make bench` with `npm ci`) on its mobile
profile against Debian's Chromium: home, a section page, the cheat sheet and the drill
page when the site has one. Each page runs several times; the table shows medians. In
the same run, taking turns with it, the same pages built on bare Material
(scripts/bench/build_time.py's bare config, with the macros that write the cheat sheet
and the drill page's text) are scored too, as the baseline to beat.
Run it with `make bench` or `python -m studysite.bench.lighthouse --site DIR`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from studysite.bench.big_site import copy_project
from studysite.bench.build_time import build_seconds, write_bare_config
from studysite.outputs.browser import DEBIAN_CHROMIUM, QuietHandler

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["", "deep-learning/", "cheatsheet/", "drill/"]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class GzipHandler(QuietHandler):
    """Static files, gzipped when the client accepts it and the type compresses."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse(url: str) -> dict:
    """One Lighthouse run: the four scores (0-100) and the bytes transferred."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                str(LIGHTHOUSE), url, "--output=json", "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags=--headless=new --no-sandbox --user-data-dir={profile}",
            ],
            capture_output=True, text=True,
            env={**os.environ, "CHROME_PATH": str(DEBIAN_CHROMIUM)},
        )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = report["audits"]
    scores["KB"] = audits["total-byte-weight"]["numericValue"] / 1024
    scores["requests"] = len(audits["network-requests"]["details"]["items"])
    scores["FCP ms"] = audits["first-contentful-paint"]["numericValue"]
    scores["LCP ms"] = audits["largest-contentful-paint"]["numericValue"]
    scores["TBT ms"] = audits["total-blocking-time"]["numericValue"]
    scores["CLS"] = audits["cumulative-layout-shift"]["numericValue"]
    failing = [audits[a["id"]]["title"] for name in CATEGORIES for a in report["categories"][name]["auditRefs"]
               if a["weight"] and audits[a["id"]]["score"] is not None and audits[a["id"]]["score"] < 1]
    return scores | {"failing": failing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default: %(default)s)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` in bench/ (make bench does)")
    columns = ["performance", "accessibility", "best-practices", "seo"]
    columns += ["FCP ms", "LCP ms", "TBT ms", "CLS", "requests", "KB"]
    print(f"Lighthouse {args.runs} runs per page, mobile profile, gzip; medians")
    print(f"{'page':<24}" + "".join(f"{c:>15}" for c in columns))
    with tempfile.TemporaryDirectory() as scratch:
        bare_site = Path(scratch) / "site"
        build_seconds(write_bare_config(copy_project(Path(scratch) / "bare"), macros=True), bare_site)
        servers = {name: ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
                   for name, site in (("", args.site), ("bare Material ", bare_site))}
        for server in servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for page in (page for page in PAGES if (args.site / page / "index.html").is_file()):
                # The two sites take turns, so that a busy machine slows both alike.
                runs: dict[str, list[dict]] = {name: [] for name in servers}
                for _ in range(args.runs):
                    for name, server in servers.items():
                        runs[name].append(lighthouse(f"http://127.0.0.1:{server.server_port}/{page}"))
                for name in servers:
                    medians = {c: statistics.median(run[c] for run in runs[name]) for c in columns}
                    print(f"{name + '/' + page:<24}" + "".join(f"{medians[c]:>15.4g}" for c in columns))
                    failing = sorted({title for run in runs[name] for title in run["failing"]})
                    if failing:
                        print(f"{'':<24}not full marks in some run: {'; '.join(failing)}")
        finally:
            for server in servers.values():
                server.shutdown()
    print("KB: bytes transferred (gzipped), as Lighthouse counts them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
