"""Edits that break a copy of the project as an author might by accident. Each takes the
copy's folder and returns (path, line, message): what the author must be shown, as
"path:line: message", at the line where they must act.

Each fault is tested once where it is found: the question model's in process
(test_question_model.py), those of mkdocs.yml, overrides/ and includes in process too
(test_source_faults.py), and those only a build shows through a build
(test_author_faults.py). One of each of the first two kinds also goes through each entry
point, the build (test_author_faults.py) and the checker (test_check_site.py), to prove
the faults reach the author from there.
"""

from __future__ import annotations

from studysite.model.questions import load_site


def dropout(project):
    return load_site(project / "docs").by_id()["dropout"]


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def replace_line(path, number, old, new):
    """Replace `old` in line `number` (1-based); the line must hold it."""
    lines = lines_of(path)
    assert old in lines[number - 1], (path, number, old)
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def insert_line(path, number, text):
    """Insert `text` so that it becomes line `number`."""
    lines = lines_of(path)
    lines.insert(number - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def line_holding(path, needle):
    return next(n for n, text in enumerate(lines_of(path), 1) if needle in text)


def add_to_answer(project, text):
    """Insert a line into question 9's full answer; returns its page and line number."""
    q = dropout(project)
    path, name = page_of(project, q)
    number = q.lines["answer"] + 2
    insert_line(path, number, text)
    return name, number


def page_of(project, q):
    return project / "docs" / q.page, f"docs/{q.page}"


# --- the section pages --------------------------------------------------------------

def heading_without_id(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.line, " { #dropout }", "")
    return name, q.line, "question 9 has no id"


def heading_with_three_hashes(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.line, "## 9.", "### 9.")
    return name, q.line, "heading '### 9. What is dropout and how does it work? { #dropout }' inside question 8"


def misspelled_related_macro(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["related"], "related(", "relatd(")
    return name, q.lines["related"], "unknown macro 'relatd' under question 9"


def misspelled_topics_macro(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["topics"], "topics(", "topic(")
    return name, q.lines["topics"], "unknown macro 'topic' under question 9"


def unindented_answer_line(project):
    q = dropout(project)
    path, name = page_of(project, q)
    number = q.lines["answer"] + 2  # the first paragraph of the full answer
    replace_line(path, number, "    ", "")
    return name, number, "text after question 9's full answer: indent it four spaces"


def admonition_instead_of_fold(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["answer"], "???", "!!!")
    return name, q.lines["answer"], "write the full answer's first line exactly as"


def answer_fold_open_by_default(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["answer"], "???", "???+")
    return name, q.lines["answer"], "write the full answer's first line exactly as"


def one_follow_up(project):
    q = dropout(project)
    path, name = page_of(project, q)
    lines = lines_of(path)
    follow_ups = [
        n for n in range(q.lines["follow_ups"], q.lines["answer_end"] + 1) if '??? question "' in lines[n - 1]
    ]
    for number in follow_ups[1:]:
        replace_line(path, number, "??? question", "??? note")
    return name, q.lines["follow_ups"], "question 9's full answer must end with **Follow-ups** and two or three"


def short_answer_too_long(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["short"], q.short.split("\n")[0], q.short.split("\n")[0] + " More words." * 40)
    return name, q.lines["short"], "question 9's short answer is longer than 300 characters"


def short_answer_missing(project):
    q = dropout(project)
    path, name = page_of(project, q)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(q.short, "", 1), encoding="utf-8")
    return name, q.line + 1, "question 9 has an empty short answer"


def empty_full_answer(project):
    q = dropout(project)
    path, name = page_of(project, q)
    lines = lines_of(path)
    start = q.lines["answer"]  # the line after the ??? line
    end = next(i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].startswith(" "))
    path.write_text("\n".join(lines[:start] + [""] + lines[end:]), encoding="utf-8")
    return name, q.lines["answer"], "question 9 has an empty full answer"


