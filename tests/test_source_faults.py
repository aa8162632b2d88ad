"""Faults outside the section pages, found in process on a copy of the project: each
names the file and line where the author must act."""

from __future__ import annotations

import shutil

from studysite.build.source_faults import all_faults
from studysite.model.questions import ROOT


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
