"""Taxonomy loading: the real files load, and each validation rule names file, line and field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from crawler.config.yamlfile import ConfigError
from pipelines.tagging import load_taxonomy
from pipelines.tagging.matcher import Matcher
from pipelines.tagging.normalize import normalize_term
from tests.conftest import REFERENCE_GROUPS, REFERENCE_PLACES, requires_reference
from tests.tagging.conftest import MINI_GROUPS, MINI_PROVINCES, TAXONOMY_DIR

Writer = Callable[..., Path]


def _error(directory: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(directory)
    return str(caught.value)


def test_real_taxonomy_loads() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    assert set(taxonomy.province_codes) == {"PB", "SD", "KP", "BA", "ICT", "GB", "AJK"}
    for code in ("TTP", "JUA", "HGB", "IMP", "LEI", "TJP", "ISKP", "ISPP", "AQIS", "LEJ", "ASWJ", "JEM",
                 "LET", "BLA", "BLF", "BRA", "BRG", "BRAS", "UBA", "JAA", "SRA", "SDLA", "BALOCH_SEP"):
        assert code in taxonomy.group_codes
    assert len(taxonomy.terms) > 1000


def test_minimal_taxonomy_loads(write_taxonomy: Writer) -> None:
    taxonomy = load_taxonomy(write_taxonomy())
    assert taxonomy.province_codes == ("KP", "BA")


def test_unknown_key(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("    acronyms: [BLA]", "    acronyms: [BLA]\n    acronym: [BLAX]")
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:11: groups[1].acronym: unknown key" in message


def test_duplicate_province_code(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("  - code: BA", "  - code: KP")
    message = _error(write_taxonomy(provinces=broken))
    assert "provinces.yaml:8: provinces[1].code: duplicate province code 'KP'" in message


def test_duplicate_group_code(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("  - code: BLA", "  - code: TTP")
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:7: groups[1].code: duplicate group code 'TTP'" in message


def test_term_claimed_by_two_provinces_needs_a_shared_rule(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("{name: Quetta}", "{name: Quetta, towns: [Jani Khel]}")
    message = _error(write_taxonomy(provinces=broken))
    where = "provinces.yaml:11: provinces[1].districts[0].towns[0]"
    assert f"{where}: term 'Jani Khel' is claimed by KP" in message
    assert "shared_terms" in message
    rule = "ambiguity:\n  shared_terms:\n    - {term: Jani Khel, resolve: KP}\n"
    fixed = broken.replace("ambiguity:\n", rule)
    assert load_taxonomy(write_taxonomy(provinces=fixed)).province_codes == ("KP", "BA")


def test_unknown_province_code_in_group(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("provinces: [KP]", "provinces: [KP, NWFP]")
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:5: groups[0].provinces[1]: unknown province code 'NWFP'" in message


def test_unknown_province_code_in_shared_terms(write_taxonomy: Writer) -> None:
    rule = "ambiguity:\n  shared_terms:\n    - {term: Tank, resolve: XX}\n"
    broken = MINI_PROVINCES.replace("ambiguity:\n", rule)
    message = _error(write_taxonomy(provinces=broken))
    assert "provinces.yaml:14: ambiguity.shared_terms[0].resolve: unknown province code 'XX'" in message


def test_empty_term(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("towns: [Jani Khel]", 'towns: [Jani Khel, " - "]')
    message = _error(write_taxonomy(provinces=broken))
    assert "provinces.yaml:6: provinces[0].districts[0].towns[1]: empty term" in message


def test_acronym_without_capital(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("acronyms: [TTP]", "acronyms: [ttp]")
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:6: groups[0].acronyms[0]: acronym 'ttp' has no capital letter" in message


def test_term_listed_twice(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("towns: [Jani Khel]", "towns: [Jani Khel, Jani-Khel]")
    message = _error(write_taxonomy(provinces=broken))
    assert "provinces.yaml:6: provinces[0].districts[0].towns[1]: term 'Jani-Khel' is listed twice" in message


def test_group_term_clashing_with_place(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("acronyms: [BLA]", "acronyms: [BLA]\n    spellings: [Quetta]")
    message = _error(write_taxonomy(groups=broken))
    where = "groups.yaml:11: groups[1].spellings[0]"
    assert f"{where}: term 'Quetta' is already used for province BA (" in message


def test_ordinary_word_must_be_a_place(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("    - {term: Tank}", "    - {term: Tank}\n    - {term: Hub}")
    message = _error(write_taxonomy(provinces=broken))
    assert "provinces.yaml:15: ambiguity.ordinary_words[1].term: 'Hub' is not a place term" in message


def test_teams_and_crossings_are_marked_on_their_terms(write_taxonomy: Writer) -> None:
    marked = "    - {term: Tank}\n  teams: [Quetta Gladiators]\n  crossings: [Ghulam Khan]\n"
    provinces = MINI_PROVINCES.replace("towns: [Jani Khel]", "towns: [Jani Khel, Ghulam Khan]").replace(
        "    - {term: Tank}\n", marked)
    taxonomy = load_taxonomy(write_taxonomy(provinces=provinces))
    by_key = {t.key: t for t in taxonomy.terms}
    assert by_key["ghulam khan"].crossing and by_key["ghulam khan"].code == "KP"
    assert by_key["quetta gladiators"].team and by_key["quetta gladiators"].family == "blocker"
    assert not by_key["jani khel"].crossing and not by_key["quetta"].team


def test_crossing_must_be_a_listed_place(write_taxonomy: Writer) -> None:
    broken = MINI_PROVINCES.replace("    - {term: Tank}\n", "    - {term: Tank}\n  crossings: [Torkham]\n")
    message = _error(write_taxonomy(provinces=broken))
    where = "provinces.yaml:15: ambiguity.crossings[0]"
    assert f"{where}: 'Torkham' is not a place listed under a unit" in message


def test_colliding_acronym_must_be_a_context_acronym(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS + "acronym_collisions:\n  - {acronym: BLA, group: BLA, meaning: filler}\n"
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:12: acronym_collisions[0].acronym: 'BLA' collides with another meaning" in message


def test_state_label_target_must_exist(write_taxonomy: Writer) -> None:
    broken = "state_labels:\n  - {label: Fitna al-Khawarij, maps_to: TTPX}\n" + MINI_GROUPS
    message = _error(write_taxonomy(groups=broken))
    assert "groups.yaml:2: state_labels[0].maps_to: unknown group code 'TTPX'" in message


def test_yaml_syntax_error_and_missing_file(write_taxonomy: Writer, tmp_path: Path) -> None:
    message = _error(write_taxonomy(provinces="provinces: [\n"))
    assert "provinces.yaml:" in message and "YAML syntax error" in message
    (tmp_path / "groups.yaml").unlink()
    assert "groups.yaml: file not found" in _error(tmp_path)


def test_all_issues_reported_together(write_taxonomy: Writer) -> None:
    broken = MINI_GROUPS.replace("  - code: BLA", "  - code: TTP")
    broken = broken.replace("provinces: [KP]", "provinces: [XX]")
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(write_taxonomy(groups=broken))
    assert len(caught.value.issues) == 2


def test_left_out_name_must_not_also_be_listed(write_taxonomy: Writer) -> None:
    rule = "  left_out:\n    - {term: Tank, note: a word}\n    - {term: Quetta, note: x, unit: KP}\n" \
           "    - {term: Bannu, note: x, unit: XX}\n"
    provinces = MINI_PROVINCES.replace("foreign:", rule + "foreign:")
    message = _error(write_taxonomy(provinces=provinces))
    assert "ambiguity.left_out[0].term: 'Tank' is listed as a place of KP" in message
    assert "left_out[1]" not in message  # Quetta is a BA name: leaving out a KP reading is consistent
    assert "ambiguity.left_out[2].unit: unknown province code 'XX'" in message


def _bare(name: object) -> str:
    """A reference name without its bracketed source marks and remarks."""
    return re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", str(name)).strip()


def _reference_names(unit: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(district, name) for every district name, alternative name and town of a reference unit, with
    bracketed source marks and remarks removed and 'A / B' split."""
    for district in unit.get("districts", []):
        names = [district["name"], *district.get("alt", []), *district.get("towns", [])]
        for name in names:
            for part in re.split(r"\s*/\s*", _bare(name)):
                if part:
                    yield district["name"], part


