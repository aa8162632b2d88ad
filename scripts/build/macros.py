"""mkdocs-macros module: the macros pages call, all fed by the question model.

{{ q("id") }}            a link to a question, its number and title filled in
{{ related("id", ...) }} the "Related" line under a question
{{ topics("slug", ...) }} the "Topics" line under a question
{{ key_points("point", ...) }} what an interviewer listens for; {{ roles("slug", ...) }} the loops
                         that ask it: both show nothing (the drill, decks and filters read them
                         from the question model)
{{ aliases("term", ...) }} extra search terms for a question: shows nothing (scripts/outputs/search_index.py
                         reads them from the question model)
{{ section_table() }}    the home page's table of sections with question counts, per role too
{{ role_filter() }}      the role choice of home and the topic index, with a link to drill the role
{{ section_links() }}    a plain list of links to the section pages (the drill page without JS)
{{ topic_index() }}      the topic index page's body
{{ cheatsheet("core") }} the short answers and key formulas of the core questions (or
                         "extension": the others), grouped by section
{{ cheatsheet_pdfs() }}  links to this cheat sheet's PDFs, when this build makes them
{{ core_count() }}, {{ extension_count() }} how many questions each part holds
{{ deck_downloads() }}   links to the Anki deck and the CSV that every build writes
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from mkdocs.exceptions import PluginError

from studysite.build.mathml import MathFault, display_block, to_mathml
from studysite.model.questions import display_path, load_site
from studysite.outputs.names import APKG, CHEATSHEET_PDF, CSV, DECK_DIR, pdf_files

# Fenced code blocks and inline code spans are shown as written: wrapped in {% raw %}
# before Jinja renders the page, so `{{`, `{%` and f-string braces in code survive.
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?\n(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"(?<!`)`[^`\n]*(?:\{\{|\{%|\{#)[^`\n]*`(?!`)")
# Inline math in a short answer, as pymdownx.arithmatex finds it.
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)(?P<latex>[^$\n]+?)(?<![\s\\])\$")


# The ids and topic slugs of this build, for on_pre_page_macros() to check calls against:
# a macro that raises while Jinja renders makes mkdocs-macros print a traceback.
KNOWN: dict[str, set[str]] = {"ids": set(), "topics": set(), "roles": set()}
# Section page -> (heading line of its first question beyond the core, the divider put
# above it) for on_post_page_macros(): where a reader leaves the core questions.
DIVIDERS: dict[str, tuple[re.Pattern, str]] = {}
CHECKED_ARGUMENTS = {
    "q": ("ids", "question id"),
    "related": ("ids", "question id"),
    "topics": ("topics", "topic"),
    "roles": ("roles", "role"),
}


def define_env(env):
    # Parsed once per build (define_env runs again on every `mkdocs serve` rebuild).
    # Any fault stops the build here, before a single page is rendered.
    loaded = load_site(env.conf["docs_dir"])
    cards, math_faults = cheatsheet_cards(loaded, Path(env.conf["docs_dir"]))
    if faults := loaded.faults + math_faults:
        raise PluginError("the question pages have faults:\n" + "\n".join(faults))
    by_id = loaded.by_id()
    KNOWN.update(ids=set(by_id), topics=set(loaded.topics), roles=set(loaded.roles))
    DIVIDERS.clear()
    for section in loaded.sections:
        if beyond := [q for q in section.questions if not q.core]:
            heading = re.compile(rf"^## {beyond[0].number}\. .*$", re.M)
            DIVIDERS[section.page] = (heading, divider(beyond[0].number, beyond[-1].number))

    def link(page: str, anchor: str, text: str, css: str) -> str:
        here = posixpath.dirname(env.page.file.src_uri)
        target = posixpath.relpath(page, here or ".")
        return f"[{text}]({target}#{anchor}){{ .{css} }}"

    def fault(message: str, needle: str) -> PluginError:
        """An error naming the page and the first source line that holds `needle`."""
        path = Path(env.page.file.abs_src_path)
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if needle in text), 1)
        return PluginError(f"{display_path(path)}:{line}: {message}")

    def question_link(question_id: str) -> str:
        if question_id not in by_id:
            raise fault(f"unknown question id '{question_id}'", f'"{question_id}"')
        question = by_id[question_id]
        return link(question.page, question.id, f"{question.number}. {question.title}", "qref")

    @env.macro
    def q(question_id: str) -> str:
        return question_link(question_id)

    @env.macro
    def related(*ids: str) -> str:
        return "**Related:** " + " · ".join(question_link(i) for i in ids)

    @env.macro
    def topics(*slugs: str) -> str:
        for slug in slugs:
            if slug not in loaded.topics:
                raise fault(f"unknown topic '{slug}'", f'"{slug}"')
        chips = (link("topics.md", slug, loaded.topics[slug]["name"], "topic") for slug in slugs)
        return "**Topics:** " + " · ".join(chips)

    @env.macro
    def aliases(*terms: str) -> str:
        # Nothing on the page: the search index takes the terms from the question model.
        return ""

    @env.macro
    def key_points(*points: str) -> str:
        # Nothing on the page: the drill and the decks take them from the question model.
        return ""

    @env.macro
    def roles(*slugs: str) -> str:
        # Nothing on the page: role filters take them from the question model.
        return ""

    def asked_of(questions) -> dict[str, list]:
        """The questions each role is asked, by role slug ("" for every role)."""
        return {"": questions} | {role: [q for q in questions if role in q.roles] for role in loaded.roles}

    def per_role(text: dict[str, str], css: str = "") -> str:
        """One span per role, `text[role]` in it; roles.js shows the chosen role's span."""
        spans = (
            f'<span{css} data-role="{role}"{" hidden" if role else ""}>{value}</span>' for role, value in text.items()
        )
        return "".join(spans)

    @env.macro
    def section_table() -> str:
        # The Known cells are filled in the browser from saved drill progress (study.js).
        rows = ["| Section | Core | Beyond the core | Known |", "| --- | ---: | ---: | ---: |"]
        for section in loaded.sections:
            cells = []
            for questions in ([q for q in section.questions if q.core == core] for core in (True, False)):
                numbers = [q.number for q in questions]
                counts = {
                    role: f"{len(qs)} of {len(questions)}" if questions else "–"
                    for role, qs in asked_of(questions).items()
                }
                counts[""] = f"{len(numbers)} ({numbers[0]}–{numbers[-1]})" if numbers else "–"
                cells.append(per_role(counts))
            cells.append(
                "".join(
                    per_role({role: "–"}, f' class="known-count" data-ids="{" ".join(q.id for q in asked)}"')
                    for role, asked in asked_of(section.questions).items()
                )
            )
            rows.append(f"| [{section.title}]({section.page}) | {' | '.join(cells)} |")
        return "\n".join(rows)

    @env.macro
    def role_filter() -> str:
        """Raw HTML, as deck_downloads(); the roles' own links are written by roles.js."""
        options = "".join(f'<option value="{slug}">{html.escape(name)}</option>' for slug, name in loaded.roles.items())
        drill = posixpath.relpath("drill", env.page.url or ".") + "/"
        return (
            f'<p class="role-filter"><label>Role <select><option value="">Any role</option>{options}</select></label> '
            f'<a class="role-link" href="{drill}">Drill these questions</a></p>'
        )

    @env.macro
    def section_links() -> str:
        return "\n".join(f"- [{section.title}]({section.page})" for section in loaded.sections)

    @env.macro
    def question_count() -> int:
        return len(loaded.questions)

    def roles_of(questions) -> str:
        return " ".join(role for role in loaded.roles if any(role in q.roles for q in questions))

    @env.macro
    def core_count() -> int:
        return sum(q.core for q in loaded.questions)

    @env.macro
    def extension_count() -> int:
        return sum(not q.core for q in loaded.questions)

    @env.macro
    def topic_index() -> str:
        """An overview line of every topic in use, then one block per topic. Each topic and
        question carries the roles it is asked of, and each count a span per role (roles.js)."""
        used = {slug: tagged for slug in loaded.topics if (tagged := loaded.topic_questions(slug))}
        chips = []
        for slug, tagged in used.items():
            counts = per_role({role: f"({len(qs)})" for role, qs in asked_of(tagged).items()})
            chips.append(
                f'[{loaded.topics[slug]["name"]} {counts}](#{slug}){{ .topic data-roles="{roles_of(tagged)}" }}'
            )
        blocks = [" ".join(chips)]
        for slug, tagged in used.items():
            topic = loaded.topics[slug]
            items = "\n".join(
                "- " + link(q.page, q.id, f"{q.number}. {q.title}", "qref") + f" <small>{q.section}</small>\n"
                f'  {{ data-roles="{" ".join(q.roles)}" }}'
                for q in tagged
            )
            drill = f"[Drill this topic](drill.md?topic={slug}){{ .role-link }}"
            blocks.append(
                f'<div class="topic-block" data-roles="{roles_of(tagged)}" markdown>\n\n'
                f"## {topic['name']} {{ #{slug} }}\n\n{topic['about']}\n\n{items}\n\n{drill}\n\n</div>"
            )
        return "\n\n".join(blocks)

    @env.macro
    def cheatsheet(tier: str) -> str:
        if tier not in ("core", "extension"):
            raise fault(f'cheatsheet() takes "core" or "extension", not {tier!r}', "cheatsheet(")
        sections = []
        for section in loaded.sections:
            cards_here = []
            for q in section.questions:
                if q.core != (tier == "core"):
                    continue
                number = link(q.page, q.id, str(q.number), "cs-number")
                cards_here.append(
                    f'<div class="cs-question" markdown>\n\n{number} **{q.title}** {cards[q.id]}\n\n</div>'
                )
            if cards_here:
                sections.append(f"## {section.title}\n\n" + "\n\n".join(cards_here))
        return '<div class="cheatsheet" markdown>\n\n' + "\n\n".join(sections) + "\n\n</div>"

    @env.macro
    def cheatsheet_pdfs() -> str:
        """Raw links (MkDocs cannot see files the post-build hook writes); the checker
        verifies they resolve."""
        if os.environ.get(CHEATSHEET_PDF) != "1":
            return ""
        sheet = env.page.file.src_uri.removesuffix(".md")
        links = " · ".join(f'<a href="{name}" download>{paper} PDF</a>' for paper, name in pdf_files(sheet).items())
        return f'<p class="cs-downloads">Download: {links}</p>'

    @env.macro
    def deck_downloads() -> str:
        """Raw links, like cheatsheet_pdfs(): the post-build hook writes the files. Bare
        links, so that running text around them underlines them (site.css)."""
        here = env.page.url or "."
        apkg, table = (posixpath.relpath(f"{DECK_DIR}/{name}", here) for name in (APKG, CSV))
        return (
            f'<a class="deck-download" href="{apkg}" download>Anki deck (.apkg)</a> · '
            f'<a class="deck-download" href="{table}" download>CSV for a spreadsheet or Anki</a>'
        )


