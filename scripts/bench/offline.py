#!/usr/bin/env python3
"""Print what the offline copy adds to a reader's first visit.

Serves the built site on 127.0.0.1 with a server that counts the requests it answers and
the bytes of the files it sends (a file the browser already has costs a request, no
bytes), then opens the home page in a fresh browser context, once with service workers
blocked and once with them allowed (waiting until the worker has the whole site).
Medians of a few runs of each, A and B in the same run. Run it with `make bench` or
`python -m studysite.bench.offline --site DIR`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from studysite.outputs.browser import QuietHandler, launch_options


class CountingHandler(QuietHandler):
    """Counts every request, and the bytes of every file body it sends (a 304 sends none)."""

    def do_GET(self):
        self.server.requests += 1
        super().do_GET()

    def copyfile(self, source, outputfile):
        data = source.read()
        self.server.sent.append((len(data), len(gzip.compress(data))))
        outputfile.write(data)


def first_visit(browser, server, url: str, worker: bool) -> tuple[int, int, int]:
    """(requests, bytes, gzipped bytes) the server sent for one first visit."""
    server.requests, server.sent = 0, []
    context = browser.new_context(service_workers="allow" if worker else "block")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if worker:
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    context.close()
    return server.requests, sum(s for s, _ in server.sent), sum(z for _, z in server.sent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="visits of each kind (default: %(default)s)")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        for _ in range(args.runs):
            for worker in (False, True):
                results.setdefault(worker, []).append(first_visit(browser, server, url, worker))
        browser.close()
    server.shutdown()

    medians = {
        worker: [statistics.median(run[i] for run in runs) for i in range(3)] for worker, runs in results.items()
    }
    print(f"first visit to the home page, median of {args.runs}  {'requests':>9}{'KB sent':>10}{'KB gzipped':>12}")
    rows = [
        ("without the service worker", medians[False]),
        ("with it (whole site kept)", medians[True]),
        ("added by the offline copy", [b - a for a, b in zip(medians[False], medians[True])]),
    ]
    for label, (requests, size, zipped) in rows:
        print(f"{label:<44}{requests:>9.0f}{size / 1024:>10.1f}{zipped / 1024:>12.1f}")
    print("KB gzipped: each file gzipped, as GitHub Pages sends it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