@requires_reference
def test_every_reference_place_is_matched_or_left_out_on_purpose() -> None:
    """A district or town in the shared reference either tags its unit or is listed, with the reason,
    in ambiguity.left_out: a forgotten town ('Daska', 'Mamund') fails here, not on real news."""
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    matcher = Matcher(taxonomy.terms)
    spec = yaml.safe_load((TAXONOMY_DIR / "provinces.yaml").read_text(encoding="utf-8"))
    left_out = {(normalize_term(item["term"]), item.get("unit", ""))
                for item in spec["ambiguity"]["left_out"]}
    codes = {"IS": "ICT"}  # the reference's short code for Islamabad
    reference = yaml.safe_load(REFERENCE_PLACES.read_text(encoding="utf-8"))
    missing = []
    for unit in reference["units"]:
        code = codes.get(unit["short_code"], unit["short_code"])
        for district, name in _reference_names(unit):
            if {(normalize_term(name), ""), (normalize_term(name), code)} & left_out:
                continue
            _, mentions = matcher.find(f"in {name}")
            if not any(m.term.code == code or code in m.term.shared_with for m in mentions):
                missing.append(f"{code} {district}: {name}")
    assert not missing, "reference places neither listed nor left out on purpose: " + "; ".join(missing)


@requires_reference
def test_every_reference_group_name_is_matched_or_left_out_on_purpose() -> None:
    """Every name, alias, short code and state label of a group or faction in the shared reference is
    matched as a group, a state label or a non-group actor, or listed with the reason in left_out."""
    matcher = Matcher(load_taxonomy(TAXONOMY_DIR).terms)
    spec = yaml.safe_load((TAXONOMY_DIR / "groups.yaml").read_text(encoding="utf-8"))
    left_out = {normalize_term(item["term"]) for item in spec["left_out"]}
    reference = yaml.safe_load(REFERENCE_GROUPS.read_text(encoding="utf-8"))
    missing = []
    for group in reference["groups"]:
        entries = [group, *[f for f in group.get("factions_and_affiliates") or [] if isinstance(f, dict)]]
        for entry in entries:
            names = [entry.get("canonical"), entry.get("name"), *(entry.get("aliases") or []),
                     *(entry.get("short_codes") or []), *(entry.get("state_labels") or [])]
            for name in filter(None, map(_bare, filter(None, names))):
                if normalize_term(name) in left_out:
                    continue
                _, mentions = matcher.find(name)
                if not any(m.term.family in ("group", "label", "actor") for m in mentions):
                    missing.append(f"{group['id']}: {name}")
    assert not missing, "reference group names neither listed nor left out on purpose: " + "; ".join(missing)


def test_left_out_group_name_must_not_also_be_listed(write_taxonomy: Writer) -> None:
    groups = MINI_GROUPS + "left_out:\n  - {term: BLA, note: x}\n  - {term: bla, note: y}\n"
    message = _error(write_taxonomy(groups=groups))
    assert "left_out[0].term: 'BLA' is listed as a group name" in message
    assert "left_out[1]" not in message  # acronyms match case-sensitively: lower-case 'bla' is not listed
