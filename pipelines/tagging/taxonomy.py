"""The tagging taxonomy (``config/taxonomy/provinces.yaml``, ``groups.yaml`` and the ``names_<lang>.yaml``
files of other-language names): schema and loader.

:func:`load_taxonomy` validates both files and compiles them into a flat list of :class:`Term`
objects, the only thing the matcher needs. Every problem is reported as ``file:line: field: ...``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict

from crawler.config.yamlfile import ConfigError, ConfigIssue, Loc, YamlDocument, load_yaml, validate
from pipelines.tagging.language_names import LANGUAGE_FILES, language_entries
from pipelines.tagging.normalize import normalize_term, nukta_variants

PROVINCES_FILE = "provinces.yaml"
GROUPS_FILE = "groups.yaml"


def _term(value: str) -> str:
    value = value.strip()
    if not normalize_term(value):
        raise ValueError("empty term")
    return value


def _acronym(value: str) -> str:
    value = _term(value)
    if not any(char.isupper() for char in value):
        raise ValueError(f"acronym {value!r} has no capital letter; acronyms match case-sensitively")
    return value


TermText = Annotated[str, AfterValidator(_term)]
AcronymText = Annotated[str, AfterValidator(_acronym)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------- provinces.yaml
class DistrictSpec(_Strict):
    name: TermText
    name_is_term: bool = True
    spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()
    towns: tuple[TermText, ...] = ()


class ProvinceSpec(_Strict):
    code: str
    name: TermText
    spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()
    weak_acronyms: tuple[AcronymText, ...] = ()
    places: tuple[TermText, ...] = ()
    districts: tuple[DistrictSpec, ...] = ()


class OrdinaryWordSpec(_Strict):
    term: TermText
    require_place_context: bool = True
    reject_after: tuple[TermText, ...] = ()
    note: str = ""


class SharedTermSpec(_Strict):
    term: TermText
    resolve: str
    note: str = ""


class LeftOutNameSpec(_Strict):
    term: TermText
    note: str


class LeftOutSpec(LeftOutNameSpec):
    unit: str = ""  # left out for this unit only: the name is listed for another one


class AmbiguitySpec(_Strict):
    ordinary_words: tuple[OrdinaryWordSpec, ...] = ()
    shared_terms: tuple[SharedTermSpec, ...] = ()
    not_places: tuple[TermText, ...] = ()
    teams: tuple[TermText, ...] = ()  # franchises named after a city: not places (rule team_shorthand)
    crossings: tuple[TermText, ...] = ()  # listed places that are border crossings (rule border_crossing)
    left_out: tuple[LeftOutSpec, ...] = ()  # reference names deliberately not matched, with the reason


class ForeignSpec(_Strict):
    afghanistan: tuple[TermText, ...] = ()
    iran: tuple[TermText, ...] = ()
    india_punjab: tuple[TermText, ...] = ()
    india_telangana: tuple[TermText, ...] = ()
    india_kashmir: tuple[TermText, ...] = ()
    india_other: tuple[TermText, ...] = ()
    acronyms: dict[str, tuple[AcronymText, ...]] = {}


class DatelineSpec(_Strict):
    national: tuple[TermText, ...] = ()


class ProvincesFile(_Strict):
    provinces: tuple[ProvinceSpec, ...]
    ambiguity: AmbiguitySpec = AmbiguitySpec()
    foreign: ForeignSpec = ForeignSpec()
    datelines: DatelineSpec = DatelineSpec()


# ---------------------------------------------------------------------------- groups.yaml
class FactionSpec(_Strict):
    code: str
    name: TermText
    implies_parent: bool
    spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()
    context_acronyms: tuple[AcronymText, ...] = ()


class GroupSpec(_Strict):
    code: str
    name: TermText
    kind: Literal["jihadist", "sectarian", "kashmir", "baloch_separatist", "sindhi_separatist"]
    provinces: tuple[str, ...] = ()
    pseudo: bool = False
    spellings: tuple[TermText, ...] = ()
    regional_spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()
    context_acronyms: tuple[AcronymText, ...] = ()
    factions: tuple[FactionSpec, ...] = ()
    background_name: bool = False


class StateLabelSpec(_Strict):
    label: TermText
    maps_to: str
    unless_named: tuple[str, ...] = ()
    spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()


class ActorSpec(_Strict):
    id: str
    name: str
    cue: Literal["afghan"] | None = None
    spellings: tuple[TermText, ...] = ()
    acronyms: tuple[AcronymText, ...] = ()


class CollisionSpec(_Strict):
    acronym: AcronymText
    group: str
    meaning: str
    other_names: tuple[TermText, ...] = ()


class GroupsFile(_Strict):
    state_labels: tuple[StateLabelSpec, ...] = ()
    groups: tuple[GroupSpec, ...]
    non_group_actors: tuple[ActorSpec, ...] = ()
    acronym_collisions: tuple[CollisionSpec, ...] = ()
    left_out: tuple[LeftOutNameSpec, ...] = ()  # reference names deliberately not matched, with the reason


# ---------------------------------------------------------------------------- names_<lang>.yaml
class UnitNames(_Strict):
    code: str
    spellings: tuple[TermText, ...] = ()
    places: tuple[TermText, ...] = ()
    districts: dict[str, tuple[TermText, ...]] = {}  # English district name -> its names and towns


class GroupNames(_Strict):
    code: str  # a group or faction code
    spellings: tuple[TermText, ...] = ()
    regional_spellings: tuple[TermText, ...] = ()


class LabelNames(_Strict):
    label: str
    spellings: tuple[TermText, ...] = ()


class ActorNames(_Strict):
    id: str
    spellings: tuple[TermText, ...] = ()


class DatelineNames(_Strict):
    national: tuple[TermText, ...] = ()


class LanguageNamesFile(_Strict):
    language: str
    provinces: tuple[UnitNames, ...] = ()
    not_places: tuple[TermText, ...] = ()  # names that contain a place but are not one (a gas company)
    teams: tuple[TermText, ...] = ()  # as in provinces.yaml's ambiguity
    crossings: tuple[TermText, ...] = ()
    datelines: DatelineNames = DatelineNames()
    groups: tuple[GroupNames, ...] = ()
    state_labels: tuple[LabelNames, ...] = ()
    non_group_actors: tuple[ActorNames, ...] = ()
    foreign: dict[str, tuple[TermText, ...]] = {}


# ---------------------------------------------------------------------------- compiled form
Family = Literal["province", "group", "label", "actor", "foreign", "blocker"]
Kind = Literal["unit", "place", "name", "acronym", "context_acronym", "regional", "weak_acronym"]
ACRONYM_KINDS: tuple[Kind, ...] = ("acronym", "context_acronym", "weak_acronym")  # matched case-sensitively


@dataclass(frozen=True, slots=True)
class Term:
    """One matchable string and what it stands for."""

    text: str  # as written in the taxonomy
    key: str  # normalised, lower-case
    cased: str | None  # normalised with case kept, for case-sensitive terms
    family: Family
    code: str  # province / group code, label target, actor id, foreign area, "" for blockers
    kind: Kind
    ordinary: bool = False  # rule ordinary_words applies: matched case-sensitively
    needs_place_context: bool = False  # ... and only when used as a place ("in Tank")
    reject_after: tuple[str, ...] = ()
    parent: str | None = None  # a faction that also tags its parent
    shared_with: tuple[str, ...] = ()  # a place name two units share: all of them (rule shared_place)
    team: bool = False  # a franchise named after a city (rule team_shorthand)
    crossing: bool = False  # a border crossing (rule border_crossing)
    where: str = ""  # "file:line", for messages


@dataclass(frozen=True, slots=True)
class StateLabel:
    """An official label and the group(s) it stands for."""

    label: str
    maps_to: str
    unless_named: frozenset[str]


@dataclass(frozen=True, slots=True)
class Collision:
    """A group acronym with another meaning; ``other_names`` are normalised keys."""

    acronym: str
    group: str
    other_names: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Everything the tagger needs, validated."""

    terms: tuple[Term, ...]
    province_codes: tuple[str, ...]
    group_codes: tuple[str, ...]
    group_kinds: dict[str, str]
    state_labels: dict[str, StateLabel]
    collisions: dict[str, Collision]
    national_datelines: frozenset[str]
    background_groups: frozenset[str] = frozenset()  # rule passing_group_mention


