"""The drill scheduler's unit tests (tests/js/scheduler.test.js), run by Node's own test
runner: they pin the intervals a card earns for each grade."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT


def test_scheduler_unit_tests_pass():
    node = shutil.which("node")
    assert node, "the scheduler's unit tests need Node.js 20 or newer on the PATH"
    files = [str(path) for path in sorted((ROOT / "tests" / "js").glob("*.test.js"))]
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
