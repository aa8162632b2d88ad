"""Code in a page is shown as written: scripts/build/macros.py shields it from Jinja
before mkdocs-macros renders the page."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment, StrictUndefined

from studysite.build import macros


def test_code_keeps_its_braces_and_macros_still_render(tmp_path):
    source = tmp_path / "page.md"
    source.write_text("Hello {{ greet('you') }}\n\n```\n{{ not_a_macro }}\n```\n", encoding="utf-8")
    jinja = Environment(undefined=StrictUndefined)
    jinja.globals["greet"] = greet = lambda name: name.upper()
    env = SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source))),
                          markdown=source.read_text(encoding="utf-8"), env=jinja,
                          variables={}, macros={"greet": greet}, filters={})
    macros.on_pre_page_macros(env)
    # What mkdocs-macros does with the page.
    assert jinja.from_string(env.markdown).render() == "Hello YOU\n\n```\n{{ not_a_macro }}\n```"
