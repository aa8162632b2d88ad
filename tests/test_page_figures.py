"""Each figure in the built pages links to its own SVG and carries its drawn size; a
figure that is not one of the site's SVGs stops the build with the page named."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import ROOT
from studysite.project import copy_project, mkdocs_build


def test_every_figure_links_to_itself_with_its_size(built_site):
    figures = 0
    for page in built_site.rglob("*.html"):
        for image in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("img.figure"):
            figures += 1
            link = image.parent
            assert link.name == "a" and link["href"] == image["src"], f"{page}: {image['src']} is not a link to itself"
            svg = (ROOT / "docs" / "figures" / image["src"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
            width, height = (
                float(v) * 4 / 3 for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
            )
            assert (float(image["width"]), float(image["height"])) == (round(width, 2), round(height, 2)), page
    assert figures >= 10


def test_a_figure_that_is_not_an_svg_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "figures" / "photo.png").write_bytes(b"\x89PNG\r\n")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A photo](figures/photo.png){ .figure }\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "index.md: figure 'figures/photo.png' is not an SVG file under docs/" in result.stderr
