"""The theme partials this project forks are still the ones Material ships: an upgrade
that changes one of them fails here, naming what to compare, instead of silently keeping
an old copy of Material's markup."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# The SHA-256 of each forked file as Material 9.8.1 ships it.
FORKED_FROM = {
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
}


@pytest.mark.parametrize("name", FORKED_FROM)
def test_a_forked_partial_still_matches_the_installed_material(name):
    assert (ROOT / "overrides" / name).is_file(), f"overrides/{name} is gone: drop it from FORKED_FROM"
    upstream = MATERIAL_TEMPLATES / name
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert digest == FORKED_FROM[name], (
        f"Material's {name} changed since overrides/{name} was forked from it (9.8.1): compare the two, "
        f"carry the change into the fork, then set FORKED_FROM[{name!r}] to {digest}"
    )


def test_every_partial_in_overrides_is_listed():
    forked = {
        path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides" / "partials").glob("*.html")
    }
    assert forked == set(FORKED_FROM)