def cheatsheet_cards(loaded, docs: Path) -> tuple[dict[str, str], list[str]]:
    """Each question's short answer and key formula for its cheat-sheet card. The card sits
    in a <div markdown>, where a raw `<` in LaTeX would break the HTML of the whole page:
    inline math is typeset here; a key formula is checked here, then written as
    arithmatex writes it (LaTeX escaped) for hooks.typeset_math to typeset after Markdown,
    which no longer parses its hundreds of MathML tags (4 s at 3,000 questions). A formula
    fault is reported at the section page's line."""
    cards, faults = {}, []
    for q in loaded.questions:
        try:
            short = INLINE_MATH.sub(lambda m: to_mathml(m["latex"]), " ".join(q.short.split()))
        except MathFault as fault:
            faults.append(f"{display_path(docs / q.page)}:{q.lines['short']}: {fault}")
            continue
        formula = ""
        if q.formula:
            try:
                display_block(q.formula)
                formula = f'\n\n<div class="arithmatex">\\[{html.escape(q.formula, quote=False)}\\]</div>'
            except MathFault as fault:
                faults.append(f"{display_path(docs / q.page)}:{q.lines['formula']}: {fault}")
        cards[q.id] = short + formula
    return cards, faults


def divider(first: int, last: int) -> str:
    span = f"question {first}" if first == last else f"questions {first}–{last}"
    return (
        f'<p class="tier-divider" id="beyond-the-core"><strong>Beyond the core: {span}.</strong> '
        "The questions above are among the core 30 that nearly every loop asks; the ones below "
        "go further, into what a 2026 loop may also ask.</p>"
    )


