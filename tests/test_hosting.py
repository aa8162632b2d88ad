"""The hosted copy: a build with the URLs the deploy workflow sets (a project page under
/<repo>/, from a copy without git history) links every page to its source for editing,
shows when it last changed, navigates instantly under the sub-path, and answers a
missing address with a page that leads to the questions."""

from __future__ import annotations

import datetime
import functools
import os
import re
import subprocess
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import ROOT
from studysite.build.last_changed import last_changed
from studysite.check import run as checker
from studysite.model.questions import load_site
from studysite.outputs.browser import QuietHandler
from studysite.project import copy_project, mkdocs_build

REPO = "ml-prep"
REPO_URL = f"https://github.com/someone/{REPO}"
HOSTED = {"REPO_URL": REPO_URL, "EDIT_URI": "edit/main/docs/"}
SECTIONS = load_site().sections


class PagesHandler(QuietHandler):
    """Like GitHub Pages: a missing address gets the site's 404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / REPO / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_server(tmp_path_factory):
    """A Pages-like server on 127.0.0.1; yields the folder it serves and its address."""
    root = tmp_path_factory.mktemp("pages")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}/{REPO}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hosted(pages_server, tmp_path_factory) -> tuple[Path, str]:
    """The site built as the workflow builds it, from a copy of the project without git
    history, served under /ml-prep/. Its site_url names this server (Material matches
    links against the sitemap by host and port as well as by path)."""
    root, url = pages_server
    project = copy_project(tmp_path_factory.mktemp("project") / "copy")
    environment = {**HOSTED, "SITE_URL": url}
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        result = mkdocs_build(project, root / REPO)
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    assert result.returncode == 0, result.stderr
    return root / REPO, url


@pytest.fixture(scope="module")
def hosted_site(hosted) -> Path:
    return hosted[0]


@pytest.fixture(scope="module")
def hosted_url(hosted) -> str:
    return hosted[1]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_the_checker_passes_the_hosted_build_given_its_address(hosted_site, hosted_url, capsys):
    config = ["--config", str(ROOT / "mkdocs.yml")]
    assert checker.main(["--site", str(hosted_site), "--site-url", hosted_url, *config]) == 0
    # Checked as if served from the server's root, its /ml-prep/ links lead nowhere.
    assert checker.main(["--site", str(hosted_site), "--site-url", "/", *config]) == 1
    assert "link to /ml-prep/assets/" in capsys.readouterr().out


def test_every_page_links_to_its_source_for_editing(hosted_site):
    for html in pages(hosted_site):
        source = html.parent.relative_to(hosted_site).as_posix()
        source = "index.md" if source == "." else f"{source}.md"
        edit = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one('a[rel="edit"]')
        assert edit is not None, f"{html}: no edit link"
        assert edit["href"] == f"{REPO_URL}/edit/main/docs/{source}"


def test_a_local_build_has_no_edit_link(built_site):
    for html in pages(built_site):
        assert 'rel="edit"' not in html.read_text(encoding="utf-8"), html


def test_every_page_shows_when_it_last_changed(built_site, hosted_site):
    today = datetime.date.today().isoformat()
    for site in (built_site, hosted_site):
        for html in pages(site):
            time = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".md-source-file time")
            assert time is not None, f"{html}: no last-changed date"
            day = datetime.date.fromisoformat(time["datetime"])
            assert day.isoformat() <= today
            if site is hosted_site:  # no git history: the build date
                assert day.isoformat() == today


def test_last_changed_is_the_date_of_the_last_commit_else_today(tmp_path):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "old.md").write_text("old\n")
    env = {**os.environ, "GIT_COMMITTER_DATE": "2024-03-05T12:00:00", "GIT_AUTHOR_DATE": "2024-03-05T12:00:00"}
    subprocess.run([*git, "add", "old.md"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "old"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "new.md").write_text("not committed\n")
    assert last_changed(tmp_path / "old.md") == datetime.date(2024, 3, 5)
    assert last_changed(tmp_path / "new.md") == datetime.date.today()


def test_instant_navigation_works_under_a_sub_path(page: Page, hosted_url):
    page.goto(hosted_url, wait_until="networkidle")  # Material has read the sitemap
    page.evaluate("window.stillTheSameDocument = true")
    first = SECTIONS[1]
    page.locator(f'.md-content a[href$="{first.page.removesuffix(".md")}/"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{hosted_url}{first.page.removesuffix('.md')}/")))
    expect(page.locator("h1")).to_contain_text(first.title)
    assert page.evaluate("window.stillTheSameDocument === true"), "the link reloaded the page instead"


def test_the_published_build_asks_no_other_origin(page: Page, hosted_url):
    """With REPO_URL set, the header still links to the repository, but nothing on a visit
    (home, a section page, the drill, a search) is fetched from another origin: Material's
    repository widget would ask the host's API for stars and forks."""
    origin = re.match(r"https?://[^/]+", hosted_url)[0]
    elsewhere = []
    page.on(
        "request", lambda request: request.url.startswith((origin, "data:", "blob:")) or elsewhere.append(request.url)
    )
    page.goto(hosted_url, wait_until="networkidle")
    expect(page.locator(f'.md-header a.md-source[href="{REPO_URL}"]')).to_have_count(1)
    for path in ("deep-learning/", "drill/"):
        page.goto(hosted_url + path, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("dropout")
    expect(page.locator('a.md-search-result__link[href*="#dropout"]').first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert elsewhere == []


def test_a_missing_address_offers_search_and_every_question(page: Page, hosted_url):
    response = page.goto(f"{hosted_url}deep-learning/no-such-question/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    # The stylesheet loaded although the page sits two folders deep.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    links = page.locator(".md-content li a")
    expect(links).to_have_count(sum(len(section.questions) for section in SECTIONS))
    dropout = page.locator('.md-content li a[href$="#dropout"]')
    dropout.click()
    expect(page).to_have_url(re.compile(r"/ml-prep/deep-learning/#dropout$"))
    expect(page.locator("h2#dropout")).to_have_count(1)
    page.go_back()
    page.locator("#not-found-query").fill("dropout")
    page.locator("#not-found-query").press("Enter")
    expect(page.locator('a.md-search-result__link[href*="#dropout"]').first).to_be_visible()


PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("path", "device"),
    [("deep-learning/", {}), ("no-such-page/", PHONE)],
    ids=["edit-link-and-date", "not-found-phone"],
)
def test_hosted_pages_pass_axe(browser, hosted_url, path, device, scheme):
    """The edit link, the last-changed date and the 404 page exist only in this build.
    (Wide formulas on a phone are another issue's: the 404 page is the one tried there.)"""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, **device)
    page = context.new_page()
    page.goto(hosted_url + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    violations = Axe().run(page, context={"exclude": [".md-code__nav"]}).response["violations"]
    context.close()
    assert [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations] == []
