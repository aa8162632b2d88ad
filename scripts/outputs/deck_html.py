"""A section page's questions as a deck note shows them, from the page's own HTML as the
build rendered it from Markdown, before math is typeset (the site's one rendering, with
its extensions and macros; Anki's MathJax typesets the TeX between \\( \\) and \\[ \\]).

For a card, which stands alone: links point at the hosted site, figures become links
to their SVG (a card should not fetch from the web), code blocks become plain
<pre><code> under their file name (Anki has no Pygments stylesheet), and folds become
plain headed sections.
"""

from __future__ import annotations

import functools
from urllib.parse import urljoin

from studysite.built_html import Node, classes, parse, question_blocks


def question_html(page_html: str, page_url: str) -> dict[str, tuple[str, str, str]]:
    """{heading id: (short answer, key formula, full answer)} as HTML for a card; page_url
    is the page's address on the hosted site, for its links."""
    tree = parse(page_html)
    _stand_alone(tree, page_url)
    found = {}
    for heading, blocks in question_blocks(tree.root):
        short, formula = [], []
        for block in blocks:
            if block.tag == "details" and "answer" in classes(block):
                body = [child.html for child in block.iter(include_text=True) if child.tag != "summary"]
                found[heading.attributes.get("id")] = ("\n".join(short), "".join(formula), "".join(body).strip())
                break
            if "arithmatex" in classes(block):  # the key formula: its TeX, unpadded
                tex = block.inner_html.strip().removeprefix("\\[").removesuffix("\\]")
                formula.append(f"\\[{tex.strip()}\\]")
            else:
                short.append(block.html)
    return found


def _stand_alone(tree, page_url: str) -> None:
    absolute = functools.cache(lambda href: urljoin(page_url, href))  # most links repeat
    for link in tree.css("a[href]"):
        link.attrs["href"] = absolute(link.attributes["href"])
    for image in tree.css("img"):
        link = _element(tree, "a", {"href": absolute(image.attributes.get("src") or "")})
        link.insert_child(f"Figure: {(image.attributes.get('alt') or '').strip()}")
        image.replace_with(link)
    for code in tree.css("div.highlight"):
        if name := code.css_first(".filename"):
            code.insert_before(_element(tree, "p", {}, _element(tree, "em", {}, name.text())))
        code.replace_with(_element(tree, "pre", {}, _element(tree, "code", {}, code.css_first("code").text())))
    for fold in reversed(tree.css("details.answer details")):
        if summary := next((child for child in fold.iter() if child.tag == "summary"), None):
            _rename(tree, summary, "h4")
        _rename(tree, fold, "section")


def _element(tree, tag: str, attributes: dict[str, str], child: Node | str | None = None) -> Node:
    node = tree.create_node(tag)
    for key, value in attributes.items():
        node.attrs[key] = value
    if child is not None:
        node.insert_child(child)
    return node


def _rename(tree, node: Node, tag: str) -> None:
    """Put an element of another name, with the same attributes (less `open`) and
    children, in the node's place."""
    renamed = _element(tree, tag, {key: value or "" for key, value in node.attributes.items() if key != "open"})
    for child in list(node.iter(include_text=True)):
        renamed.insert_child(child)
    node.replace_with(renamed)
