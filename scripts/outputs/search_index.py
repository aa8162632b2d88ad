"""The search index: one Pagefind record per question, written into the built site.

Started once every page is rendered (hooks.py, on_env), so that Pagefind indexes while
MkDocs writes the pages. Each question is cut out of its section page's HTML (from its
heading to the next) and handed to Pagefind as a small document of its own, so a result
is always one question, and pages that repeat questions (home, topic index, cheat sheet)
are not indexed at all. Parts get weights: the title and the aliases count most, then the
short answer, the full answer, the follow-ups and the topic names. Formulas, code and the
"Related" line stay out of the index (scripts/outputs/page_text.py reads the parts).
Every part is written with the site's spelling variants rewritten (spelling.py), and the
table that does it is written beside the index for docs/assets/search.js to rewrite the
query alike.

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


def question_records(site: Site, pages: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """A small HTML document per question, cut from its section page (`pages`: docs path ->
    the page's HTML, whole or its content alone), and the spelling variants table they were
    written with."""
    texts = []
    for section in site.sections:
        parts = question_parts(pages.get(section.page, ""))
        for question in section.questions:
            if question.id not in parts:
                raise SearchIndexError(f"docs/{section.page}: no heading with id '{question.id}' to index")
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


class Indexing:
    """Pagefind indexing the questions in its own process, started from the section pages'
    HTML: the build goes on meanwhile, and finish() completes site_dir/pagefind/."""

    def __init__(self, site: Site, pages: dict[str, str], site_dir: Path) -> None:
        records, self.table = question_records(site, pages)
        self.site_dir, self.output = site_dir, site_dir / OUTPUT
        shutil.rmtree(self.output, ignore_errors=True)
        # Pagefind's own command on a folder of the records. Its Python API runs the same
        # binary as a service: that took twice as long, and, closed right after writing, it
        # left files cut short (twice in 16 indexings: an empty pagefind-entry.json, a
        # pagefind.js of 32,768 of 45,555 bytes).
        self.folder = tempfile.TemporaryDirectory()
        for number, document in enumerate(records):
            (Path(self.folder.name) / f"{number}.html").write_text(document, encoding="utf-8")
        self.log = tempfile.TemporaryFile("w+")
        command = [str(get_executable()), "--site", self.folder.name, "--output-path", str(self.output),
                   "--force-language", "en"]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    def stop(self) -> None:
        """Wait for Pagefind to end, then remove its input and its log (as when the build fails)."""
        self.process.wait()
        self.folder.cleanup()
        self.log.close()

    def finish(self) -> Path:
        """Wait for Pagefind, then write the rest of the index; returns its folder."""
        self.process.wait()
        self.log.seek(0)
        printed = self.log.read()
        self.stop()
        if self.process.returncode != 0:
            raise SearchIndexError(f"Pagefind could not index the questions:\n{printed}")
        (self.output / SPELLINGS).write_text(
            json.dumps(self.table, sort_keys=True, separators=(",", ":")), encoding="utf-8"
        )
        for name in UNUSED:
            (self.output / name).unlink(missing_ok=True)
        # Material's search plugin writes a lunr index of the whole site that nothing reads.
        shutil.rmtree(self.site_dir / "search", ignore_errors=True)
        return self.output
