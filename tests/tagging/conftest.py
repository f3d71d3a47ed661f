"""Shared fixtures: the real taxonomy, one tagger per session, and a tiny taxonomy writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.tagging import Tagger, load_taxonomy
from tests.conftest import REPO_ROOT

TAXONOMY_DIR = REPO_ROOT / "config" / "taxonomy"
LABELLED = REPO_ROOT / "tests" / "data" / "tagging_labelled.jsonl"

MINI_PROVINCES = """\
provinces:
  - code: KP
    name: Khyber Pakhtunkhwa
    acronyms: [KP]
    districts:
      - {name: Bannu, towns: [Jani Khel]}
      - {name: Tank}
  - code: BA
    name: Balochistan
    districts:
      - {name: Quetta}
ambiguity:
  ordinary_words:
    - {term: Tank}
foreign:
  afghanistan: [Kabul]
"""

MINI_GROUPS = """\
groups:
  - code: TTP
    name: Tehreek-e-Taliban Pakistan
    kind: jihadist
    provinces: [KP]
    acronyms: [TTP]
  - code: BLA
    name: Balochistan Liberation Army
    kind: baloch_separatist
    acronyms: [BLA]
"""


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return Tagger(load_taxonomy(TAXONOMY_DIR))


@pytest.fixture()
def write_taxonomy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write provinces.yaml / groups.yaml (defaults: a small valid taxonomy) and, if given, names_ur.yaml;
    return the dir."""

    def write(provinces: str = MINI_PROVINCES, groups: str = MINI_GROUPS,
              names_ur: str | None = None) -> Path:
        (tmp_path / "provinces.yaml").write_text(provinces, encoding="utf-8")
        (tmp_path / "groups.yaml").write_text(groups, encoding="utf-8")
        if names_ur is not None:
            (tmp_path / "names_ur.yaml").write_text(names_ur, encoding="utf-8")
        return tmp_path

    return write
