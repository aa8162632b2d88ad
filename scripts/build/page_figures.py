"""Figures in the built pages: each <img class="figure"> gets its drawn size and a link
to its own SVG.

The size (width and height from the SVG, in CSS pixels) lets the browser keep the
figure's room before the file arrives, so the text does not jump. The link opens the
figure full-screen and zoomable (docs/assets/figure-zoom.js); without JavaScript the
browser shows the SVG itself, which pinch-zooms. Its name is the image's alt text.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from studysite.built_html import classes, parse

# Where each image's tag starts and ends, so that the link is written around the tag as
# the page has it; what the tag says is read by the parser.
IMAGE_TAG = re.compile(r"<img\b[^>]*>")
# matplotlib writes width="…pt" height="…pt" on the root <svg>; 1 pt is 4/3 CSS px.
SIZE = re.compile(r'<svg[^>]*?\bwidth="(?P<w>[\d.]+)pt"[^>]*?\bheight="(?P<h>[\d.]+)pt"')


def link_figures(html_text: str, page, files) -> str:
    def link(match: re.Match) -> str:
        image = parse(match[0]).css_first("img")
        if "figure" not in classes(image):
            return match[0]
        src = image.attributes.get("src") or ""
        svg = _svg_path(src, page, files)
        if not (size := _size_px(svg, svg.stat().st_mtime_ns)):
            raise PluginError(
                f"{page.file.src_uri}: figure {svg.name} has no width and height in pt; redraw it with `make figures`"
            )
        width, height = size
        img = match[0].removesuffix("/>").removesuffix(">").rstrip()
        return (
            f'<a class="figure-link" href="{html.escape(src)}">'
            f'{img} width="{width}" height="{height}" loading="lazy" decoding="async"></a>'
        )

    return IMAGE_TAG.sub(link, html_text)


def _svg_path(src: str, page, files) -> Path:
    # src is relative to the page's URL; a static file's URL is its path under docs/.
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url + "x"), src))
    file = files.get_file_from_path(path)
    if file is None or not path.endswith(".svg"):
        raise PluginError(f"{page.file.src_uri}: figure {path!r} is not an SVG file under docs/")
    return Path(file.abs_src_path)


@functools.cache
def _size_px(svg: Path, modified: int) -> tuple[float, float] | None:
    """Width and height in CSS px, read once per version of each figure. Not rounded to
    whole pixels: the ratio must be the drawing's, or the text below moves by a fraction
    of a pixel when a lazily loaded figure arrives."""
    with svg.open(encoding="utf-8") as file:
        match = SIZE.search(file.read(2000))
    return (round(float(match["w"]) * 4 / 3, 2), round(float(match["h"]) * 4 / 3, 2)) if match else None
