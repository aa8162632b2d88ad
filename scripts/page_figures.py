"""Figures in the built pages: each <img class="figure"> gets its drawn size and a link
to its own SVG.

The size (width and height from the SVG, in CSS pixels) lets the browser keep the
figure's room before the file arrives, so the text does not jump. The link opens the
figure full-screen and zoomable (docs/assets/figure-zoom.js); without JavaScript the
browser shows the SVG itself, which pinch-zooms. Its name is the image's alt text.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

FIGURE = re.compile(r'<img (?=[^>]*\bclass="figure")[^>]*?\bsrc="(?P<src>[^"]+)"[^>]*?\s*/?>')
# matplotlib writes width="…pt" height="…pt" on the root <svg>; 1 pt is 4/3 CSS px.
SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[\d.]+)pt"[^>]*?\bheight="(?P<h>[\d.]+)pt"')


def link_figures(html_text: str, page, files) -> str:
    def link(match: re.Match) -> str:
        src = match["src"]
        width, height = _size_px(_svg_path(src, page, files), page)
        img = match[0].removesuffix("/>").removesuffix(">").rstrip()
        return (
            f'<a class="figure-link" href="{src}">'
            f'{img} width="{width}" height="{height}" loading="lazy" decoding="async"></a>'
        )

    return FIGURE.sub(link, html_text)


def _svg_path(src: str, page, files) -> Path:
    # src is relative to the page's URL; a static file's URL is its path under docs/.
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url + "x"), src))
    file = files.get_file_from_path(path)
    if file is None or not path.endswith(".svg"):
        raise PluginError(f"{page.file.src_uri}: figure {src!r} is not an SVG file under docs/")
    return Path(file.abs_src_path)


def _size_px(svg: Path, page) -> tuple[int, int]:
    match = SIZE.search(svg.read_text(encoding="utf-8")[:2000])
    if not match:
        raise PluginError(f"{page.file.src_uri}: figure {svg.name} has no width and height in pt; redraw it with `make figures`")
    return round(float(match["w"]) * 4 / 3), round(float(match["h"]) * 4 / 3)
