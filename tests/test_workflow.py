"""The workflows pass actionlint; every action they use is pinned by commit SHA with its
release in a comment; every job has a time limit; pull requests and pushes run the tests."""

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
ACTIONS = ROOT / ".github" / "actions"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", re.M)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_there_are_deploy_and_test_workflows():
    assert (WORKFLOWS / "deploy.yml").is_file()
    test = (WORKFLOWS / "test.yml").read_text(encoding="utf-8")
    assert re.search(r"^on:\n  push:\n  pull_request:\n", test, re.M), (
        "test.yml must run on every push and pull request"
    )
    assert re.search(r"^\s+run: make test$", test, re.M)


@pytest.mark.parametrize("workflow", workflow_files(), ids=lambda path: path.name)
def test_every_job_has_a_time_limit(workflow):
    text = workflow.read_text(encoding="utf-8")
    jobs = re.findall(r"^  ([\w-]+):\n((?:    .*\n|\n)*)", text.split("\njobs:\n", 1)[1], re.M)
    assert jobs
    for name, body in jobs:
        assert re.search(r"^    timeout-minutes: \d+$", body, re.M), (
            f"{workflow.name}: job {name} has no timeout-minutes"
        )


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


@pytest.mark.parametrize(
    "workflow",
    workflow_files() + sorted(ACTIONS.glob("*/action.yml")),
    ids=lambda path: path.relative_to(ROOT).as_posix(),
)
def test_every_action_is_pinned_by_commit_with_its_release_named(workflow):
    actions = USES.findall(workflow.read_text(encoding="utf-8"))
    assert actions
    for action, comment in actions:
        if action.startswith("./"):
            assert (ROOT / action / "action.yml").is_file(), f"{workflow.name}: {action} does not exist"
            continue
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action) and re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (
            f"{workflow.name}: {action}{comment} is not pinned by commit SHA with '# vX.Y.Z' after it"
        )
