"""One spelling on the site: American. Fails on British forms in the prose of every
docs/*.md page, with file:line and the American form, and ignores what is not prose:
front matter, fenced code, code spans, math, macro lines such as aliases(), link targets,
HTML tags and quoted text (titles, quotations). The rules live in scripts/outputs/spelling.py,
where search's table of spelling variants is made from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studysite.outputs.spelling import american, rewriter

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.glob("*.md"))

# What is not prose, removed from a line before it is checked.
FENCE = re.compile(r"^\s*(```|~~~)")
DISPLAY_MATH = re.compile(r"^\s*\$\$\s*$")
ADMONITION_TITLE = re.compile(r'^(\s*(\?\?\?|!!!)\+?\s+[\w-]+\s+)"(.*)"\s*$')
NOT_PROSE = [
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}"),  # macros: aliases(), related(), q(), ...
    re.compile(r"(`+).+?\1"),  # code spans
    re.compile(r"\$\$.+?\$\$|\$[^$\s][^$]*\$"),  # math
    re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+"),  # link targets, addresses
    re.compile(r"<[^>]+>"),  # HTML tags and comments on one line
    re.compile(r'"[^"]*"|“[^”]*”'),  # quoted text
    re.compile(r"\{\s*[#.][^}]*\}"),  # attribute lists: { #id }, { .figure }
    re.compile(r"^\s*--8<--.*$"),  # snippet includes
]


def prose_lines(text: str):
    """(line number, prose) for every line of a page, with the non-prose parts blanked."""
    in_fence = in_math = False
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        start = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) + 1
    for number, line in enumerate(lines[start:], start + 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and DISPLAY_MATH.match(line):
            in_math = not in_math
            continue
        if in_fence or in_math:
            continue
        if title := ADMONITION_TITLE.match(line):
            line = title[3]  # a folded block's title is prose, not a quotation
        for pattern in NOT_PROSE:
            line = pattern.sub(" ", line)
        yield number, line


def british_forms(path: Path) -> list[str]:
    """One 'file:line: ...' message per British form in the page's prose."""
    shown = path.relative_to(DOCS.parent) if path.is_relative_to(DOCS.parent) else path
    hits = []
    for number, line in prose_lines(path.read_text(encoding="utf-8")):
        for word in re.findall(r"[A-Za-z]+", line):
            if fix := american(word):
                fix = fix.capitalize() if word[0].isupper() else fix
                hits.append(f"{shown}:{number}: British '{word}', write '{fix}'")
    return hits


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_page_prose_uses_american_spelling(path):
    hits = british_forms(path)
    assert not hits, "British spellings in prose:\n" + "\n".join(hits)


def test_the_checker_flags_british_prose_and_nothing_else(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: normalise\n---\n"
        "We normalise the colour of labelled data at the centre; an analysis that analysed it.\n"
        '??? question "Why regularise?"\n'
        "    Supervised learning, a precise exercise: otherwise noise will rise, raising doubt in crises.\n"
        "    Pairwise analyses of unsupervised models, modeled and labeled, with a `tokenise()` call.\n"
        '    As the paper "Optimisation for Learning" says, $\\text{normalise}$ is math.\n'
        "$$\n\\text{organise}\n$$\n"
        "```python\n# optimise\n```\n"
        '{{ aliases("regularisation", "behaviour") }}\n'
        "[link](https://example.org/visualise) and initialisations.\n",
        encoding="utf-8",
    )
    hits = [hit.split(": ", 1)[1] for hit in british_forms(page)]
    assert hits == [
        "British 'normalise', write 'normalize'",
        "British 'colour', write 'color'",
        "British 'labelled', write 'labeled'",
        "British 'centre', write 'center'",
        "British 'analysed', write 'analyzed'",
        "British 'regularise', write 'regularize'",
        "British 'initialisations', write 'initializations'",
    ]
    lines = [int(re.search(r":(\d+): British", hit)[1]) for hit in british_forms(page)]
    assert lines == [4, 4, 4, 4, 4, 5, 16]


# Words that only look like -ise/-yse forms: a stem too short for an -ize verb (disable,
# miser, irises), one ending in a vowel (Kaiser, geyser, porpoise, malaise), a prefix
# (uprising, inadvisable, disenfranchised) or a noun (chemise, trellises).
LOOKALIKES = """disable miser irises anise Kaiser geyser porpoise malaise turquoise
    uprising inadvisable disenfranchised exorcise chemise valise trellises""".split()


@pytest.mark.parametrize("word", LOOKALIKES)
def test_words_that_only_look_british_pass(word):
    assert american(word) is None


@pytest.mark.parametrize(
    ("word", "fix"),
    [("organise", "organize"), ("analysable", "analyzable"), ("tokenisers", "tokenizers"),
     ("idealisation", "idealization"), ("practise", "practice"), ("practising", "practicing")],
)
def test_british_forms_get_their_american_spelling(word, fix):
    assert american(word) == fix


def test_the_rewriter_spells_variants_as_search_does():
    respell = rewriter({"normalise": "normalize", "mini batch": "mini-batch", "mini batches": "mini-batches",
                        "difference in differences": "difference-in-differences"})
    assert respell("Normalise the mini\nbatches; normalise2 and mini-batch stay.") == (
        "Normalize the mini-batches; normalise2 and mini-batch stay."
    )
    assert respell("Use difference in differences, not a difference in means.") == (
        "Use difference-in-differences, not a difference in means."
    )
    assert rewriter({})("Text") == "Text"
