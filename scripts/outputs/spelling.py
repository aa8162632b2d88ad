"""Spelling variants: the rules the prose test holds the pages to, and the one table search
uses for the indexed text and for the query alike.

The site writes American English (tests/test_spelling.py, with american() below). Readers
type British forms too, and compounds three ways (mini-batch, mini batch, minibatch).
variants() makes the table from the words of the site: each word's British forms (the
spellings that american() turns back into it) and the spaced form of each compound in
COMPOUNDS. Search rewrites both sides with it (search_index.py writes it for
docs/assets/search.js), so "normalise" finds "normalize" and "data set" finds "dataset".
A compound is rewritten with its hyphen because Pagefind indexes a hyphenated word whole
and by its parts, and reads a hyphenated query whole: "mini-batch" on either side then
meets "minibatch" and "mini batch" on the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Compounds the site writes joined or with a space, or that readers split: each one's
# spaced form is searched as its hyphenated form. A compound the site writes with a
# hyphen needs no entry for a joined query (Pagefind reads it whole) but gains one here
# for a spaced query, which would otherwise match its two words anywhere.
COMPOUNDS = """
    auto-encoder auto-encoders auto-regressive back-prop back-propagation batch-norm chat-bot
    chat-bots cross-entropy cross-validation data-set data-sets decoder-only difference-in-differences drop-out
    encoder-only feed-forward few-shot fine-tune fine-tuned fine-tunes fine-tuning
    hyper-parameter hyper-parameters in-context k-fold k-means k-nearest layer-norm
    mini-batch mini-batches multi-head over-fit over-fitting pre-train pre-trained
    pre-training post-training self-attention sub-word sub-words two-tower under-fit
    under-fitting word-piece zero-shot
