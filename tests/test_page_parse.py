"""Jinja parses a page once: scripts/build/macros.py checks the parsed page for unknown macros,
then mkdocs-macros renders that same tree instead of parsing the page again."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment, StrictUndefined

from studysite.build import macros


def test_the_render_reuses_the_checked_tree_and_parses_any_other_text(tmp_path):
    source = tmp_path / "page.md"
    source.write_text("Hello {{ greet('you') }}\n\n```\n{{ not_a_macro }}\n```\n", encoding="utf-8")
    jinja = Environment(undefined=StrictUndefined)
    jinja.globals["greet"] = greet = lambda name: name.upper()
    env = SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source))),
                          markdown=source.read_text(encoding="utf-8"), env=jinja,
                          variables={}, macros={"greet": greet}, filters={})
    macros.on_pre_page_macros(env)

    parsed = []
    parse = jinja._parse
    jinja._parse = lambda *args: parsed.append(args[0]) or parse(*args)
    # What mkdocs-macros does with the page, then with a page title.
    assert jinja.from_string(env.markdown).render() == "Hello YOU\n\n```\n{{ not_a_macro }}\n```"
    assert parsed == []
    assert jinja.from_string("Title {{ greet('me') }}").render() == "Title ME"
    assert parsed == ["Title {{ greet('me') }}"]
