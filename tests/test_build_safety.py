"""`mkdocs build --strict` stays green on the real site and fails loudly, naming file and
line, on bad input; code in pages is shown exactly as written."""

from __future__ import annotations

import html
import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load  # reads !ENV as MkDocs does

from conftest import ROOT
from studysite.project import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def build_output(project, tmp_path) -> tuple[int, str]:
    result = mkdocs_build(project, tmp_path / "out")
    return result.returncode, result.stdout + result.stderr


def test_mkdocs_config_warns_on_every_kind_of_broken_link():
    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    assert config["strict"] is True
    assert config["validation"] == {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] is True and macros["on_undefined"] == "strict"


def test_no_google_fonts_or_cdn_in_the_theme():
    config = yaml_load((ROOT / "mkdocs.yml").read_text())
    assert config["theme"]["font"] is False


# Faults an author makes stop the build: test_author_faults.py (through builds),
# test_question_model.py and test_source_faults.py (found in process).


CODE = '''\
```python
greeting = f"{name} says {{hello}}"
template = "{{ user.name }} and {% if admin %}root{% endif %} {# note #}"
```

Inline: `{{ not_a_macro }}` and `{% raw %}`.
'''


def test_code_with_jinja_and_fstring_braces_renders_exactly_as_written(project, tmp_path):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + "\n" + CODE)
    code, output = build_output(project, tmp_path)
    assert code == 0, output
    soup = BeautifulSoup((tmp_path / "out" / "index.html").read_text(), "html.parser")
    blocks = [block.get_text() for block in soup.select("div.highlight code")]
    expected_block = CODE.split("```python\n")[1].split("```")[0]
    assert expected_block in blocks
    inline = [html.unescape(c.get_text()) for c in soup.select("p > code")]
    assert "{{ not_a_macro }}" in inline and "{% raw %}" in inline


def test_included_code_files_render_exactly_as_written(built_site):
    """Every docs/code file included into a page appears there verbatim."""
    pages = {p: BeautifulSoup(p.read_text(), "html.parser") for p in built_site.glob("*/index.html")}
    shown = {block.get_text() for soup in pages.values() for block in soup.select("div.highlight code")}
    files = sorted((ROOT / "docs" / "code").glob("*.py"))
    assert files
    for path in files:
        assert path.read_text() in shown, f"{path.name} is not shown verbatim on any page"


def test_every_included_code_file_can_be_downloaded(built_site):
    for path in (ROOT / "docs" / "code").glob("*.py"):
        assert (built_site / "code" / path.name).read_text() == path.read_text()
        linked = [
            p for p in built_site.glob("*/index.html") if re.search(rf'href="\.\./code/{path.name}"', p.read_text())
        ]
        assert linked, f"no page links to code/{path.name}"
