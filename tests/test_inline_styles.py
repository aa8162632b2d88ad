"""The small stylesheets are written into each built page (scripts/build/inline_styles.py)."""

from __future__ import annotations

from types import SimpleNamespace

from studysite.build.inline_styles import INLINED, inline, stylesheets


def test_the_small_stylesheets_are_written_in_and_the_main_one_stays_linked():
    styles = {"assets/site.css": ".site{}", "assets/stylesheets/palette.fb2fffe2.min.css": ".palette{}"}
    page = (
        '<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">'
        '<link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">'
        '<link rel="stylesheet" href="../assets/site.css">'
    )
    assert inline(page, styles) == (
        '<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">'
        "<style>.palette{}</style><style>.site{}</style>"
    )


def test_only_the_palette_and_the_site_stylesheets_are_inlined():
    assert INLINED.fullmatch("assets/site.css") and INLINED.fullmatch("assets/stylesheets/palette.0123abcd.min.css")
    assert not INLINED.fullmatch("assets/stylesheets/main.57a0d79d.min.css")


def test_every_built_page_links_only_the_main_stylesheet(built_site):
    for page in built_site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert text.count('<link rel="stylesheet"') == 1, page
        assert "--md-primary-fg-color" in text and ".study-tools" in text, page  # palette's and site's rules


def test_the_inlined_stylesheets_are_minified(tmp_path):
    source = tmp_path / "site.css"
    source.write_text("/* For the reader. */\n.site {\n  color: red;\n}\n", encoding="utf-8")
    file = SimpleNamespace(url="assets/site.css", abs_src_path=str(source))
    assert stylesheets([file]) == {"assets/site.css": ".site{color:red}"}
