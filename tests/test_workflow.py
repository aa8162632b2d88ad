"""The deploy workflow passes actionlint, and every action it uses is pinned to a release."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
# actionlint is a pinned test dependency; its command sits next to this Python.
ACTIONLINT = Path(sys.executable).parent / "actionlint"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)", re.M)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_there_is_a_deploy_workflow():
    assert (WORKFLOWS / "deploy.yml").is_file()


def test_workflows_pass_actionlint():
    result = actionlint(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    """The linter really reads the file: a typo in an expression fails it."""
    broken = tmp_path / "deploy.yml"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and "page" in result.stdout


@pytest.mark.parametrize("workflow", workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_release(workflow):
    actions = USES.findall(workflow.read_text(encoding="utf-8"))
    assert actions
    for action in actions:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", action), f"{workflow.name}: {action} is not pinned to a release"