""".split()

# -ise/-isation and -yse forms are caught by pattern; these words end in -ise in American
# English too (with their inflections: raised, supervising, exercises, ...; "crise" stands
# for crises, the plural of crisis, "trellise" for trellises and so on).
ISE_WORDS = set(
    """advertise advise appraise apprise arise bruise chastise chemise circumcise comprise
    compromise crise cerise concise cruise demise despise devise disguise enfranchise enterprise
    excise exercise exorcise expertise franchise guise imprecise improvise incise marquise
    merchandise metropolise mortise noise denoise otherwise paradise pelvise poise praise precise
    premise promise raise reprise revise rise sunrise supervise surmise surprise televise
    treatise trellise valise""".split()
)
ISE_PREFIXES = ("", "un", "re", "pre", "non", "semi", "self", "weakly", "over", "under", "sub", "dis", "in", "up")
ISE_KEPT = {prefix + word for prefix in ISE_PREFIXES for word in ISE_WORDS}
# The endings each British pattern takes.
ISE_ENDINGS = ("e", "es", "ed", "ing", "er", "ers", "ation", "ations", "able")
OUR_ENDINGS = ("", "s", "ed", "ing", "al", "ally", "ite", "ites", "hood", "hoods", "able", "less")
LL_ENDINGS = ("ed", "ing", "er", "ers", "ous")
ISE = re.compile(rf"\b([a-z]+)(is|ys)({'|'.join(ISE_ENDINGS)})\b", re.IGNORECASE)
# -our, -ll- and other British forms, as stems with the endings they may take.
OUR = re.compile(
    r"\b(behavio|colo|favo|labo|neighbo|hono|humo|flavo|harbo|rumo|vapo|endeavo|armo|savo|odo|"
    rf"vigo|rigo|parlo|tumo|splendo|valo|cando|ardo)ur({'|'.join(OUR_ENDINGS)})?\b",
    re.IGNORECASE,
)
DOUBLED_L = re.compile(
    r"\b(model|label|travel|cancel|signal|tunnel|channel|funnel|fuel|level|total|counsel|marshal|"
    rf"dial|equal|rival|pedal|quarrel|marvel|unravel|shovel)l({'|'.join(LL_ENDINGS)})\b",
    re.IGNORECASE,
)
OTHER = {
    "centre": "center", "centres": "centers", "centred": "centered", "centring": "centering",
    "grey": "gray", "greys": "grays", "greyscale": "grayscale", "metre": "meter", "metres": "meters",
    "litre": "liter", "fibre": "fiber", "theatre": "theater", "calibre": "caliber",
    "catalogue": "catalog", "catalogues": "catalogs", "programme": "program", "programmes": "programs",
    "licence": "license", "defence": "defense", "offence": "offense", "pretence": "pretense",
    "artefact": "artifact", "artefacts": "artifacts", "ageing": "aging", "sceptical": "skeptical",
    "aluminium": "aluminum", "enrolment": "enrollment", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "skilful": "skillful", "wilful": "willful", "instalment": "installment", "judgement": "judgment",
    "learnt": "learned", "spelt": "spelled", "practise": "practice", "practised": "practiced",
    "practises": "practices", "practising": "practicing", "focussed": "focused", "focussing": "focusing",
    "benefitted": "benefited", "manoeuvre": "maneuver", "cheque": "check", "tyre": "tire",
    "mould": "mold", "plough": "plow", "storey": "story", "distil": "distill", "distils": "distills",
}
# An American word's family (its stem with every ending of the pattern) and the British
# spelling of each member, before american() confirms them: tokenizer gives tokenise too.
FAMILIES = [
    (re.compile(rf"([a-z]{{3,}}[iy])z({'|'.join(ISE_ENDINGS)})"), "z", "s", ISE_ENDINGS),  # not size
    (re.compile(rf"([a-z]+o)r({'|'.join(OUR_ENDINGS)})"), "r", "ur", OUR_ENDINGS),
    (re.compile(rf"([a-z]+l)({'|'.join(LL_ENDINGS)})"), "", "l", LL_ENDINGS),
]
BRITISH_OTHER = {american: british for british, american in OTHER.items()}


def american(word: str) -> str | None:
    """The American form of a British spelling, or None if the word is fine."""
    lower = word.lower()
    if lower in OTHER:
        return OTHER[lower]
    if OUR.fullmatch(lower):
        return lower.replace("our", "or", 1)
    if match := DOUBLED_L.fullmatch(lower):
        return match[1] + match[2]
    if match := ISE.fullmatch(lower):
        stem, middle, ending = match.groups()
        if len(stem) < 3 or stem[-1] in "aeio":
            return None  # no -ize verb has such a stem: disable, miser, geyser, porpoise
        base = stem + middle + "e"
        if middle == "is" and (base.endswith("wise") or base in ISE_KEPT):
            return None
        if middle == "ys" and ending in ("es", "ation", "ations"):
            return None  # analyses, the plural of analysis
        if middle == "is" and stem == "improv":
            return None  # improvisation
        return stem + middle.replace("s", "z") + ending
    return None


def british(word: str) -> dict[str, str]:
    """{British spelling: American} for the family of an American word (lowercase)."""
    found = {BRITISH_OTHER[word]: word} if word in BRITISH_OTHER else {}
    for pattern, us, uk, endings in FAMILIES:
        if match := pattern.fullmatch(word):
            stem = match[1]
            found.update({stem + uk + ending: stem + us + ending for ending in endings})
    return {form: spelled for form, spelled in found.items() if american(form) == spelled}


def variants(words: set[str]) -> dict[str, str]:
    """{variant: the form search uses} for a site whose text has these words (lowercase):
    British forms to American, spaced compounds to hyphenated."""
    table = {compound.replace("-", " "): compound for compound in COMPOUNDS}
    for word in sorted(words):
        if spelled := american(word):
            table[word] = spelled
        table.update(british(word))
    return table


def words_of(text: str) -> set[str]:
    """The words of a text, lowercase, for variants()."""
    return set(re.findall(r"[a-z]+", text.lower()))


WORD = re.compile(r"\b[A-Za-z]+\b")


def rewriter(table: dict[str, str]) -> Callable[[str], str]:
    """A function that replaces every variant of the table in a text by the form search
    uses (a capital first letter kept), the longest first ("mini batches" before "mini");
    the words of a variant stand apart by spaces only. docs/assets/search.js does the
    same to a query. A dictionary lookup a word, not a pattern of every variant: that
    took half of the build's indexing time."""
    longest = max((key.count(" ") + 1 for key in table), default=1)
    starts = {key.split(" ", 1)[0] for key in table if " " in key}  # first words of longer variants

    def replace(text: str) -> str:
        words = list(WORD.finditer(text))
        pieces, done, i = [], 0, 0
        while i < len(words):
            first = words[i][0]
            lower = first.lower()
            n, spelled = 1, table.get(lower)
            if lower in starts:
                for size in range(min(longest, len(words) - i), 1, -1):
                    run = words[i : i + size]
                    if all(text[a.end() : b.start()].isspace() for a, b in zip(run, run[1:])):
                        if longer := table.get(" ".join(word[0].lower() for word in run)):
                            n, spelled = size, longer
                            break
            if spelled:
                capitalized = spelled[0].upper() + spelled[1:] if first[0].isupper() else spelled
                pieces += [text[done : words[i].start()], capitalized]
                done = words[i + n - 1].end()
            i += n
        return "".join(pieces) + text[done:]

    return replace
