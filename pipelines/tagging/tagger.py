"""The province / militant-group tagger: matching, rules and scoring.

Scoring: each accepted mention adds its field weight (title 3, lead 2, body 1; a dateline adds
0.5) to its code. A code is tagged when its score reaches 1, so one plain mention is enough,
except a unit named only once (outside the title) in a story where another unit scores at least
twice as much: that is a passing mention ("the train was bound for Peshawar"), unless the story
is a round-up naming three or more units by their own names (rule ``passing_mention``). A
dateline alone tags its unit only when nothing else does and the bureau is provincial.
Provinces are listed by score, highest first; groups need one accepted mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pipelines.tagging import rules
from pipelines.tagging.matcher import Matcher, Mention
from pipelines.tagging.rules import Story
from pipelines.tagging.rules.vocabulary import HYDERABAD_NAMES
from pipelines.tagging.taxonomy import ACRONYM_KINDS, Taxonomy, load_taxonomy
from pipelines.tagging.wrapping import unwrap_lines

FIELD_WEIGHTS = {"title": 3.0, "lead": 2.0, "body": 1.0}
DATELINE_WEIGHT = 0.5
THRESHOLD = 1.0
PASSING_RATIO = 2.0
ORDINARY_RATIO = 3.0  # a unit named only by ordinary-word names (Bagh, Tank) yields to a 3x stronger one
FOREIGN_MIN = 3  # foreign place mentions that can set a story across the border
ROUNDUP_UNITS = 3
LEAD_CHARS = 400
LEAD_ONE_PARAGRAPH = 200  # a first paragraph this long is the whole lead

Field = Literal["title", "lead", "body"]
_Located = tuple[str, Mention, Field, int, int]  # (where, mention, field, position in field, order)


@dataclass(frozen=True)
class Evidence:
    """Why a tag is there (or was suppressed).

    ``position`` is the character offset of the first occurrence within ``field``: the title, the
    lead (the text's first ~2 paragraphs, at most 400 characters) or the body (the rest of the
    text, counted from the end of the lead).
    """

    family: Literal["province", "group"]
    code: str
    term: str
    field: Field
    position: int
    count: int
    rule: str | None = None


@dataclass
class TagResult:
    """Tags of one article with their evidence."""

    provinces: list[str]
    groups: list[str]
    primary_province: str | None
    evidence: list[Evidence]
    suppressed: list[Evidence] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "provinces": list(self.provinces),
            "groups": list(self.groups),
            "primary_province": self.primary_province,
            "evidence": [asdict(item) for item in self.evidence],
            "suppressed": [asdict(item) for item in self.suppressed],
            "scores": dict(self.scores),
        }


@dataclass(slots=True)
class _Hit:
    family: Literal["province", "group"]
    code: str
    mention: Mention
    field: Field
    position: int
    weight: float
    rule: str | None = None
    order: int = 0


class _Ledger:
    """Accepted and suppressed hits, grouped into :class:`Evidence`."""

    def __init__(self) -> None:
        self.accepted: list[_Hit] = []
        self.suppressed: list[_Hit] = []

    def scores(self, family: str) -> dict[str, float]:
        """Each code's summed weight; a dateline counts once, however many of the unit's names it holds
        ("PESHAWAR, Khyber Pakhtunkhwa:"), so that a dateline alone never tags."""
        totals: dict[str, float] = {}
        datelined: set[str] = set()
        for hit in self.accepted:
            if hit.family == family:
                if hit.rule == rules.DATELINE:
                    if hit.code in datelined:
                        continue
                    datelined.add(hit.code)
                totals[hit.code] = totals.get(hit.code, 0.0) + hit.weight
        return totals

    @staticmethod
    def evidence(hits: Iterable[_Hit], codes: set[tuple[str, str]] | None = None) -> list[Evidence]:
        grouped: dict[tuple[str, str, str, str, str | None], list[_Hit]] = {}
        for hit in hits:
            if codes is not None and (hit.family, hit.code) not in codes:
                continue
            key = (hit.family, hit.code, hit.mention.surface.casefold(), hit.field, hit.rule)
            grouped.setdefault(key, []).append(hit)
        out = []
        for (family, code, _, field_name, rule), items in grouped.items():
            first = items[0] if len(items) == 1 else min(items, key=lambda h: h.order)
            out.append(Evidence(family, code, first.mention.surface, field_name,  # type: ignore[arg-type]
                                first.position, len(items), rule))
        return out


class Tagger:
    """Tags articles by province and militant group. Cheap to pickle: only the taxonomy travels."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._matcher = Matcher(taxonomy.terms)
        # groups whose generic names need a regional story; their colliding acronyms do too
        self._regional_codes = {t.code for t in taxonomy.terms if t.kind == "regional"}
        # a place name two units share, as each of its units: chosen per story (rule shared_place)
        self._shared_as = {t: {code: replace(t, code=code) for code in t.shared_with}
                           for t in taxonomy.terms if t.shared_with}

    @classmethod
    def from_dir(cls, taxonomy_dir: Path) -> Tagger:
        """Load the taxonomy from ``taxonomy_dir`` and build a tagger."""
        return cls(load_taxonomy(Path(taxonomy_dir)))

    def __getstate__(self) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["taxonomy"])  # type: ignore[misc]

    # ------------------------------------------------------------------------------ tagging
    def tag(self, title: str, text: str) -> TagResult:
        """Tag one article."""
        title, text = title or "", unwrap_lines(text or "")
        title_norm, title_mentions = self._matcher.find(title)
        text_norm, text_mentions = self._matcher.find(text)
        if self._shared_as:
            title_mentions, text_mentions = self._resolve_shared(title_mentions, text_mentions)
        dateline_start, dateline_end = rules.dateline_span(text)
        story = Story(
            title=title_norm,
            text=text_norm,
            mentions=[("title", m) for m in title_mentions] + [("text", m) for m in text_mentions],
            dateline_end=dateline_end,
            dateline_start=dateline_start,
            raw_title=title,
            raw_text=text,
        )
        lead_end = _lead_end(text)
        ledger = _Ledger()
        # (where, mention, field, position in field, order): a title, lead or body position
        hits: list[_Located] = [
            (where, m, "title", m.start, order) if where == "title"
            else (where, m, "lead", m.start, order) if m.start < lead_end
            else (where, m, "body", m.start - lead_end, order)
            for order, (where, m) in enumerate(story.mentions)]
        self._provinces(story, hits, ledger)
        province_scores = ledger.scores("province")
        provinces = self._select_provinces(story, ledger, province_scores)
        self._groups(story, hits, ledger, bool(provinces))
        group_scores = ledger.scores("group")
        groups = sorted((c for c, s in group_scores.items() if s >= THRESHOLD),
                        key=lambda c: (-group_scores[c], c))
        if self.taxonomy.background_groups.intersection(groups):
            groups = self._drop_background_groups(story, ledger, groups)
        if len(groups) >= 2:
            groups = self._drop_history_groups(story, ledger, groups)
        tagged = {("province", c) for c in provinces} | {("group", c) for c in groups}
        evidence = _Ledger.evidence(ledger.accepted, tagged)
        # below-threshold hits (a lone dateline, say) are shown with the suppressed ones
        untagged = [h for h in ledger.accepted if (h.family, h.code) not in tagged]
        suppressed = _Ledger.evidence([*ledger.suppressed, *untagged])
        scores = {c: round(province_scores[c], 2) for c in provinces}
        scores.update({c: round(group_scores[c], 2) for c in groups})
        return TagResult(provinces, groups, provinces[0] if provinces else None, evidence, suppressed, scores)

    def _resolve_shared(self, *fields: list[Mention]) -> tuple[list[Mention], ...]:
        """Each field's mentions with every shared place name given the unit the story points to, or
        left out when it points to none and the taxonomy names no default."""
        if not any(m.term.shared_with for mentions in fields for m in mentions):
            return fields
        named = {m.term.code for mentions in fields for m in mentions
                 if m.term.family == "province" and not m.term.shared_with}
        resolved: list[list[Mention]] = []
        for mentions in fields:
            kept: list[Mention] = []
            for mention in mentions:
                if mention.term.shared_with:
                    code = rules.shared_place(mention.term.shared_with, mention.term.code, named)
                    if code is None:
                        continue
                    if code != mention.term.code:
                        mention = mention._replace(term=self._shared_as[mention.term][code])
                kept.append(mention)
            resolved.append(kept)
        return tuple(resolved)

    def _provinces(self, story: Story, hits: list[_Located], ledger: _Ledger) -> None:
        weak: list[_Hit] = []
        soft: list[_Hit] = []
        aside: list[_Hit] = []  # captions and related-story lines: they only support units named elsewhere
        previous: tuple[str, Mention, str | None] | None = None  # last place mention and its soft rule
        for where, mention, field_name, position, order in hits:
            term = mention.term
            if term.family != "province":
                continue
            weight = FIELD_WEIGHTS[field_name]
            hit = _Hit("province", term.code, mention, field_name, position, weight, None, order)
            rule = _province_veto(story, where, mention)
            if rule is not None:
                hit.rule = rule
                ledger.suppressed.append(hit)
                previous = None
                continue
            if rules.in_dateline(story, where, mention):
                hit.weight, hit.rule = DATELINE_WEIGHT, rules.DATELINE
            elif where == "text" and story.has_asides \
                    and (aside_rule := rules.aside_line(story, where, mention)) is not None:
                hit.rule = aside_rule
                aside.append(hit)
                previous = None
                continue
            else:
                soft_rule = rules.soft_mention(story, where, mention)
                if soft_rule is None and previous is not None and previous[2] is not None \
                        and previous[0] == where and rules.chained_place(story, where, previous[1], mention):
                    soft_rule = previous[2]  # "to Peshawar in Khyber Pakhtunkhwa"
                previous = (where, mention, soft_rule)
                if soft_rule is not None:
                    hit.rule = soft_rule
                    soft.append(hit)
                    continue
            if term.kind == "weak_acronym":
                weak.append(hit)
                continue
            ledger.accepted.append(hit)
        supported = {h.code for h in ledger.accepted if h.rule is None}
        for hit in weak:
            if hit.code in supported:
                ledger.accepted.append(hit)
            else:
                hit.rule = rules.WEAK_ACRONYM
                ledger.suppressed.append(hit)
        # journey ends, hometowns and distance landmarks count only when nothing else places the story
        located = any(h.family == "province" and h.rule is None for h in ledger.accepted)
        (ledger.suppressed if located else ledger.accepted).extend(soft)
        for hit in aside:
            (ledger.accepted if hit.code in supported or not located else ledger.suppressed).append(hit)

    def _select_provinces(self, story: Story, ledger: _Ledger, scores: dict[str, float]) -> list[str]:
        by_code: dict[str, list[_Hit]] = {}
        for hit in ledger.accepted:
            if hit.family == "province":
                by_code.setdefault(hit.code, []).append(hit)
        tagged = {code for code, score in scores.items() if score >= THRESHOLD}
        named_units = {h.code for h in ledger.accepted
                       if h.family == "province" and h.rule is None and h.mention.term.kind != "place"}
        if len(named_units) < ROUNDUP_UNITS:
            for code in sorted(tagged, key=lambda c: (scores[c], c)):
                items = [h for h in by_code[code] if h.rule != rules.DATELINE]
                rival = max((scores[c] for c in tagged if c != code), default=0.0)
                lone = items[0].field != "title" and rival >= PASSING_RATIO * scores[code] \
                    and _named_once(story, items)
                ordinary_only = (bool(items) and all(h.mention.term.ordinary for h in items)
                                 and rival >= ORDINARY_RATIO * scores[code])
                if not (lone or ordinary_only):
                    continue
                if lone and rules.incident_place(story, _where(items[0]), items[0].mention):
                    items[0].rule = rules.INCIDENT_PLACE
                    continue
                self._drop(ledger, tagged, code, items, rules.PASSING_MENTION)
        foreign = rules.foreign_setting_weight(story)
        if foreign >= FOREIGN_MIN:
            ours = sum(1 for h in ledger.accepted if h.family == "province" and h.rule != rules.DATELINE)
            if foreign > ours:
                for code in sorted(tagged):
                    items = [h for h in by_code[code] if h.rule != rules.DATELINE]
                    if len(items) <= 2 and all(h.field != "title" for h in items) and not any(
                            rules.incident_place(story, _where(h), h.mention, wide=False) for h in items):
                        self._drop(ledger, tagged, code, items, rules.FOREIGN_SETTING)
        if not tagged and story.militant_context and foreign == 0:  # no incident across the border
            datelined = [h for h in ledger.accepted if h.family == "province" and h.rule == rules.DATELINE]
            if datelined and datelined[0].mention.term.key not in self.taxonomy.national_datelines:
                if rules.diplomatic_briefing(story):
                    datelined[0].rule = rules.DIPLOMATIC_DATELINE
                else:
                    code = datelined[0].code
                    scores[code] = max(scores.get(code, 0.0), THRESHOLD)
                    tagged.add(code)
        first_seen: dict[str, int] = {}
        for hit in ledger.accepted:
            first_seen.setdefault(hit.code, hit.order)
        return sorted(tagged, key=lambda c: (-scores[c], first_seen.get(c, 0), c))

    @staticmethod
    def _drop(ledger: _Ledger, tagged: set[str], code: str, items: list[_Hit], rule: str) -> None:
        tagged.discard(code)
        for hit in items:
            hit.rule = rule
            ledger.accepted.remove(hit)
            ledger.suppressed.append(hit)

    def _groups(self, story: Story, hits: list[_Located], ledger: _Ledger, province_tagged: bool) -> None:
        taxonomy = self.taxonomy
        full_names = {m.term.code for _, m in story.mentions
                      if m.term.family == "group" and m.term.kind in ("name", "acronym")}
        deferred: list[tuple[_Hit, str]] = []
        regional_codes = self._regional_codes
        previous: tuple[str, Mention] | None = None  # the last group named, to spot descriptors
        previous_rule: str | None = None  # ... and the descriptor rule that suppressed it, if any
        aside: list[_Hit] = []  # named in a caption or related-story line: counts only if named elsewhere
        for index, (where, mention, field_name, position, order) in enumerate(hits):
            term = mention.term
            weight = FIELD_WEIGHTS[field_name]
            if term.family == "group":
                hit = _Hit("group", term.code, mention, field_name, position, weight, None, order)
                before = previous[1] if previous is not None and previous[0] == where else None
                previous = (where, mention)
                rule = _descriptor_rule(story, where, mention, before, previous_rule, hits, index)
                previous_rule = rule
                if rule is None and term.kind in ACRONYM_KINDS and rules.redefined_acronym(
                        story, where, mention):
                    rule = rules.REDEFINED_ACRONYM
                if rule is not None:
                    hit.rule = rule
                    ledger.suppressed.append(hit)
                    continue
                if term.kind == "context_acronym":
                    collision = taxonomy.collisions.get(term.cased or "")
                    others = collision.other_names if collision else ()
                    if not rules.context_acronym(story, mention, others, term.code in full_names):
                        hit.rule = rules.CONTEXT_ACRONYM
                        ledger.suppressed.append(hit)
                        continue
                generic = term.kind == "regional" or (
                    term.kind == "context_acronym" and term.code in regional_codes)
                if generic and not rules.islamic_state_regional(story, province_tagged):
                    hit.rule = rules.ISLAMIC_STATE_REGIONAL
                    ledger.suppressed.append(hit)
                    continue
                if generic and rules.islamic_state_abroad(story, where, mention):
                    hit.rule = rules.ISLAMIC_STATE_ABROAD
                    ledger.suppressed.append(hit)
                    continue
                if term.code == "AQ":
                    rule = _al_qaeda_rule(story, where, mention, full_names, province_tagged)
                    if rule is not None:
                        hit.rule = rule
                        ledger.suppressed.append(hit)
                        continue
                aside_rule = rules.aside_line(story, where, mention)
                if aside_rule is not None:
                    hit.rule = aside_rule
                    aside.append(hit)
                    continue
                self._accept_group(ledger, hit)
            elif term.family == "label":
                label = taxonomy.state_labels[term.code]
                target = _Hit("group", label.maps_to, mention, field_name, position, weight, None, order)
                if rules.label_definition(story, where, mention):
                    target.rule = rules.LABEL_DEFINITION
                    ledger.suppressed.append(target)
                    continue
                deferred.append((target, term.code))
            elif term.family == "actor" and term.key == "taliban":
                target = _Hit("group", "TTP", mention, field_name, position, weight, None, order)
                rule = None
                if rules.sanctions_regime(story, where, mention):
                    rule = rules.SANCTIONS_REGIME
                elif rules.party_affinity(story, where, mention):
                    rule = rules.PARTY_AFFINITY
                if rule is not None:
                    target.rule = rule
                    ledger.suppressed.append(target)
                    continue
                deferred.append((target, ""))
        named = {h.code for h in ledger.accepted if h.family == "group"}
        for hit in aside:
            if hit.code in named:
                self._accept_group(ledger, hit)
            else:
                ledger.suppressed.append(hit)
        if "JUNDALLAH" in named and rules.jundallah_iranian(story, named, province_tagged):
            for hit in [h for h in ledger.accepted if h.family == "group" and h.code == "JUNDALLAH"]:
                hit.rule = rules.JUNDALLAH_IRANIAN
                ledger.accepted.remove(hit)
                ledger.suppressed.append(hit)
            named.discard("JUNDALLAH")
        for hit, label_name in deferred:
            if label_name:
                label = taxonomy.state_labels[label_name]
                applies = rules.state_label_applies(named, label.unless_named)
                hit.rule = rules.KHAWARIJ_LABEL if label.maps_to == "TTP" else rules.FITNA_AL_HINDUSTAN
            else:
                applies = not rules.taliban_alone_is_afghan(story, province_tagged)
                hit.rule = rules.TALIBAN_PAKISTANI_CONTEXT if applies else rules.TALIBAN_ALONE_IS_AFGHAN
            (ledger.accepted if applies else ledger.suppressed).append(hit)

    def _drop_background_groups(self, story: Story, ledger: _Ledger, groups: list[str]) -> list[str]:
        """``groups`` without the background names (al-Qaeda) named once in the body beside other groups."""
        background = self.taxonomy.background_groups
        if all(code in background for code in groups):
            return groups
        kept = set(groups)
        for code in background.intersection(groups):
            items = [h for h in ledger.accepted if h.family == "group" and h.code == code]
            if all(h.field == "body" and h.rule is None for h in items) and _named_once(story, items):
                self._drop(ledger, kept, code, items, rules.PASSING_GROUP_MENTION)
        return [code for code in groups if code in kept]

    @staticmethod
    def _drop_history_groups(story: Story, ledger: _Ledger, groups: list[str]) -> list[str]:
        """``groups`` without those named once, outside the title, in a sentence of background history, beside
        a group the story's own events name (rule group_history)."""
        by_code: dict[str, list[_Hit]] = {}
        for hit in ledger.accepted:
            if hit.family == "group" and hit.code in groups:
                by_code.setdefault(hit.code, []).append(hit)
        history = {code for code, items in by_code.items()
                   if items[0].rule != rules.IMPLIES_PARENT and _named_once(story, items)
                   and items[0].field != "title" and rules.history_sentence(story, "text", items[0].mention)}
        if not history or history.issuperset(groups):
            return groups
        kept = set(groups)
        for code in history:
            Tagger._drop(ledger, kept, code, by_code[code], rules.GROUP_HISTORY)
        return [code for code in groups if code in kept]

    @staticmethod
    def _accept_group(ledger: _Ledger, hit: _Hit) -> None:
        ledger.accepted.append(hit)
        parent = hit.mention.term.parent
        if parent:
            ledger.accepted.append(_Hit("group", parent, hit.mention, hit.field, hit.position, hit.weight,
                                        rules.IMPLIES_PARENT, hit.order))


