"""The one way the code reads HTML the build wrote: selectolax's Lexbor parser.

Lexbor is an HTML5 parser, so the tree is the one a browser builds from the same bytes,
whatever the order of attributes or the way the markup is written. The checker, the
search records, the drill cards, the decks and the figure links all read through here.

A section page holds its questions as an h2 with an id followed by its blocks, up to the
next h2 or the end of the element holding them (Material's article).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

Node = LexborNode


def parse(html_text: str) -> LexborHTMLParser:
    return LexborHTMLParser(html_text)


def article(tree: LexborHTMLParser) -> Node:
    """The page's article (Material puts the page's own content there), or the whole page."""
    return tree.css_first("article") or tree.root


def classes(node: Node) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def text_parts(node: Node, skip: Callable[[Node], bool] = lambda _: False) -> Iterator[str]:
    """The text of a node and its descendants, in order, leaving out the elements `skip`
    picks (and all inside them)."""
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            yield child.text(deep=False)
        elif child.tag != "-comment" and not skip(child):
            yield from text_parts(child, skip)


def text_of(node: Node, skip: Callable[[Node], bool] = lambda _: False) -> str:
    """A node's text, its pieces joined with a space and runs of space made one, as a
    reader sees the words (neighboring elements do not run together)."""
    return " ".join(" ".join(text_parts(node, skip)).split())


def question_blocks(container: Node) -> list[tuple[Node, list[Node]]]:
    """(h2, the elements after it up to the next h2) for each h2 among the children of
    the element holding the first h2 in `container`, in page order."""
    first = container.css_first("h2")
    if first is None:
        return []
    questions: list[tuple[Node, list[Node]]] = []
    for child in first.parent.iter():
        if child.tag == "-comment":
            continue
        if child.tag == "h2":
            questions.append((child, []))
        elif questions:
            questions[-1][1].append(child)
    return questions
