"""Faults outside the section pages, found in process on a copy of the project: each
names the file and line where the author must act."""

from __future__ import annotations

import shutil

import pytest

from source_edits import SOURCE_FAULTS
from studysite.build.source_faults import all_faults
from studysite.model.questions import ROOT
from studysite.project import copy_project


def test_a_feature_script_deleted_while_features_js_loads_it_is_reported_there(tmp_path, monkeypatch):
    for part in ("mkdocs.yml", "docs", "overrides"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    monkeypatch.chdir(tmp_path)
    assert all_faults(tmp_path / "mkdocs.yml") == []
    (tmp_path / "docs" / "assets" / "figure-zoom.js").unlink()
    features = (tmp_path / "docs" / "assets" / "features.js").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(features, 1) if '"figure-zoom.js"' in text)
    assert all_faults(tmp_path / "mkdocs.yml") == [
        f"docs/assets/features.js:{line}: script 'figure-zoom.js' is loaded by name here but does not exist"
    ]


@pytest.mark.parametrize("fault", SOURCE_FAULTS, ids=lambda f: f.__name__)
def test_source_fault_is_reported_at_its_file_and_line(tmp_path, monkeypatch, fault):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    path, line, message = fault(project)
    faults = all_faults(project / "mkdocs.yml")
    assert any(f.startswith(f"{path}:{line}: ") and message in f for f in faults), faults
