"""Reading offline: after one visit with the network on, every page, figure, search and
the cheat-sheet PDFs work with the network off, and a new version of the site replaces
the old one whole. The site is served by a server that records any request reaching it
while "offline", so a file the service worker failed to keep cannot go unnoticed."""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from studysite.outputs.browser import QuietHandler
from studysite.outputs.cheatsheet_pdf import print_pdfs
from studysite.outputs.names import CHEATSHEETS, WORKER, pdf_files
from studysite.outputs.offline import file_list, url_of, write_service_worker

OFFLINE_LINE = re.compile(r"^const OFFLINE = (.*);$", re.M)


class RecordingHandler(QuietHandler):
    """Serves the site; while the server is marked offline, notes every request instead.

    Every answer is in full, never 304 Not Modified: Last-Modified counts whole seconds,
    so a new sw.js written within the second of the old one would look unchanged, and the
    browser would keep the old version (a host deploys minutes apart, not milliseconds)."""

    def do_GET(self):
        if self.server.offline:
            self.server.missed.append(self.path)
            self.send_error(503)
            return
        del self.headers["If-Modified-Since"]
        super().do_GET()


@pytest.fixture
def served(built_site, tmp_path, browser):
    """A copy of the built site that a test may change, with the cheat-sheet PDFs
    printed into it and its file list rewritten, served on 127.0.0.1."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(RecordingHandler, directory=str(site)))
    server.offline, server.missed = False, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    for sheet in CHEATSHEETS:
        print_pdfs(browser, url.rstrip("/"), site / sheet, sheet)
    write_service_worker(site)
    yield site, url, server
    server.shutdown()
    server.server_close()


def needed_network(server) -> list[str]:
    """Requests that reached the server while offline, but for the browser's own checks
    for a new sw.js, which may fail offline."""
    return [path for path in server.missed if path != f"/{WORKER}"]


def go_offline(context: BrowserContext, server) -> None:
    context.set_offline(True)
    server.offline = True


def go_online(context: BrowserContext, server) -> None:
    server.offline = False
    context.set_offline(False)


def wait_for_the_worker(page: Page) -> None:
    """Until a worker controls the page and has finished taking over."""
    page.wait_for_function("navigator.serviceWorker.controller?.state === 'activated'", timeout=30_000)


def visit_and_wait_for_the_worker(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_the_worker(page)


def pages_of(site: Path) -> list[str]:
    return sorted(url_of(path.relative_to(site).as_posix()).removeprefix("./") for path in site.rglob("index.html"))


def test_the_worker_lists_every_built_file_but_the_skipped(built_site):
    listed = dict(json.loads(OFFLINE_LINE.search((built_site / WORKER).read_text())[1])["files"])
    assert listed == dict(file_list(built_site))
    kept = {url_of(p.relative_to(built_site).as_posix()) for p in built_site.rglob("*") if p.is_file()}
    assert {"./", "deep-learning/", "pagefind/pagefind.js", "404.html", "assets/offline.js"} <= set(listed)
    left_out = kept - set(listed)
    assert all(u == WORKER or u.endswith((".map", ".gz")) or u.startswith("assets/javascripts/lunr/") for u in left_out)


def test_a_changed_file_changes_the_version(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    first = write_service_worker(site)
    assert write_service_worker(site) == first  # rewriting the list is stable
    (site / "assets" / "site.css").write_text("/* changed */", encoding="utf-8")
    assert write_service_worker(site) != first


def test_after_one_visit_the_whole_site_works_offline(page: Page, context: BrowserContext, served):
    site, url, server = served
    failed = []
    # A load cut short by the next page (net::ERR_ABORTED) is not a failure.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and failed.append((r.url, r.failure)))
    visit_and_wait_for_the_worker(page, url)
    go_offline(context, server)

    for path in pages_of(site):
        response = page.goto(url + path)
        assert response.ok, path
        expect(page.locator("h1")).to_be_visible()
        images = page.locator(".md-content img")
        page.evaluate("document.querySelectorAll('details').forEach((d) => (d.open = true))")
        for index in range(images.count()):
            images.nth(index).scroll_into_view_if_needed()  # figures load lazily, once shown
            expect(images.nth(index)).to_have_js_property("complete", True)
            assert images.nth(index).evaluate("image => image.naturalWidth") > 0, f"{path}: a figure did not load"

    figure = next(site.glob("figures/*.svg")).relative_to(site).as_posix()
    assert page.goto(url + figure).ok, "opening a figure on its own"

    # Every file kept (downloads too: code, decks, PDFs) answers from the offline copy.
    kept = [url + path.removeprefix("./") for path, _ in file_list(site)]
    statuses = page.evaluate("(urls) => Promise.all(urls.map(async (u) => (await fetch(u)).status))", kept)
    assert [u for u, status in zip(kept, statuses) if status != 200] == []
    for sheet in CHEATSHEETS:
        for name in pdf_files(sheet).values():
            head = page.evaluate(
                "async (pdf) => { const r = await fetch(pdf); return [r.status, (await r.text()).slice(0, 5)] }",
                f"{url}{sheet}/{name}",
            )
            assert head == [200, "%PDF-"], name

    page.goto(url)
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("dropout", delay=20)
    hit = page.locator('a.md-search-result__link[href*="#dropout"]').first
    expect(hit).to_be_visible()
    hit.click()
    expect(page.locator("h2#dropout")).to_be_visible()

    if (site / "drill" / "index.html").exists():  # drill mode deals its cards offline too
        page.goto(url + "drill/")
        page.locator("[data-part=reveal]").click()
        expect(page.locator("[data-part=question]")).not_to_be_empty()

    page.goto(url + "no-such-page/")
    expect(page.locator("h1")).to_have_text("Page not found")

    assert needed_network(server) == []
    assert [(u, why) for u, why in failed if not u.endswith("no-such-page/")] == []


def test_the_first_visit_is_not_loaded_twice(page: Page, served):
    """With no older version to replace, the page the network served stays as it is."""
    site, url, server = served
    page.goto(url + "deep-learning/")
    page.evaluate("window.sameLoad = true")
    wait_for_the_worker(page)
    assert page.evaluate("window.sameLoad === true")


def test_a_new_version_replaces_the_old_one_whole(page: Page, context: BrowserContext, served):
    site, url, server = served
    visit_and_wait_for_the_worker(page, url)
    go_offline(context, server)
    # Version two: every page carries a mark, and the linked stylesheet (Material's; the
    # site's own is written into each page) a new rule.
    for html in site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        html.write_text(text.replace("</h1>", '</h1><p id="version-two">v2</p>', 1), encoding="utf-8")
    (stylesheet,) = (site / "assets" / "stylesheets").glob("main.*.min.css")
    with stylesheet.open("a", encoding="utf-8") as css:
        css.write("\n:root { --site-version: two; }\n")
    write_service_worker(site)

    page.reload()  # still offline: version one, whole
    expect(page.locator("#version-two")).to_have_count(0)

    (old,) = page.evaluate("caches.keys()")
    go_online(context, server)
    page.reload()  # version one from its cache; the browser finds the new sw.js and installs it
    # The open page switches itself to version two once it is installed, with no help
    # from the test, however early or late the install ends.
    expect(page.locator("#version-two")).to_have_count(1, timeout=60_000)
    css = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--site-version').trim()")
    assert css == "two", "the open page kept the old stylesheet"
    assert page.evaluate("caches.keys()") != [old]

    go_offline(context, server)
    for path in pages_of(site):
        page.goto(url + path)
        expect(page.locator("#version-two")).to_have_count(1)
        css = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--site-version').trim()")
        assert css == "two", f"{path}: the old stylesheet with a new page"
    caches = page.evaluate("caches.keys()")
    assert len(caches) == 1, caches
    assert needed_network(server) == []


# Asks the browser to look for a new sw.js, and waits for the worker it installs to end:
# "redundant" when the install failed, "installed" or "activated" when it did not, and
# "none" when the browser found nothing new to install. (One the reload has already begun
# to install is the one waited for.)
INSTALL_ATTEMPT = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  const worker = registration.installing;
  if (!worker) return "none";
  if (worker.state === "installing") {
    await new Promise((done) => worker.addEventListener("statechange", done, { once: true }));
  }
  return worker.state;
}"""


def test_a_stale_file_keeps_the_old_version(page: Page, context: BrowserContext, served):
    """A host still serving an old copy of one file (a CDN, a cache): the new version
    does not install, and the old one stays whole."""
    site, url, server = served
    visit_and_wait_for_the_worker(page, url)
    html = site / "deep-learning" / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", '</h1><p id="version-two">v2</p>', 1))
    write_service_worker(site)
    html.write_text(html.read_text(encoding="utf-8").replace('<p id="version-two">v2</p>', "", 1))  # stale

    (old,) = page.evaluate("caches.keys()")
    page.reload()
    # The browser finds the new sw.js and tries to install it: the install must end
    # with that worker discarded ("redundant"), the old one still in charge.
    assert page.evaluate(INSTALL_ATTEMPT) == "redundant"
    assert page.evaluate("caches.keys()") == [old], "the new version should not have installed"
    go_offline(context, server)
    page.goto(url + "deep-learning/")
    expect(page.locator("h1")).to_be_visible()
    assert len(page.evaluate("caches.keys()")) == 1
    assert needed_network(server) == []
