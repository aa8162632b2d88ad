"""Every reference of a built page resolves inside the site, every image has alt text,
nothing is fetched from outside, and every cross-link lands on a question."""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studysite.built_html import Node, classes
from studysite.check.html import html_path, line_of, source_of
from studysite.model.questions import display_path

# Attributes that reference another file of the site, by tag.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
# <link> relations that make the browser fetch something.
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


def page_references(page: Node, article: Node | None):
    """(tag, reference, classes, alt, in the theme's chrome, fetched by the browser) for
    every reference of a page."""
    selector = ", ".join(REFERENCES)
    own = {node.mem_id for node in article.css(selector)} if article else set()
    for node in page.css(selector):
        found = node.attributes
        if reference := found.get(REFERENCES[node.tag]):
            rels = set((found.get("rel") or "").split())
            fetched = node.tag != "a" and (node.tag != "link" or bool(FETCHING_RELS & rels))
            yield node.tag, reference, tuple(classes(node)), found.get("alt"), node.mem_id not in own, fetched


def check_links(page, refs, site_dir, docs, site, anchors, config, checked, root="/") -> list[str]:
    """Faults in the links of one page; `root` is the path the site is served under."""
    source = source_of(page, site_dir, docs)
    question_pages = {html_path(s.page) for s in site.sections}
    question_ids = {q.id for q in site.questions}
    faults = []
    for name, reference, css_classes, alt, chrome, fetched in refs:
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc or not parts.path:
            target = page
        else:
            path = unquote(parts.path)
            if path.startswith("/"):  # from the server's root: inside the site only under root
                base, path = site_dir, path.removeprefix(root.rstrip("/"))
            else:
                base = page.parent
            target = Path(os.path.normpath(base / path.lstrip("/")))
        if chrome:  # the theme's links are the same on every page: check each target once
            key = (name, parts.scheme, parts.netloc, target, parts.fragment, alt is None)
            if key in checked:
                continue
            checked.add(key)

        def where() -> str:
            """The source line that most likely wrote the reference: looked up only for a fault."""
            if chrome:  # the theme's links come from mkdocs.yml (stylesheets, scripts, nav)
                return f"{display_path(config)}:{line_of(config, Path(parts.path).name or reference)}"
            if source:
                needles = (f"#{parts.fragment}", f'"{parts.fragment}"', Path(parts.path).name)
                return f"{display_path(source)}:{line_of(source, *needles)}"
            return f"{display_path(page)}:{line_of(page, reference, html.escape(reference))}"

        if name == "img" and not (alt or "").strip():
            faults.append(f"{where()}: image {reference} has no alt text")
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            continue
        if parts.scheme or parts.netloc:
            if fetched:
                faults.append(f"{where()}: <{name}> loads {reference} from outside the site")
            continue
        if parts.path and (parts.path.endswith("/") or target.is_dir()):
            target = target / "index.html"
        if target not in anchors and not target.is_file():
            faults.append(f"{where()}: link to {reference} does not resolve (no {display_path(target)})")
            continue
        if parts.fragment and target.suffix == ".html":
            if unquote(parts.fragment) not in anchors.get(target, frozenset()):
                faults.append(f"{where()}: link to {reference}: no anchor #{parts.fragment} in {display_path(target)}")
                continue
        if "qref" in css_classes:
            landing = target.relative_to(site_dir).as_posix()
            if landing not in question_pages or parts.fragment not in question_ids:
                faults.append(f"{where()}: cross-link {reference} does not land on a question")
    return faults
