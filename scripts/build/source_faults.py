"""Faults outside the section pages, as "path:line: message": mkdocs.yml, overrides/,
included code; and MkDocs' own warnings, given the line where the author must act.

The build (scripts/build/hooks.py) and the checker (scripts/check_site.py) share these checks.
Only PyYAML and Jinja2 are needed, not MkDocs, so the checker stays independent of it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jinja2
import yaml

from studysite.model.questions import display_path

# `--8<-- "file"` as pymdownx.snippets reads it (base path: the docs folder).
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<file>[^"]+)"\s*$')
# MkDocs' warnings that name a page and a link, a nav entry, or pages left out of nav.
DOC_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link '(?P<url>[^']+)'")
NAV_REFERENCE = re.compile(r"^A reference to '(?P<url>[^']+)' is included in the 'nav' configuration")
# A script that loads others by name (docs/assets/features.js): `scripts: ["a.js", ...]`.
LOADED_SCRIPTS = re.compile(r"scripts:\s*\[(?P<names>[^\]]*)\]")
NOT_IN_NAV = re.compile(r'^The following pages exist in the docs directory, but are not included in the "nav"')
# libyaml's loader where PyYAML was built with it: every build reads mkdocs.yml three
# times here, and the pure-Python loader took 16 ms a time.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def all_faults(config_file: Path) -> list[str]:
    return config_faults(config_file) + blocking_faults(config_file)


def blocking_faults(config_file: Path) -> list[str]:
    """Faults that would crash the build with a traceback: override templates Jinja cannot
    parse, and code includes whose file is missing."""
    config_file = Path(config_file)
    root = _compose(config_file)
    if isinstance(root, str):
        return []  # reported by config_faults()
    docs = config_file.parent / _scalar(root, "docs_dir", "docs")
    theme = _mapping(root, "theme")
    custom_dir = _scalar(theme, "custom_dir", "") if theme is not None else ""
    return (template_faults(config_file.parent / custom_dir) if custom_dir else []) + include_faults(docs)


def config_faults(config_file: Path) -> list[str]:
    """Files that mkdocs.yml names but docs/ lacks."""
    config_file = Path(config_file)
    root = _compose(config_file)
    if isinstance(root, str):
        return [root]
    where = display_path(config_file)
    docs = config_file.parent / _scalar(root, "docs_dir", "docs")
    faults = []
    for key in ("extra_css", "extra_javascript"):
        for node in _sequence(root, key):
            name = node.value if isinstance(node, yaml.ScalarNode) else _scalar(node, "path", "")
            if name and not re.match(r"^[a-z]+:|^/", name) and not (docs / name).is_file():
                faults.append(
                    f"{where}:{node.start_mark.line + 1}: {key} file '{name}' does not exist in {display_path(docs)}/"
                )
            elif key == "extra_javascript" and name:
                faults += loaded_script_faults(docs / name)
    theme = _mapping(root, "theme")
    if theme is not None:
        favicon = _node(theme, "favicon")
        if isinstance(favicon, yaml.ScalarNode) and not (docs / favicon.value).is_file():
            faults.append(
                f"{where}:{favicon.start_mark.line + 1}: favicon '{favicon.value}' "
                f"does not exist in {display_path(docs)}/"
            )
    return faults


def loaded_script_faults(script: Path) -> list[str]:
    """Scripts that `script` adds to pages by name (features.js) but that do not exist
    beside it: the build would publish pages whose feature never loads."""
    if not script.is_file():
        return []
    text = script.read_text(encoding="utf-8")
    faults = []
    for listed in LOADED_SCRIPTS.finditer(text):
        line = text.count("\n", 0, listed.start()) + 1
        for name in re.findall(r'"([^"]+)"', listed["names"]):
            if not (script.parent / name).is_file():
                faults.append(
                    f"{display_path(script)}:{line}: script '{name}' is loaded by name here but does not exist"
                )
    return faults


def template_faults(folder: Path) -> list[str]:
    """Theme override templates that Jinja cannot parse."""
    environment = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols", "jinja2.ext.i18n"])
    faults = []
    for path in sorted(folder.rglob("*.html")):
        try:
            environment.parse(path.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError as error:
            faults.append(f"{display_path(path)}:{error.lineno}: template error: {error.message}")
    return faults


def include_faults(docs: Path) -> list[str]:
    """`--8<-- "file"` lines whose file is missing (pymdownx.snippets would crash)."""
    faults = []
    for page in sorted(docs.rglob("*.md")):
        for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if (match := INCLUDE.match(text)) and not (docs / match["file"]).is_file():
                faults.append(
                    f"{display_path(page)}:{number}: included file '{match['file']}' "
                    f"does not exist in {display_path(docs)}/"
                )
    return faults


def locate_mkdocs_warnings(config_file: Path) -> None:
    """Rewrite MkDocs' link and nav warnings, which name no line, as "path:line: message"."""
    located = _Locator(Path(config_file))
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        # `mkdocs serve` loads the hooks again on every rebuild: keep one locator.
        for old in [f for f in logger.filters if type(f).__name__ == "_Locator"]:
            logger.removeFilter(old)
        logger.addFilter(located)


class _Locator(logging.Filter):
    def __init__(self, config_file: Path):
        super().__init__()
        self.config_file = config_file
        root = _compose(config_file)
        docs_dir = "docs" if isinstance(root, str) else _scalar(root, "docs_dir", "docs")
        self.docs = config_file.parent / docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        config = display_path(self.config_file)
        if match := DOC_LINK.match(message):
            page = self.docs / match["page"]
            line = line_of(page, f"({match['url']}", match["url"], match["url"].split("#")[0] or "\0")
            record.msg, record.args = f"{display_path(page)}:{line}: {message}", ()
        elif match := NAV_REFERENCE.match(message):
            line = line_of(self.config_file, f" {match['url']}")
            record.msg, record.args = f"{config}:{line}: nav entry '{match['url']}' is not a page in docs/", ()
        elif NOT_IN_NAV.match(message):
            line = line_of(self.config_file, "nav:")
            pages = [item.strip()[2:] for item in message.splitlines()[1:]]
            record.msg = "\n".join(f"{config}:{line}: page '{page}' is not listed in nav" for page in pages)
            record.args = ()
        return True


def line_of(path: Path, *needles: str) -> int:
    """The first line of `path` that holds the first needle found, else 1."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    for needle in needles:
        for number, text in enumerate(lines, 1):
            if needle in text:
                return number
    return 1


def _compose(config_file: Path) -> yaml.MappingNode | str:
    """mkdocs.yml as YAML nodes (which keep their line), whatever tags it uses."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return f"{display_path(config_file)}:{mark.line + 1 if mark else 1}: {error.problem or error}"
    except OSError as error:
        return f"{display_path(config_file)}:1: {error.strerror}"
    return root if isinstance(root, yaml.MappingNode) else f"{display_path(config_file)}:1: not a YAML mapping"


def _node(mapping: yaml.MappingNode, key: str):
    return next((value for name, value in mapping.value if name.value == key), None)


def _mapping(mapping: yaml.MappingNode, key: str) -> yaml.MappingNode | None:
    node = _node(mapping, key)
    return node if isinstance(node, yaml.MappingNode) else None


def _sequence(mapping: yaml.MappingNode, key: str) -> list:
    node = _node(mapping, key)
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _scalar(mapping: yaml.MappingNode, key: str, default: str) -> str:
    node = _node(mapping, key)
    return node.value if isinstance(node, yaml.ScalarNode) else default