def _al_qaeda_rule(story: Story, where: str, mention: Mention, named_codes: set[str],
                   province_tagged: bool) -> str | None:
    """The rule under which an 'al-Qaeda' mention is not al-Qaeda core, else None."""
    if not rules.al_qaeda_regional(story, province_tagged):
        return rules.AL_QAEDA_REGIONAL
    if rules.al_qaeda_affiliate(story, where, mention):
        return rules.AL_QAEDA_AFFILIATE
    if rules.al_qaeda_as_aqis(story, named_codes):
        return rules.AL_QAEDA_AS_AQIS
    if rules.al_qaeda_history(story, where, mention):
        return rules.AL_QAEDA_HISTORY
    if rules.sanctions_regime(story, where, mention):
        return rules.SANCTIONS_REGIME
    return None


def _descriptor_rule(story: Story, where: str, mention: Mention, before: Mention | None,
                     before_rule: str | None, hits: list[_Located], index: int) -> str | None:
    """The rule under which a group mention only describes another group, else None."""
    if before is not None:
        if before_rule is not None and rules.bracketed_repeat(story, where, before, mention):
            return before_rule  # "linked to the banned Tehreek-e-Taliban Pakistan (TTP)"
        in_list = before_rule == rules.ALLIANCE_MEMBERS
        if rules.alliance_member(story, where, mention, before, in_list=in_list):
            return rules.ALLIANCE_MEMBERS
        if rules.group_descriptor(story, where, mention, before):
            return rules.GROUP_DESCRIPTOR
    if rules.descriptor_prefix_cue(story, where, mention) and rules.descriptor_prefix(
            story, where, mention, _next_group(hits, index)):
        return rules.GROUP_DESCRIPTOR
    if rules.unlisted_group_descriptor(story, where, mention):
        return rules.UNLISTED_GROUP_DESCRIPTOR
    if rules.party_affinity(story, where, mention):
        return rules.PARTY_AFFINITY
    return None


