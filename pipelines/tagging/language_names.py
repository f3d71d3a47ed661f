"""Names in another language or script (``config/taxonomy/names_<lang>.yaml``): what each one names.

Urdu-language outlets name the same units, districts and groups in Urdu script. Such names live in
their own file per language, keyed by what they name in provinces.yaml and groups.yaml (a unit code,
a district's English name, a group code, a state label, an actor id, a foreign area), so the English
files stay readable and every foreign name still points to one thing the loader can check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from crawler.config.yamlfile import Loc

if TYPE_CHECKING:  # the schema lives with the other taxonomy files' schema
    from pipelines.tagging.taxonomy import Family, GroupsFile, Kind, LanguageNamesFile, ProvincesFile

LANGUAGE_FILES = "names_*.yaml"


class NameEntry(NamedTuple):
    """One name to compile into a term, or (``family`` empty) an error at ``loc``."""

    loc: Loc
    text: str
    family: Family | None
    code: str
    kind: Kind
    parent: str | None = None
    team: bool = False


def _error(loc: Loc, message: str) -> NameEntry:
    return NameEntry(loc, message, None, "", "name")


def language_entries(spec: LanguageNamesFile, provinces: ProvincesFile, groups: GroupsFile,
                     foreign_areas: tuple[str, ...]) -> Iterator[NameEntry]:
    """Every name in a language file with what it stands for; unknown keys come out as errors."""
    units = {unit.code: unit for unit in provinces.provinces}
    for u_index, unit_names in enumerate(spec.provinces):
        base: Loc = ("provinces", u_index)
        unit = units.get(unit_names.code)
        if unit is None:
            yield _error((*base, "code"),
                         f"unknown province code {unit_names.code!r} (known: {', '.join(units)})")
            continue
        for index, text in enumerate(unit_names.spellings):
            yield NameEntry((*base, "spellings", index), text, "province", unit.code, "unit")
        for index, text in enumerate(unit_names.places):
            yield NameEntry((*base, "places", index), text, "province", unit.code, "place")
        districts = {district.name for district in unit.districts}
        for district, names in unit_names.districts.items():
            if district not in districts:
                yield _error((*base, "districts", district),
                             f"{district!r} is not a district of {unit.code} in provinces.yaml")
                continue
            for index, text in enumerate(names):
                yield NameEntry((*base, "districts", district, index), text, "province", unit.code, "place")

    for index, text in enumerate(spec.not_places):
        yield NameEntry(("not_places", index), text, "blocker", "", "name")
    for index, text in enumerate(spec.teams):
        yield NameEntry(("teams", index), text, "blocker", "", "name", team=True)

    parents: dict[str, str | None] = {}
    for group in groups.groups:
        parents[group.code] = None
        for faction in group.factions:
            parents[faction.code] = group.code if faction.implies_parent else None
    for g_index, group_names in enumerate(spec.groups):
        base = ("groups", g_index)
        if group_names.code not in parents:
            yield _error((*base, "code"), f"unknown group code {group_names.code!r}")
            continue
        parent = parents[group_names.code]
        for index, text in enumerate(group_names.spellings):
            yield NameEntry((*base, "spellings", index), text, "group", group_names.code, "name", parent)
        for index, text in enumerate(group_names.regional_spellings):
            yield NameEntry((*base, "regional_spellings", index), text, "group", group_names.code, "regional",
                            parent)

    labels = {label.label for label in groups.state_labels}
    for l_index, label_names in enumerate(spec.state_labels):
        base = ("state_labels", l_index)
        if label_names.label not in labels:
            yield _error((*base, "label"), f"unknown state label {label_names.label!r}")
            continue
        for index, text in enumerate(label_names.spellings):
            yield NameEntry((*base, "spellings", index), text, "label", label_names.label, "name")

    actors = {actor.id: f"{actor.id}:{actor.cue}" if actor.cue else actor.id
              for actor in groups.non_group_actors}
    for a_index, actor_names in enumerate(spec.non_group_actors):
        base = ("non_group_actors", a_index)
        if actor_names.id not in actors:
            yield _error((*base, "id"), f"unknown non-group actor {actor_names.id!r}")
            continue
        for index, text in enumerate(actor_names.spellings):
            yield NameEntry((*base, "spellings", index), text, "actor", actors[actor_names.id], "name")

    for area, names in spec.foreign.items():
        if area not in foreign_areas:
            yield _error(("foreign", area),
                         f"unknown foreign area {area!r} (known: {', '.join(foreign_areas)})")
            continue
        for index, text in enumerate(names):
            yield NameEntry(("foreign", area, index), text, "foreign", area, "name")
