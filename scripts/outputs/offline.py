"""The offline copy's file list: written into the built site's service worker (sw.js).

Every file of the built site is listed, as the URL a browser asks for (a page under its
folder URL, `deep-learning/`, the way readers and instant navigation reach it) with its
SHA-256 as a subresource-integrity value. The version is a hash of that whole list, so
any changed, added or removed file makes a new sw.js, and the browser installs it on
the next visit with the network on. hooks.py calls write_service_worker() last in
on_post_build, after the cheat-sheet PDFs are written.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from fnmatch import fnmatch
from pathlib import Path

from studysite.outputs.names import WORKER

# The line of sw.js that the build fills in.
PLACEHOLDER = re.compile(r"^const OFFLINE = .*$", re.M)
# Never requested by a reader's browser, so not worth a reader's bandwidth:
SKIP = (
    WORKER,  # the worker itself: the browser keeps it
    "*.map",  # source maps, fetched by developer tools only
    "*.gz",  # sitemap.xml.gz, for crawlers
    # Material's search stemmers for other languages: English needs none of them. The
    # offline search test would fail if the site's search language changed.
    "assets/javascripts/lunr/*",
)


class WorkerError(Exception):
    """sw.js cannot take the file list."""


def url_of(path: str) -> str:
    """The URL (relative to the site root) a browser uses for a built file."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def integrity(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def file_list(site_dir: Path) -> list[tuple[str, str]]:
    """(URL, integrity) of every file the offline copy holds, sorted by URL."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and not any(fnmatch(relative, pattern) for pattern in SKIP):
            files.append((url_of(relative), integrity(path.read_bytes())))
    return sorted(files)


def version(files: list[tuple[str, str]]) -> str:
    listing = "\n".join(f"{url} {digest}" for url, digest in files)
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


def write_service_worker(site_dir: Path) -> str:
    """Fill in the file list of site_dir/sw.js (again, if it was filled before); return
    the version."""
    worker = site_dir / WORKER
    source = worker.read_text(encoding="utf-8")
    if len(PLACEHOLDER.findall(source)) != 1:
        raise WorkerError(
            f"docs/{WORKER}: needs exactly one line starting 'const OFFLINE = ', for the build to fill in"
        )
    files = file_list(site_dir)
    offline = json.dumps({"version": version(files), "files": files}, separators=(",", ":"))
    worker.write_text(PLACEHOLDER.sub(lambda _: f"const OFFLINE = {offline};", source), encoding="utf-8")
    return version(files)