# ---------------------------------------------------------------------------- loading
class _Builder:
    """Collects terms and issues, checking clashes between terms as they are added."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.issues: list[ConfigIssue] = []
        self._seen: dict[tuple[str, str], tuple[Term, YamlDocument, Loc, bool]] = {}

    def add(self, document: YamlDocument, loc: Loc, term: Term, *, variant: bool = False) -> None:
        """Add a term; ``variant`` marks one the loader derived, which may repeat a listed name."""
        mode = term.cased if term.cased is not None else ""
        previous = self._seen.get((term.key, mode))
        if previous is None:
            self._seen[(term.key, mode)] = (term, document, loc, variant)
            self.terms.append(term)
            return
        first, first_doc, first_loc, first_variant = previous
        if (variant or first_variant) and (first.family, first.code) == (term.family, term.code):
            return  # a derived spelling that is also listed: one term is enough
        where = f"{first_doc.path}:{first_doc.line_of(first_loc)}"
        if (first.family, first.code) == (term.family, term.code):
            message = f"term {term.text!r} is listed twice (first at {where})"
        elif first.family == term.family == "province":
            message = (f"term {term.text!r} is claimed by {first.code} ({where}) and {term.code}; "
                       "add it to ambiguity.shared_terms with the unit to prefer")
        else:
            owner = first.code or repr(first.text)
            message = f"term {term.text!r} is already used for {first.family} {owner} ({where})"
        self.issues.append(document.issue(loc, message))

    def error(self, document: YamlDocument, loc: Loc, message: str) -> None:
        self.issues.append(document.issue(loc, message))


def _where(document: YamlDocument, loc: Loc) -> str:
    return f"{document.path}:{document.line_of(loc)}"


def _make(document: YamlDocument, loc: Loc, text: str, family: Family, code: str, kind: Kind,
          **extra: Any) -> Term:
    sensitive = kind in ACRONYM_KINDS or extra.get("ordinary", False)
    return Term(text=text, key=normalize_term(text),
                cased=normalize_term(text, keep_case=True) if sensitive else None,
                family=family, code=code, kind=kind, where=_where(document, loc), **extra)


def _load(path: Path, model: type[Any]) -> tuple[YamlDocument, Any]:
    document = load_yaml(path)
    if not isinstance(document.data, dict):
        raise ConfigError([ConfigIssue(str(path), 1, "", "the file must be a mapping")])
    return document, validate(model, document.data, document)


def _province_terms(doc: YamlDocument, spec: ProvincesFile) -> Iterator[tuple[Loc, str, str, Kind]]:
    """(loc, text, code, kind) of every place term in provinces.yaml."""
    for p_index, province in enumerate(spec.provinces):
        base: Loc = ("provinces", p_index)
        yield (*base, "name"), province.name, province.code, "unit"
        for index, text in enumerate(province.spellings):
            yield (*base, "spellings", index), text, province.code, "unit"
        for index, text in enumerate(province.acronyms):
            yield (*base, "acronyms", index), text, province.code, "acronym"
        for index, text in enumerate(province.weak_acronyms):
            yield (*base, "weak_acronyms", index), text, province.code, "weak_acronym"
        for index, text in enumerate(province.places):
            yield (*base, "places", index), text, province.code, "place"
        for d_index, district in enumerate(province.districts):
            d_base: Loc = (*base, "districts", d_index)
            if district.name_is_term:
                yield (*d_base, "name"), district.name, province.code, "place"
            for index, text in enumerate(district.spellings):
                yield (*d_base, "spellings", index), text, province.code, "place"
            for index, text in enumerate(district.acronyms):
                yield (*d_base, "acronyms", index), text, province.code, "acronym"
            for index, text in enumerate(district.towns):
                yield (*d_base, "towns", index), text, province.code, "place"


def _compile_provinces(builder: _Builder, doc: YamlDocument, spec: ProvincesFile) -> tuple[str, ...]:
    codes: list[str] = []
    for index, province in enumerate(spec.provinces):
        if province.code in codes:
            builder.error(doc, ("provinces", index, "code"), f"duplicate province code {province.code!r}")
        codes.append(province.code)
    ambiguity = spec.ambiguity
    shared: dict[str, tuple[int, SharedTermSpec]] = {}
    for index, item in enumerate(ambiguity.shared_terms):
        shared[normalize_term(item.term)] = (index, item)
        if item.resolve != "drop" and item.resolve not in codes:
            builder.error(doc, ("ambiguity", "shared_terms", index, "resolve"),
                          f"unknown province code {item.resolve!r} (known: {', '.join(codes)}, or drop)")
    ordinary = {normalize_term(w.term): (index, w) for index, w in enumerate(ambiguity.ordinary_words)}

    claims: dict[str, list[tuple[Loc, str, str, Kind]]] = {}
    for loc, text, code, kind in _province_terms(doc, spec):
        claims.setdefault(normalize_term(text), []).append((loc, text, code, kind))
    for key, (index, item) in shared.items():
        if len({code for _, _, code, _ in claims.get(key, [])}) < 2:
            builder.error(doc, ("ambiguity", "shared_terms", index, "term"),
                          f"{item.term!r} is not listed for two different units; remove it from shared_terms")
    for key, (index, word) in ordinary.items():
        if key not in claims:
            builder.error(doc, ("ambiguity", "ordinary_words", index, "term"),
                          f"{word.term!r} is not a place term in this file")
    for index, left in enumerate(ambiguity.left_out):
        if left.unit and left.unit not in codes:
            builder.error(doc, ("ambiguity", "left_out", index, "unit"),
                          f"unknown province code {left.unit!r} (known: {', '.join(codes)})")
        listed = {code for _, _, code, _ in claims.get(normalize_term(left.term), [])}
        if listed and (not left.unit or left.unit in listed):
            builder.error(doc, ("ambiguity", "left_out", index, "term"),
                          f"{left.term!r} is listed as a place of {', '.join(sorted(listed))};"
                          " remove it from one of the two lists")

    for key, entries in claims.items():
        resolution = shared.get(key)
        extra: dict[str, Any] = {}
        if resolution is not None:
            extra["shared_with"] = tuple(sorted({code for _, _, code, _ in entries}))
        found = ordinary.get(key)
        if found is not None:
            extra.update(ordinary=True, needs_place_context=found[1].require_place_context,
                         reject_after=tuple(normalize_term(w) for w in found[1].reject_after))
        for loc, text, code, kind in entries:
            if resolution is not None and resolution[1].resolve != code:
                continue  # the kept entry (or the unresolved one below) represents the term
            builder.add(doc, loc, _make(doc, loc, text, "province", code, kind, **extra))
        if resolution is not None and resolution[1].resolve == "drop":
            # no default unit: it tags only when the story names exactly one of its units elsewhere
            loc = ("ambiguity", "shared_terms", resolution[0], "term")
            builder.add(doc, loc, _make(doc, loc, resolution[1].term, "province", "", "name", **extra))

    for index, text in enumerate(ambiguity.not_places):
        loc = ("ambiguity", "not_places", index)
        builder.add(doc, loc, _make(doc, loc, text, "blocker", "", "name"))
    for index, text in enumerate(ambiguity.teams):
        loc = ("ambiguity", "teams", index)
        builder.add(doc, loc, _make(doc, loc, text, "blocker", "", "name", team=True))
    foreign = spec.foreign
    for area in ("afghanistan", "iran", "india_punjab", "india_telangana", "india_kashmir", "india_other"):
        for index, text in enumerate(getattr(foreign, area)):
            loc = ("foreign", area, index)
            builder.add(doc, loc, _make(doc, loc, text, "foreign", area, "name"))
    for area, acronyms in foreign.acronyms.items():
        if area not in ForeignSpec.model_fields or area == "acronyms":
            builder.error(doc, ("foreign", "acronyms", area), f"unknown foreign area {area!r}")
            continue
        for index, text in enumerate(acronyms):
            loc = ("foreign", "acronyms", area, index)
            builder.add(doc, loc, _make(doc, loc, text, "foreign", area, "acronym"))
    return tuple(codes)


def _compile_groups(builder: _Builder, doc: YamlDocument, spec: GroupsFile,
                    province_codes: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    codes: list[str] = []
    kinds: dict[str, str] = {}

    def claim(code: str, loc: Loc) -> None:
        if code in codes:
            builder.error(doc, loc, f"duplicate group code {code!r}")
        codes.append(code)

    for g_index, group in enumerate(spec.groups):
        base: Loc = ("groups", g_index)
        claim(group.code, (*base, "code"))
        kinds[group.code] = group.kind
        for index, province in enumerate(group.provinces):
            if province not in province_codes:
                builder.error(doc, (*base, "provinces", index),
                              f"unknown province code {province!r} (known: {', '.join(province_codes)})")
        if group.pseudo:
            if group.spellings or group.acronyms or group.context_acronyms or group.regional_spellings:
                builder.error(doc, (*base, "pseudo"), "a pseudo-group has no names of its own")
            continue
        entries: list[tuple[Loc, str, Kind]] = [((*base, "name"), group.name, "name")]
        entries += [((*base, "spellings", i), t, "name") for i, t in enumerate(group.spellings)]
        entries += [((*base, "regional_spellings", i), t, "regional")
                    for i, t in enumerate(group.regional_spellings)]
        entries += [((*base, "acronyms", i), t, "acronym") for i, t in enumerate(group.acronyms)]
        entries += [((*base, "context_acronyms", i), t, "context_acronym")
                    for i, t in enumerate(group.context_acronyms)]
        for loc, text, kind in entries:
            builder.add(doc, loc, _make(doc, loc, text, "group", group.code, kind))
        for f_index, faction in enumerate(group.factions):
            f_base: Loc = (*base, "factions", f_index)
            claim(faction.code, (*f_base, "code"))
            kinds[faction.code] = group.kind
            parent = group.code if faction.implies_parent else None
            f_entries: list[tuple[Loc, str, Kind]] = [((*f_base, "name"), faction.name, "name")]
            f_entries += [((*f_base, "spellings", i), t, "name") for i, t in enumerate(faction.spellings)]
            f_entries += [((*f_base, "acronyms", i), t, "acronym") for i, t in enumerate(faction.acronyms)]
            f_entries += [((*f_base, "context_acronyms", i), t, "context_acronym")
                          for i, t in enumerate(faction.context_acronyms)]
            for loc, text, kind in f_entries:
                builder.add(doc, loc, _make(doc, loc, text, "group", faction.code, kind, parent=parent))
    return codes, kinds


def _compile_labels(builder: _Builder, doc: YamlDocument, spec: GroupsFile,
                    codes: list[str]) -> dict[str, StateLabel]:
    labels: dict[str, StateLabel] = {}
    for index, label in enumerate(spec.state_labels):
        base: Loc = ("state_labels", index)
        if label.maps_to not in codes:
            builder.error(doc, (*base, "maps_to"), f"unknown group code {label.maps_to!r}")
        for n_index, code in enumerate(label.unless_named):
            if code not in codes:
                builder.error(doc, (*base, "unless_named", n_index), f"unknown group code {code!r}")
        labels[label.label] = StateLabel(label.label, label.maps_to, frozenset(label.unless_named))
        entries: list[tuple[Loc, str, Kind]] = [((*base, "label"), label.label, "name")]
        entries += [((*base, "spellings", i), t, "name") for i, t in enumerate(label.spellings)]
        entries += [((*base, "acronyms", i), t, "acronym") for i, t in enumerate(label.acronyms)]
        for loc, text, kind in entries:
            builder.add(doc, loc, _make(doc, loc, text, "label", label.label, kind))
    return labels


def _compile_actors_and_collisions(builder: _Builder, doc: YamlDocument, spec: GroupsFile,
                                   codes: list[str]) -> dict[str, Collision]:
    for index, actor in enumerate(spec.non_group_actors):
        base: Loc = ("non_group_actors", index)
        if actor.id in codes:
            builder.error(doc, (*base, "id"), f"{actor.id!r} is also a group code")
        code = f"{actor.id}:{actor.cue}" if actor.cue else actor.id
        entries: list[tuple[Loc, str, Kind]] = [((*base, "spellings", i), t, "name")
                                                for i, t in enumerate(actor.spellings)]
        entries += [((*base, "acronyms", i), t, "acronym") for i, t in enumerate(actor.acronyms)]
        for loc, text, kind in entries:
            builder.add(doc, loc, _make(doc, loc, text, "actor", code, kind))
    context_acronyms = {(t.cased, t.code) for t in builder.terms if t.kind == "context_acronym"}
    plain_acronyms = {(t.cased, t.code) for t in builder.terms if t.family == "group" and t.kind == "acronym"}
    collisions: dict[str, Collision] = {}
    for index, item in enumerate(spec.acronym_collisions):
        base = ("acronym_collisions", index)
        cased = normalize_term(item.acronym, keep_case=True)
        if item.group not in codes:
            builder.error(doc, (*base, "group"), f"unknown group code {item.group!r}")
        elif (cased, item.group) in plain_acronyms:
            builder.error(doc, (*base, "acronym"),
                          f"{item.acronym!r} collides with another meaning: list it under the group's "
                          "context_acronyms, not acronyms")
        elif (cased, item.group) not in context_acronyms:
            builder.error(doc, (*base, "acronym"), f"{item.acronym!r} is not an acronym of {item.group}")
        collisions[cased] = Collision(cased, item.group, tuple(normalize_term(n) for n in item.other_names))
    return collisions


def _check_left_out_groups(builder: _Builder, doc: YamlDocument, spec: GroupsFile) -> None:
    """A name left out on purpose must not also be a group name or state label."""
    listed = {(t.key, t.cased) for t in builder.terms if t.family in ("group", "label")}
    for index, left in enumerate(spec.left_out):
        key, cased = normalize_term(left.term), normalize_term(left.term, keep_case=True)
        if (key, None) in listed or (key, cased) in listed:
            builder.error(doc, ("left_out", index, "term"),
                          f"{left.term!r} is listed as a group name; remove it from one of the two lists")


def _compile_language_names(builder: _Builder, doc: YamlDocument, spec: LanguageNamesFile,
                            provinces: ProvincesFile, groups: GroupsFile) -> None:
    areas = tuple(name for name in ForeignSpec.model_fields if name != "acronyms")
    for entry in language_entries(spec, provinces, groups, areas):
        if entry.family is None:
            builder.error(doc, entry.loc, entry.text)
        else:
            loc = entry.loc
            builder.add(doc, loc, _make(doc, loc, entry.text, entry.family, entry.code, entry.kind,
                                        parent=entry.parent, team=entry.team))
            for variant in nukta_variants(entry.text):  # "ख़ैबर" is also written "खैबर"
                builder.add(doc, loc, _make(doc, loc, variant, entry.family, entry.code, entry.kind,
                                            parent=entry.parent, team=entry.team), variant=True)


def _mark_crossings(builder: _Builder, crossings: list[tuple[YamlDocument, Loc, str]]) -> None:
    """Mark the listed places that are border crossings; a crossing that is not a listed place is an
    error at its own line."""
    keys: set[str] = set()
    for doc, loc, text in crossings:
        key = normalize_term(text)
        if not any(t.family == "province" and t.key == key for t in builder.terms):
            builder.error(doc, loc, f"{text!r} is not a place listed under a unit; list it there first")
        keys.add(key)
    builder.terms = [replace(t, crossing=True) if t.family == "province" and t.key in keys else t
                     for t in builder.terms]


def load_taxonomy(taxonomy_dir: Path) -> Taxonomy:
    """Load and validate ``provinces.yaml``, ``groups.yaml`` and any ``names_<lang>.yaml`` from
    ``taxonomy_dir``.

    Raises :class:`ConfigError` listing every problem as ``file:line: field: message``.
    """
    taxonomy_dir = Path(taxonomy_dir)
    issues: list[ConfigIssue] = []
    loaded: dict[str, tuple[YamlDocument, Any]] = {}
    for name, model in ((PROVINCES_FILE, ProvincesFile), (GROUPS_FILE, GroupsFile)):
        try:
            loaded[name] = _load(taxonomy_dir / name, model)
        except ConfigError as exc:
            issues.extend(exc.issues)
    languages: list[tuple[YamlDocument, LanguageNamesFile]] = []
    for path in sorted(taxonomy_dir.glob(LANGUAGE_FILES)):
        try:
            languages.append(_load(path, LanguageNamesFile))
        except ConfigError as exc:
            issues.extend(exc.issues)
    if issues:
        raise ConfigError(issues)
    builder = _Builder()
    p_doc, p_spec = loaded[PROVINCES_FILE]
    g_doc, g_spec = loaded[GROUPS_FILE]
    province_codes = _compile_provinces(builder, p_doc, p_spec)
    group_codes, kinds = _compile_groups(builder, g_doc, g_spec, province_codes)
    labels = _compile_labels(builder, g_doc, g_spec, group_codes)
    collisions = _compile_actors_and_collisions(builder, g_doc, g_spec, group_codes)
    _check_left_out_groups(builder, g_doc, g_spec)
    for l_doc, l_spec in languages:
        _compile_language_names(builder, l_doc, l_spec, p_spec, g_spec)
    crossings: list[tuple[YamlDocument, Loc, str]] = [(p_doc, ("ambiguity", "crossings", i), text)
                                                      for i, text in enumerate(p_spec.ambiguity.crossings)]
    crossings += [(l_doc, ("crossings", i), text)
                  for l_doc, l_spec in languages for i, text in enumerate(l_spec.crossings)]
    _mark_crossings(builder, crossings)
    if builder.issues:
        raise ConfigError(builder.issues)
    return Taxonomy(
        terms=tuple(builder.terms),
        province_codes=province_codes,
        group_codes=tuple(group_codes),
        group_kinds=kinds,
        state_labels=labels,
        collisions=collisions,
        national_datelines=frozenset(normalize_term(name) for name in (
            *p_spec.datelines.national, *(n for _, lang in languages for n in lang.datelines.national))),
        background_groups=frozenset(g.code for g in g_spec.groups if g.background_name),
    )
