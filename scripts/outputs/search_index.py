"""The search index: one Pagefind record per question, written into the built site.

Run after the build (hooks.py, on_post_build). Each question is cut out of its built
section page (from its heading to the next) and handed to Pagefind as a small document
of its own, so a result is always one question, and pages that repeat questions (home,
topic index, cheat sheet) are not indexed at all. Parts get weights: the title and the
aliases count most, then the short answer, the full answer, the follow-ups and the
topic names. Formulas, code and the "Related" line stay out of the index
(scripts/outputs/page_text.py reads the parts). Every part is written with the site's
spelling variants rewritten (spelling.py), and the table that does it is written beside the
index for docs/assets/search.js to rewrite the query alike.

Pagefind writes a chunked index under site/pagefind/: a page downloads only the chunks
for the words typed, and docs/assets/search.js shows the results in Material's search box.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from pagefind_bin import get_executable

from studysite.model.questions import Question, Site, page_url
from studysite.outputs.page_text import question_parts
from studysite.outputs.spelling import rewriter, variants, words_of

OUTPUT = "pagefind"
SPELLINGS = "spellings.json"  # the variants table, beside Pagefind's files
# What Pagefind writes that the site does not use: its own result widgets.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
# Pagefind weights (1 is plain text, 10 the most).
WEIGHTS = {"title": 10, "aliases": 8, "short": 3, "key points": 3, "answer": 1, "follow-ups": 0.5, "topics": 1}


class SearchIndexError(Exception):
    """The questions cannot be indexed."""


def question_records(site: Site, site_dir: Path) -> tuple[list[str], dict[str, str]]:
    """A small HTML document per question, cut from the built section pages, and the
    spelling variants table they were written with."""
    texts = []
    for section in site.sections:
        path = site_dir / page_url(section.page) / "index.html"
        parts = question_parts(path.read_text(encoding="utf-8"))
        for question in section.questions:
            if question.id not in parts:
                raise SearchIndexError(f"{path}: no heading with id '{question.id}' to index")
            texts.append((question, _parts(question, parts[question.id], site)))
    table = variants(set().union(*(words_of(text) for _, parts in texts for text in parts.values())))
    respell = rewriter(table)
    records = [_document(question, {name: respell(text) for name, text in parts.items()}) for question, parts in texts]
    return records, table


def _parts(question: Question, found: dict[str, list[str]], site: Site) -> dict[str, str]:
    """The text of each part of a question's record, by the names in WEIGHTS."""
    return {
        "title": f"{question.number}. {question.title}",
        "aliases": " · ".join(question.aliases),
        "short": " ".join(found["short"]),
        "key points": " · ".join(question.key_points),
        "answer": " ".join(found["answer"]),
        "follow-ups": " ".join(found["follow-ups"]),
        "topics": " · ".join(site.topics[slug]["name"] for slug in question.topics),
    }


def _document(question: Question, parts: dict[str, str]) -> str:
    link = f"{page_url(question.page)}#{question.id}"  # search.js links results here
    title = f"{question.number}. {question.title}"  # shown as written, indexed respelled
    body = "\n".join(
        f'<p data-pagefind-weight="{WEIGHTS[name]}">{html.escape(text)}</p>'
        for name, text in parts.items()
        if text and name != "title"
    )
    return (
        f'<html lang="en"><head><title>{html.escape(title)}</title></head>'
        f'<body><main data-pagefind-body><span data-pagefind-meta="link:{link}"></span>'
        f'<span data-pagefind-meta="title:{html.escape(title)}"></span>'
        f'<h1 data-pagefind-weight="{WEIGHTS["title"]}">{html.escape(parts["title"])}</h1>{body}</main></body></html>'
    )


def _write(records: list[str], output: Path) -> None:
    # Pagefind's own command on a folder of the records. Its Python API runs the same
    # binary as a service: that took twice as long, and, closed right after writing, it
    # left files cut short (twice in 16 indexings: an empty pagefind-entry.json, a
    # pagefind.js of 32,768 of 45,555 bytes).
    with tempfile.TemporaryDirectory() as folder:
        for number, document in enumerate(records):
            (Path(folder) / f"{number}.html").write_text(document, encoding="utf-8")
        command = [str(get_executable()), "--site", folder, "--output-path", str(output), "--force-language", "en"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the questions:\n{result.stdout}{result.stderr}")


def write_index(site: Site, site_dir: Path) -> Path:
    """Index every question of the site into site_dir/pagefind/; returns that folder."""
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    records, table = question_records(site, site_dir)
    _write(records, output)
    (output / SPELLINGS).write_text(json.dumps(table, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    # Material's search plugin writes a lunr index of the whole site that nothing reads.
    shutil.rmtree(site_dir / "search", ignore_errors=True)
    return output
