"""scripts/ is the package studysite, one folder per stage: a module imports only its own
stage and the stages before it, nothing patches sys.path, and the checker loads neither
the deck writer nor MkDocs."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
# The stages each folder may import from, besides its own. hooks.py (build/) writes the
# outputs after the build; the checker reads their files, so it needs only their names.
MAY_IMPORT = {
    "model": set(),
    "outputs": {"model"},
    "build": {"model", "outputs"},
    "check": {"model", "build", "outputs.names"},
    "figures": set(),
    "bench": {"model", "build", "outputs", "check"},
}
# Helpers at the package's top that every stage may use; they import no stage themselves.
SHARED = {"built_html", "project"}
MODULES = sorted(SCRIPTS.rglob("*.py"))
PATH_PATCH = re.compile(r"\bsys\.path\s*(?:\.|\[|\+?=)")


def studysite_imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name below studysite) of every studysite import of a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("studysite."):
            found += [(node.lineno, node.module.removeprefix("studysite."))]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("studysite.")]
            found += [(node.lineno, name.removeprefix("studysite.")) for name in names]
    return found


@pytest.mark.parametrize("path", [p for p in MODULES if p.parent != SCRIPTS], ids=lambda p: str(p.relative_to(SCRIPTS)))
def test_a_module_imports_only_its_own_and_earlier_stages(path):
    stage = path.relative_to(SCRIPTS).parts[0]
    allowed = MAY_IMPORT[stage] | {stage} | SHARED
    wrong = [f"line {line}: {name}" for line, name in studysite_imports(path)
             if not any(name == a or name.startswith(a + ".") for a in allowed)]
    assert not wrong, f"scripts/{stage}/ may import only {sorted(allowed)}: {wrong}"


@pytest.mark.parametrize("name", sorted(SHARED))
def test_a_shared_helper_imports_no_stage(name):
    imports = studysite_imports(SCRIPTS / f"{name}.py")
    assert not imports, f"scripts/{name}.py is used by every stage, so it may import none of them: {imports}"


@pytest.mark.parametrize(
    "path", MODULES + sorted((ROOT / "tests").glob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_nothing_patches_the_import_path(path):
    patch = PATH_PATCH.search(path.read_text(encoding="utf-8"))
    assert not patch, f"{path.name} changes sys.path: import studysite modules by their package name"


@pytest.mark.parametrize("folder", sorted(MAY_IMPORT))
def test_each_folder_says_in_its_first_line_what_it_holds(folder):
    init = SCRIPTS / folder / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring, f"scripts/{folder}/__init__.py needs a docstring saying what the folder holds"


def test_the_checker_loads_neither_the_deck_writer_nor_mkdocs():
    heavy = ("genanki", "markdown", "mkdocs", "playwright")
    code = f"import sys, studysite.check.run; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", f"importing the checker loads {result.stdout.strip()}"
