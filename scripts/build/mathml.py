"""LaTeX to MathML, refusing what would not show as written.

latex2mathml quietly repairs some broken LaTeX (it closes an unbalanced brace at the end
of the formula, ignores an unknown environment, prints an unknown command as text), so
a formula is checked here first: balanced braces, \\left with \\right, \\begin with a
matching \\end of an environment latex2mathml knows, and no command left over as text.
A display formula is cut at its top-level \\qquad into parts, each its own <math>, so
that the parts wrap onto new lines on a phone, in print and on the cheat sheet.

A formula is typeset once per process: the cheat sheet repeats the short answers and key
formulas of the section pages (a build typesets 350 distinct formulas in 529 calls).
"""

from __future__ import annotations

import re
from functools import cache

from latex2mathml import commands
from latex2mathml.converter import convert


class MathFault(ValueError):
    """LaTeX that cannot be typeset as written; the message says why."""


ENVIRONMENTS = {name.lstrip("\\") for name in commands.MATRICES}
# Escaped characters first, then commands, then the brace characters themselves.
TOKEN = re.compile(r"\\[{}\\$%&_#, ;:!|]|\\(?:begin|end)\s*\{[^{}]*\}|\\[A-Za-z]+\*?|[{}]")
# Text inside the MathML that still holds a backslash is LaTeX latex2mathml did not know.
LEFTOVER = re.compile(r">([^<]*\\[^<]*)<")
# Braces (escaped ones excepted) and \qquad: what display_parts() needs to see.
QQUAD_OR_BRACE = re.compile(r"(?<!\\)[{}]|\\qquad\b")


def problems(latex: str) -> list[str]:
    """What is structurally wrong with a formula, in words; empty when nothing is."""
    found, stack = [], []  # stack holds "{", "\\left" and environment names
    for match in TOKEN.finditer(latex):
        token = match.group(0)
        if token == "{" or token == "\\left":
            stack.append(token)
        elif token == "}" or token == "\\right":
            opener = "{" if token == "}" else "\\left"
            if not stack or stack[-1] != opener:
                found.append(f"'{token}' at character {match.start() + 1} has no matching '{opener}'")
                return found
            stack.pop()
        elif token.startswith(("\\begin", "\\end")):
            name = token[token.index("{") + 1 : -1].strip()
            if name not in ENVIRONMENTS:
                found.append(f"unknown environment '{name}'")
                return found
            if token.startswith("\\begin"):
                stack.append(name)
            elif not stack or stack[-1] != name:
                found.append(f"'\\end{{{name}}}' has no matching '\\begin{{{name}}}'")
                return found
            else:
                stack.pop()
    for opener in reversed(stack):
        closer = {"{": "}", "\\left": "\\right"}.get(opener, f"\\end{{{opener}}}")
        found.append(
            f"'{closer}' is missing" if opener in ("{", "\\left") else f"'{closer}' is missing for \\begin{{{opener}}}"
        )
    return found


@cache  # a pure function of its arguments; a fault raises again, as it is not cached
def to_mathml(latex: str, display: str = "inline") -> str:
    """One formula as <math>; raises MathFault on LaTeX that would not show as written."""
    check(latex)
    try:
        mathml = convert(latex, display=display)
    except Exception as error:  # latex2mathml raises several unrelated types
        reason = str(error) or type(error).__name__
        raise MathFault(f"cannot typeset math {latex!r}: {reason}") from None
    if leftover := LEFTOVER.search(mathml):
        raise MathFault(f"cannot typeset {leftover[1]!r} in {latex!r} (unknown command)")
    return mathml


def check(latex: str) -> None:
    if found := problems(latex):
        raise MathFault(f"cannot typeset math {latex!r}: {'; '.join(found)}")


def display_block(latex: str) -> str:
    """A display formula as <div class="math">, one <math> per \\qquad-separated part."""
    check(latex)
    return '<div class="math">' + "".join(to_mathml(part, "block") for part in display_parts(latex)) + "</div>"


def display_parts(latex: str) -> list[str]:
    """The pieces of a display formula between its \\qquad separators outside braces."""
    parts, depth, start = [], 0, 0
    for match in QQUAD_OR_BRACE.finditer(latex):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(latex[start : match.start()])
            start = match.end()
    parts.append(latex[start:])
    return [part.strip() for part in parts if part.strip()]