def on_post_page_macros(env):
    """A section page gets its divider above its first question beyond the core."""
    if entry := DIVIDERS.get(env.page.file.src_uri):
        heading, text = entry
        env.markdown = heading.sub(lambda match: f"{text}\n\n{match[0]}", env.markdown, count=1)


def on_pre_page_macros(env):
    """Before Jinja renders a page: shield code from it, catch unknown macro names and
    arguments, then render it here. mkdocs-macros would parse the page a second time to
    render it; it is told instead that the page is done (render_macros: false)."""
    if env.page.meta.get("render_macros") is False:
        return  # a page that asks to be shown as written
    source = Path(env.page.file.abs_src_path)

    def protect(match: re.Match) -> str:
        code = match.group(0)
        if "endraw" in code:
            raise PluginError(f"{display_path(source)}: code may not contain 'endraw'")
        return "{% raw %}" + code + "{% endraw %}"

    env.markdown = INLINE_CODE.sub(protect, FENCE.sub(protect, env.markdown))

    # Line numbers in env.markdown start after the front matter MkDocs removed.
    offset = len(source.read_text(encoding="utf-8").splitlines()) - len(env.markdown.splitlines())
    try:
        template = env.env.parse(env.markdown)
    except TemplateSyntaxError as error:
        raise PluginError(f"{display_path(source)}:{error.lineno + offset}: {error.message}") from None
    if fault := unknown_name(template, env):
        line, message = fault
        raise PluginError(f"{display_path(source)}:{line + offset}: {message}")
    try:
        env.markdown = env.env.from_string(template).render({**env.variables, **env.page.meta})
    except PluginError:
        raise  # a macro's own fault, with its line
    except Exception as error:  # a macro called wrongly, such as q() without an id
        raise PluginError(f"{display_path(source)}:{_template_line(error) + offset}: {error}") from None
    env.page.meta["render_macros"] = False


def unknown_name(template: nodes.Template, env) -> tuple[int, str] | None:
    """(line, message) of the first unknown macro, variable or argument in a page."""
    found = list(template.find_all((nodes.Name, nodes.Call)))  # one walk of the page's tree
    names = [node for node in found if isinstance(node, nodes.Name)]
    stored = {node.name for node in names if node.ctx != "load"}
    known = set(env.variables) | set(env.macros) | set(env.filters) | stored
    for node in names:
        if node.ctx == "load" and node.name not in known:
            return node.lineno, f"unknown macro or variable '{node.name}'"
    for call in found:
        if isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and call.node.name in CHECKED_ARGUMENTS:
            kind, what = CHECKED_ARGUMENTS[call.node.name]
            for argument in call.args:
                if isinstance(argument, nodes.Const) and argument.value not in KNOWN[kind]:
                    return call.lineno, f"unknown {what} '{argument.value}'"
    return None


def _template_line(error: Exception) -> int:
    """The line of the page where rendering failed (Jinja names a page's frames <template>)."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else 1
