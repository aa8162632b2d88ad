"""Each feature's script runs only on pages that have the feature (docs/assets/features.js),
and a visit that starts on a page without it still gets the feature on the next page it
opens by instant navigation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load  # reads !ENV as MkDocs does
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
FEATURES_JS = ASSETS / "features.js"
DRILL_SCRIPTS = {"scheduler.js", "progress.js", "study.js", "notes.js", "say-aloud.js", "drill.js"}


def scripts_run(page: Page) -> set[str]:
    """The names of the site's own scripts that are on the page."""
    sources = page.evaluate("[...document.scripts].map(script => script.src)")
    return {source.rsplit("/", 1)[1] for source in sources if "/assets/" in source and "/javascripts/" not in source}


def follow_link(page: Page, target: str) -> None:
    """Opens a page from a link on screen (navigation or footer): instant navigation, no
    page load."""
    page.evaluate("window.samePageLoad = true")
    page.locator(f'a[href$="{target}/"]:visible').first.click()
    expect(page).to_have_url(re.compile(f"/{target}/"))
    assert page.evaluate("window.samePageLoad === true"), "the click loaded a whole new page"


def test_every_script_is_loaded_by_something():
    """A script named in features.js exists; a script in docs/assets/ that neither
    mkdocs.yml nor features.js loads would never run."""
    named = set(re.findall(r'"([\w-]+\.js)"', FEATURES_JS.read_text(encoding="utf-8")))
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = {Path(entry["path"]).name for entry in config["extra_javascript"]}
    on_disk = {path.name for path in ASSETS.glob("*.js")}
    assert named <= on_disk, f"features.js names missing scripts: {sorted(named - on_disk)}"
    assert on_disk == named | listed, f"never loaded: {sorted(on_disk - named - listed)}"


@pytest.mark.parametrize(
    ("path", "wanted", "unwanted"),
    [
        ("cheatsheet/", {"wide-content.js"}, DRILL_SCRIPTS | {"answers.js", "figure-zoom.js"}),
        (
            "drill/",
            {"scheduler.js", "progress.js", "say-aloud.js", "drill.js"},
            {"study.js", "notes.js", "roles.js", "answers.js", "figure-zoom.js"},
        ),
        (
            "deep-learning/",
            {"scheduler.js", "progress.js", "study.js", "notes.js", "figure-zoom.js", "wide-content.js"},
            {"drill.js", "say-aloud.js", "roles.js", "answers.js"},
        ),
        ("", {"scheduler.js", "progress.js", "study.js", "roles.js"}, {"drill.js", "say-aloud.js", "notes.js"}),
        ("topics/", {"roles.js"}, DRILL_SCRIPTS),
        ("deep-learning/?h=dropout#dropout", {"answers.js", "study.js"}, {"drill.js"}),
    ],
)
def test_a_page_runs_the_scripts_of_its_features_only(page: Page, site_url, path, wanted, unwanted):
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("load")
    present = scripts_run(page)
    assert wanted <= present, f"missing on {path}: {sorted(wanted - present)}"
    assert not unwanted & present, f"not needed on {path}: {sorted(unwanted & present)}"


def test_features_start_on_pages_reached_by_instant_navigation(page: Page, site_url):
    page.goto(f"{site_url}/cheatsheet/", wait_until="networkidle")  # Material has read the sitemap
    expect(page.locator(".md-typeset .math").first).to_be_attached()
    assert not DRILL_SCRIPTS & scripts_run(page)

    follow_link(page, "drill")
    expect(page.locator("#drill-question")).not_to_have_text("Loading the cards…")
    page.locator("[data-part=reveal]").click()
    page.locator("[data-grade='3']").click()

    follow_link(page, "deep-learning")
    expect(page.locator(".md-content .study-tools button")).to_have_count(3)
    expect(page.locator(".md-content h2 .q-status").first).to_be_attached()
    page.get_by_role("button", name="Open all").click()  # the figures are in the answers
    page.locator("a.figure-link").first.click()
    expect(page.locator("dialog.figure-zoom")).to_be_visible()
    page.keyboard.press("Escape")

    # Every script ran once: none was added a second time by a later page.
    sources = page.evaluate("[...document.scripts].map(script => script.src).filter(Boolean)")
    assert len(sources) == len(set(sources)), sources
