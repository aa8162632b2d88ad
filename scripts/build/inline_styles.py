"""The small stylesheets, written into each page's head instead of linked.

A page links Material's main stylesheet, its palette stylesheet and the site's own
(docs/assets/site.css), and each link holds back the first paint until its file has
arrived. The two small ones go into the page, minified (rcssmin: site.css's comments are
for its readers, not for phones; 5 KB gzipped together, 8 KB as written); Material's
main stylesheet stays linked and cached. Later pages come from the offline copy, or by
instant navigation, which swaps only their content. Lighthouse (mobile, same run,
medians of 3-5): first paint 1,380 -> 1,217 ms on the home page (bare Material 1,175),
1,208 -> 1,067 on a section page, 1,362 -> 1,245 on the drill page; the cheat sheet's
stays at 1,390 ms: its page, typeset math and all, is too big for the first round trip
(17.6 KB gzipped, minified; about 14.6 KB fit).
"""

from __future__ import annotations

import re
from pathlib import Path

from rcssmin import cssmin

# The files, by their address in the built site (the palette's name carries its hash).
INLINED = re.compile(r"assets/(?:stylesheets/palette\.[0-9a-f]+\.min\.css|site\.css)")


def stylesheets(files) -> dict[str, str]:
    """{address in the site: minified text} of the stylesheets to write into pages."""
    return {
        file.url: cssmin(Path(file.abs_src_path).read_text(encoding="utf-8"))
        for file in files
        if INLINED.fullmatch(file.url)
    }


def inline(page_html: str, styles: dict[str, str]) -> str:
    """The page with each link to one of `styles` replaced by a <style> holding it."""

    def replace(match: re.Match) -> str:
        address = match["href"].lstrip("./")
        return f"<style>{styles[address]}</style>" if address in styles else match[0]

    return re.sub(r'<link rel="stylesheet" href="(?P<href>[^"]+)">', replace, page_html)