def _next_group(hits: list[_Located], index: int) -> Mention | None:
    """The next group mention after ``hits[index]`` in the same field, if any."""
    where = hits[index][0]
    for other in hits[index + 1:]:
        if other[0] != where:
            return None
        if other[1].term.family == "group":
            return other[1]
    return None


def _named_once(story: Story, items: list[_Hit]) -> bool:
    """True when a unit is named once: one mention, or a name with its acronym in brackets ('Khyber
    Pakhtunkhwa (KP)')."""
    if len(items) != 2:
        return len(items) == 1
    first, second = sorted(items, key=lambda h: h.order)
    return _where(first) == _where(second) and rules.bracketed_repeat(
        story, _where(first), first.mention, second.mention)


def _province_veto(story: Story, where: str, mention: Mention) -> str | None:
    """Name of the rule that suppresses this place mention, if any.

    Each rule is called only when its own first test can pass (the term, or a story-wide cue): most
    mentions then skip most calls."""
    term = mention.term
    if term.ordinary and not rules.ordinary_words(story, where, mention):
        return rules.ORDINARY_WORDS
    if rules.personal_name(story, where, mention):
        return rules.PERSONAL_NAME
    if story.cross_border_cue and rules.cross_border_places(story, where, mention):
        return rules.CROSS_BORDER_PLACES
    if story.foreign_namesakes and rules.foreign_namesake(story, mention):
        return rules.FOREIGN_NAMESAKE
    if story.team_cities and rules.team_shorthand(story, where, mention):
        return rules.TEAM_SHORTHAND
    key, code = term.key, term.code
    if code == "PB" and rules.indian_punjab(story, mention):
        return rules.INDIAN_PUNJAB
    if key in HYDERABAD_NAMES and rules.hyderabad_telangana(story, mention):
        return rules.HYDERABAD_TELANGANA
    if code == "AJK" and rules.indian_kashmir(story, mention):
        return rules.INDIAN_KASHMIR
    if code == "AJK" and rules.gb_called_kashmir(story, mention):
        return rules.GB_CALLED_KASHMIR
    islamabad = key == "islamabad"
    if islamabad and rules.islamabad_as_government(story, where, mention):
        return rules.ISLAMABAD_AS_GOVERNMENT
    if rules.organisation_base(story, where, mention):
        return rules.ORGANISATION_BASE
    if islamabad and rules.diplomatic_venue(story, where, mention):
        return rules.DIPLOMATIC_VENUE
    if term.crossing and rules.border_crossing(story, mention):
        return rules.BORDER_CROSSING
    if rules.negated_mention(story, where, mention):
        return rules.NEGATED_MENTION
    if not story.militant_context and rules.figure_listing(story, where, mention):
        return rules.FIGURE_LISTING
    return None


def _where(hit: _Hit) -> str:
    return "title" if hit.field == "title" else "text"


def _lead_end(text: str) -> int:
    """End of the lead: the first paragraph, or the first two when the first is short; at most
    LEAD_CHARS characters."""
    start = len(text) - len(text.lstrip())
    first = text.find("\n", start)
    if first == -1:
        return min(len(text), LEAD_CHARS)
    if first - start >= LEAD_ONE_PARAGRAPH:
        return min(first, LEAD_CHARS)
    second_start = first
    while second_start < len(text) and text[second_start].isspace():
        second_start += 1
    second = text.find("\n", second_start)
    return min(len(text) if second == -1 else second, LEAD_CHARS)