def duplicate_id(project):
    q = load_site(project / "docs").by_id()["attention"]
    path, name = page_of(project, q)
    replace_line(path, q.line, "{ #attention }", "{ #dropout }")
    return name, q.line, "duplicate id 'dropout'"


def duplicate_number(project):
    q = load_site(project / "docs").by_id()["attention"]
    path, name = page_of(project, q)
    replace_line(path, q.line, "## 10.", "## 9.")
    return name, q.line, "duplicate question number 9"


def title_not_canonical(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.line, q.title, "What is dropout?")
    return name, q.line, "expected question 9. 'What is dropout and how does it work?' here"


def unknown_related_id(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["related"], 'related("', 'related("no-such-question", "')
    return name, q.lines["related"], "related question id 'no-such-question' does not exist"


def one_related_id(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["related"], lines_of(path)[q.lines["related"] - 1], '{{ related("attention") }}')
    return name, q.lines["related"], "question 9 needs at least two related questions"


def unknown_topic(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["topics"], 'topics("', 'topics("no-such-topic", "')
    return name, q.lines["topics"], "unknown topic 'no-such-topic'"


def bad_id_in_inline_link(project):
    name, number = add_to_answer(project, '    See {{ q("bad-id") }} too.')
    return name, number, "unknown question id 'bad-id'"


def link_to_missing_page(project):
    name, number = add_to_answer(project, "    See [the notes](no-such-page.md).")
    return name, number, "contains a link 'no-such-page.md', but the target is not found"


def link_to_missing_anchor(project):
    name, number = add_to_answer(project, "    See [attention](#no-such-anchor).")
    return name, number, "contains a link '#no-such-anchor'"


def missing_image(project):
    name, number = add_to_answer(project, "    ![a plot of the mask](figures/no-such-figure.svg)")
    return name, number, "contains a link 'figures/no-such-figure.svg', but the target is not found"


def missing_include(project):
    path = project / "docs" / "deep-learning.md"
    number = line_holding(path, '--8<-- "code/dropout.py"')
    replace_line(path, number, "code/dropout.py", "code/drop-out.py")
    return "docs/deep-learning.md", number, "included file 'code/drop-out.py' does not exist in docs/"


def macro_typo_on_a_derived_page(project):
    path = project / "docs" / "topics.md"
    number = line_holding(path, "topic_index()")
    replace_line(path, number, "topic_index()", "topic_indx()")
    return "docs/topics.md", number, "unknown macro or variable 'topic_indx'"


# --- math ----------------------------------------------------------------------------

def inline_math(latex):
    def fault(project):
        name, number = add_to_answer(project, f"    A formula: ${latex}$ here.")
        return name, number, "cannot typeset"
    fault.__name__ = f"inline_math_{latex}"
    return fault


def key_formula_unbalanced(project):
    q = dropout(project)
    path, name = page_of(project, q)
    replace_line(path, q.lines["formula"], "}", "")
    return name, q.lines["formula"], "cannot typeset math"


# --- mkdocs.yml, overrides/, docs/assets/, docs/code/ -----------------------------------

def config_fault(old, new, message):
    def fault(project):
        path = project / "mkdocs.yml"
        number = line_holding(path, old)
        replace_line(path, number, old, new)
        return "mkdocs.yml", number, message.format(new=new)
    fault.__name__ = f"mkdocs.yml {new}"
    return fault


def page_not_in_nav(project):
    (project / "docs" / "notes.md").write_text("# Notes\n\nScratch.\n", encoding="utf-8")
    return "mkdocs.yml", line_holding(project / "mkdocs.yml", "nav:"), "page 'notes.md' is not listed in nav"


def deleted_asset(project):
    (project / "docs" / "assets" / "search.js").unlink()
    number = line_holding(project / "mkdocs.yml", "assets/search.js")
    return "mkdocs.yml", number, "extra_javascript file 'assets/search.js' does not exist in docs/"


def deleted_code_file(project):
    (project / "docs" / "code" / "dropout.py").unlink()
    number = line_holding(project / "docs" / "deep-learning.md", '--8<-- "code/dropout.py"')
    return "docs/deep-learning.md", number, "included file 'code/dropout.py' does not exist in docs/"


