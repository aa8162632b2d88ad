"""Code in a page is shown as written: scripts/build/macros.py shields it from Jinja, then
renders the page from its own parse, and mkdocs-macros is told the page is done."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import Environment, StrictUndefined
from mkdocs.exceptions import PluginError

from studysite.build import macros


def page_env(source, text: str) -> SimpleNamespace:
    """What mkdocs-macros hands on_pre_page_macros, for a page holding `text`."""
    source.write_text(text, encoding="utf-8")
    jinja = Environment(undefined=StrictUndefined)
    jinja.globals["greet"] = greet = lambda name: name.upper()
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source)), meta={})
    return SimpleNamespace(page=page, markdown=text, env=jinja, variables={}, macros={"greet": greet}, filters={})


def test_code_keeps_its_braces_and_macros_still_render(tmp_path):
    env = page_env(tmp_path / "page.md", "Hello {{ greet('you') }}\n\n```\n{{ not_a_macro }}\n```\n")
    macros.on_pre_page_macros(env)
    assert env.markdown == "Hello YOU\n\n```\n{{ not_a_macro }}\n```"
    assert env.page.meta["render_macros"] is False  # mkdocs-macros does not render it again


def test_a_macro_called_wrongly_is_reported_at_its_line(tmp_path):
    env = page_env(tmp_path / "page.md", "Hello\n\nThen {{ greet() }} here.\n")
    with pytest.raises(PluginError, match=r"page\.md:3: .*name"):
        macros.on_pre_page_macros(env)


def test_a_page_that_turns_macros_off_is_left_as_written(tmp_path):
    env = page_env(tmp_path / "page.md", "Shown as {{ written }}\n")
    env.page.meta["render_macros"] = False
    macros.on_pre_page_macros(env)
    assert env.markdown == "Shown as {{ written }}\n"