def first_markup_line(path) -> int:
    """The first line of a template that is markup, below its opening comment."""
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("<"))


def template_stray_endif(project):
    path = project / "overrides" / "partials" / "search.html"
    line = first_markup_line(path)
    insert_line(path, line, "{% endif %}")
    return "overrides/partials/search.html", line, "template error: Encountered unknown tag 'endif'"


def template_bad_expression(project):
    path = project / "overrides" / "partials" / "search.html"
    line = first_markup_line(path)
    insert_line(path, line, "{{ config.site_name | }}")
    return "overrides/partials/search.html", line, "template error:"


# --- scripts/canon.toml, scripts/topics.toml --------------------------------------------

def canon_unclosed_string(project):
    path = project / "scripts" / "canon.toml"
    number = line_holding(path, 'page = "deep-learning.md"')
    replace_line(path, number, 'learning.md"', "learning.md")
    return "scripts/canon.toml", number, "Illegal character"


def canon_section_without_page(project):
    path = project / "scripts" / "canon.toml"
    number = line_holding(path, 'page = "deep-learning.md"')
    replace_line(path, number, "page =", "pages =")
    title = line_holding(path, 'title = "Deep Learning"')
    return "scripts/canon.toml", title, "section 2 in canon.toml needs a page"


def topics_without_name(project):
    path = project / "scripts" / "topics.toml"
    replace_line(path, line_holding(path, 'name = "Regularization"'), "name =", "title =")
    return "scripts/topics.toml", line_holding(path, "[regularization]"), "topic 'regularization' needs a name"


def topics_duplicate_table(project):
    path = project / "scripts" / "topics.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[regularization]\nname = "Again"\nabout = "Twice."\n')
    return "scripts/topics.toml", len(lines_of(path)) - 3, "Cannot declare"


def topic_removed_while_in_use(project):
    path = project / "scripts" / "topics.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[regularization]")
    end = text.index("\n[", start + 1)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    q = dropout(project)
    return f"docs/{q.page}", q.lines["topics"], "unknown topic 'regularization'"


# The question model finds these (load_site(...).faults).
MODEL_FAULTS = [
    heading_without_id, heading_with_three_hashes, misspelled_related_macro, misspelled_topics_macro,
    unindented_answer_line, admonition_instead_of_fold, answer_fold_open_by_default, one_follow_up,
    short_answer_too_long, short_answer_missing, empty_full_answer, duplicate_id, duplicate_number,
    title_not_canonical, unknown_related_id, one_related_id, unknown_topic,
    canon_unclosed_string, canon_section_without_page, topics_without_name, topics_duplicate_table,
    topic_removed_while_in_use,
]
# scripts/build/source_faults.py finds these before the build (all_faults(mkdocs.yml)).
SOURCE_FAULTS = [
    missing_include, deleted_asset, deleted_code_file, template_stray_endif, template_bad_expression,
    config_fault("assets/site.css", "assets/style.css", "extra_css file '{new}' does not exist in docs/"),
    config_fault("assets/search.js", "assets/serch.js", "extra_javascript file '{new}' does not exist in docs/"),
    config_fault(
        "favicon: assets/favicon.svg", "favicon: assets/favicon.png", "favicon 'assets/favicon.png' does not exist"
    ),
]
# Only a build shows these: links, images and the nav (MkDocs' warnings, given a line),
# macros and math in a page (its rendering). Every way math can fail is tested on the
# typesetter itself (test_math.py); one formula here proves a page's fault reaches its line.
BUILD_FAULTS = [
    bad_id_in_inline_link, link_to_missing_page, link_to_missing_anchor, missing_image,
    macro_typo_on_a_derived_page, inline_math("\\frac{1}{2"), key_formula_unbalanced, page_not_in_nav,
    config_fault("- behavioral.md", "- behavioural.md", "nav entry 'behavioural.md' is not a page in docs/"),
]
