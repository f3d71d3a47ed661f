"""Disambiguation rules, one small named function each.

Every rule looks at one mention (or the whole story) through :class:`Story` and answers whether
the mention counts. The tagger records the rule's name in the evidence when a rule suppresses
or promotes something, so an operator can see why a tag is (or is not) there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from pipelines.tagging.matcher import Mention
from pipelines.tagging.normalize import Normalized

# -------------------------------------------------------------------------------- rule names
ORDINARY_WORDS = "ordinary_words"
TALIBAN_ALONE_IS_AFGHAN = "taliban_alone_is_afghan"
TALIBAN_PAKISTANI_CONTEXT = "taliban_pakistani_context"
INDIAN_PUNJAB = "indian_punjab"
HYDERABAD_TELANGANA = "hyderabad_telangana"
INDIAN_KASHMIR = "indian_kashmir"
CROSS_BORDER_PLACES = "cross_border_places"
MUZAFFARABAD_VS_MUZAFFARGARH = "muzaffarabad_vs_muzaffargarh"
DATELINE = "dateline"
ISLAMABAD_AS_GOVERNMENT = "islamabad_as_government"
ORGANISATION_BASE = "organisation_base"
PASSING_MENTION = "passing_mention"
WEAK_ACRONYM = "weak_acronym"
CONTEXT_ACRONYM = "context_acronym"
ISLAMIC_STATE_REGIONAL = "islamic_state_regional"
KHAWARIJ_LABEL = "khawarij_label"
FITNA_AL_HINDUSTAN = "fitna_al_hindustan"
IMPLIES_PARENT = "implies_parent"

RULES: dict[str, str] = {
    ORDINARY_WORDS: "a place name that is also a word (Tank, Hub, Swat) counts only as written, as a place",
    TALIBAN_ALONE_IS_AFGHAN: "'Taliban' alone is the Afghan Taliban, unless the story is a Pakistani "
                             "militancy story with no Afghan cue (then TTP, rule taliban_pakistani_context)",
    INDIAN_PUNJAB: "'Punjab' in a story about Indian Punjab (Amritsar, Ludhiana ...) is not PB",
    HYDERABAD_TELANGANA: "'Hyderabad' next to Telangana cues is the Indian city, not SD",
    INDIAN_KASHMIR: "Poonch, Kotli, Neelum ... in a story about Indian-administered Kashmir are not AJK",
    CROSS_BORDER_PLACES: "Afghan and Iranian places never tag; 'Iran's Balochistan' is not BA",
    MUZAFFARABAD_VS_MUZAFFARGARH: "exact names only: Muzaffarabad is AJK, Muzaffargarh is PB, no fuzzy match",
    DATELINE: "a dateline names the bureau: it counts weakly and tags alone only a provincial bureau",
    ISLAMABAD_AS_GOVERNMENT: "'Islamabad said', 'Islamabad and Kabul' mean the government, not ICT",
    ORGANISATION_BASE: "'Islamabad-based', 'based in Quetta' locate an organisation, not the events",
    PASSING_MENTION: "a unit named once outside the title, in a story where another unit scores twice as "
                     "much, does not tag (except in round-ups naming three or more units)",
    WEAK_ACRONYM: "an acronym such as GB counts only next to another term for the same unit",
    CONTEXT_ACRONYM: "a colliding group acronym (IS, IMP, BRA) needs the full name or a militancy story",
    ISLAMIC_STATE_REGIONAL: "Daesh / Islamic State / IS count as ISKP only in a Pakistan/Afghanistan story",
    KHAWARIJ_LABEL: "'Fitna al-Khawarij' / 'khwarij' tag TTP unless an aligned group (HGB, IMP) is named",
    FITNA_AL_HINDUSTAN: "'Fitna al-Hindustan' tags BALOCH_SEP unless a Baloch group is named",
    IMPLIES_PARENT: "a sub-unit (Majeed Brigade) also tags its parent group (BLA)",
}

# -------------------------------------------------------------------------------- word lists
LOCATIVE = frozenset({
    "in", "at", "near", "from", "outside", "to", "into", "across", "around", "between", "of", "inside",
    "within", "via", "toward", "towards", "off",
})
PLACE_NOUNS = frozenset({
    "district", "districts", "city", "town", "tehsil", "tehsils", "area", "areas", "valley", "cantonment",
    "cantt", "bazaar", "subdivision", "sub", "division", "police", "region", "agency", "pass", "road",
    "highway", "bypass", "border", "village", "villages", "chowki", "chowk", "market", "jail", "prison",
    "airport", "station", "check", "post", "checkpost", "tribal", "city's",
})
GOVERNMENT_NEXT = frozenset({
    "said", "says", "say", "has", "have", "had", "will", "would", "wants", "want", "wanted", "accused",
    "accuses", "blamed", "blames", "denied", "denies", "rejected", "rejects", "urged", "urges", "warned",
    "warns", "insists", "insisted", "maintains", "maintained", "claims", "claimed", "demanded", "demands",
    "believes", "hopes", "responded", "announced", "should", "must", "refused", "asked", "seeks", "sought",
    "considers", "expects", "continues", "did", "does", "also", "views", "alleged", "alleges", "told",
    "protested", "summoned", "called", "calls", "condemned", "condemns", "welcomed", "welcomes",
})
GOVERNMENT_OBJECT_OF = frozenset({
    "urged", "urges", "asked", "asks", "told", "tells", "warned", "warns", "accused", "accuses", "blamed",
    "blames", "informed", "pressed", "presses", "praised", "praises", "criticised", "criticises",
    "slammed", "slams",
})
INSTITUTIONS = frozenset({
    "based", "headquartered", "office", "ministry", "government", "embassy", "mission", "commission",
    "headquarters", "secretariat",
})
GOVERNMENT_POSSESSED = frozenset({
    "position", "stance", "policy", "policies", "decision", "relations", "allegations", "accusations",
    "demand", "demands", "concerns", "claims", "claim", "response", "ties", "approach", "view", "views",
    "diplomatic", "foreign", "narrative", "patience",
})
CAPITALS = ("kabul", "new delhi", "delhi", "tehran", "beijing", "washington", "moscow", "riyadh", "ankara",
            "doha", "london")
RELATION_NOUNS = frozenset({
    "relations", "ties", "talks", "tensions", "engagement", "dialogue", "contacts", "differences",
})
FOREIGN_OWNERS = frozenset({
    "afghan", "afghanistan", "iran", "iranian", "indian", "india",
})
INDIAN_KASHMIR_AMBIGUOUS = frozenset({
    "poonch", "kotli", "neelum", "bagh", "haveli", "mirpur",
})
MILITANT_CONTEXT = re.compile(
    r" (?:militants?|militancy|terrorists?|terrorism|terror|attacks?|attacked|attackers?|claimed|blast|bomb|"
    r"bombing|suicide|insurgents?|insurgency|banned|proscribed|outfits?|gunmen|killed|martyred|ambush(?:ed)?|"
    r"fighters|hideouts?|commanders?|kidnapped|abducted|grenade|ied|explosives?) "
)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'\-]{2,40}?)"  # QUETTA
    r"(?:\s*,\s*[^:\n\u2014\u2013]{1,40}?)?"  # , Pakistan / , Jan 5
    r"\s*(?:\([^)\n]{1,30}\)\s*)?"  # (AP)
    r"(?::|\u2014|\u2013|--)\s"
)


@dataclass
class Story:
    """What the rules may look at: the normalised fields and every mention found in them."""

    title: Normalized
    text: Normalized
    mentions: list[tuple[str, Mention]]  # ("title" | "text", mention)
    dateline_end: int = 0  # end of the dateline in the original text, 0 if none
    _codes: dict[str, set[str]] = field(default_factory=dict)
    _around: dict[tuple[int, int], tuple[list[str], list[str]]] = field(default_factory=dict)

    def codes(self, family: str) -> set[str]:
        """Codes of a family mentioned anywhere (before any rule)."""
        if family not in self._codes:
            self._codes[family] = {m.term.code for _, m in self.mentions if m.term.family == family}
        return self._codes[family]

    @cached_property
    def militant_context(self) -> bool:
        """Whether the story reads as a militancy story."""
        return bool(MILITANT_CONTEXT.search(self.title.lower) or MILITANT_CONTEXT.search(self.text.lower))

    @cached_property
    def afghan_cue(self) -> bool:
        """An Afghan place or an Afghan-government name other than bare 'Taliban'."""
        for _, mention in self.mentions:
            term = mention.term
            if term.family == "foreign" and term.code == "afghanistan":
                return True
            if term.family == "actor" and term.code.endswith(":afghan") and term.key != "taliban":
                return True
        return False

    def norm(self, where: str) -> Normalized:
        """The normalised field a mention was found in."""
        return self.title if where == "title" else self.text

    def around(self, norm: Normalized, mention: Mention) -> tuple[list[str], list[str]]:
        """Three normalised words before (nearest last) and after a mention, computed once."""
        key = (id(norm), mention.norm_start)
        found = self._around.get(key)
        if found is None:
            before = norm.lower[max(0, mention.norm_start - 60):mention.norm_start].split()[-3:]
            after = norm.lower[mention.norm_end:mention.norm_end + 60].split()[:3]
            found = self._around[key] = (before, after)
        return found

    def contains(self, key: str) -> bool:
        """Whether the normalised key occurs as whole words in title or text."""
        padded = f" {key} "
        return padded in self.title.lower or padded in self.text.lower


def words_before(story: Story, where: str, mention: Mention, count: int = 2) -> list[str]:
    """Up to ``count`` (at most 3) normalised words right before the mention, nearest last."""
    return story.around(story.norm(where), mention)[0][-count:]


def words_after(story: Story, where: str, mention: Mention, count: int = 2) -> list[str]:
    """Up to ``count`` (at most 3) normalised words right after the mention."""
    return story.around(story.norm(where), mention)[1][:count]


# -------------------------------------------------------------------------------- place rules
def ordinary_words(story: Story, where: str, mention: Mention) -> bool:
    """True when an ordinary-word place name (Tank, Hub, Swat) is used as a place."""
    after = words_after(story, where, mention, 3)
    reject = mention.term.reject_after
    if after and any(" ".join(after[:len(r.split())]) == r for r in reject):
        return False
    if not mention.term.needs_place_context or (after and after[0] in PLACE_NOUNS):
        return True
    before = words_before(story, where, mention, 1)
    return bool(before) and before[0] in LOCATIVE and (not after or after[0] != "of")


def cross_border_places(story: Story, where: str, mention: Mention) -> bool:
    """True when a Pakistani place name is owned by a neighbour ("Iran's Balochistan")."""
    before = words_before(story, where, mention, 2)
    if not before:
        return False
    if before[-1] == "s" and len(before) == 2:  # possessive: "Iran s Balochistan" after normalising
        return before[0] in FOREIGN_OWNERS
    return before[-1] in ("iranian", "afghan")


def indian_punjab(story: Story, mention: Mention) -> bool:
    """True when a bare 'Punjab' belongs to an Indian Punjab story."""
    if mention.term.code != "PB" or mention.term.kind != "unit":
        return False
    if "india_punjab" not in story.codes("foreign"):
        return False
    # a Pakistani Punjab town in the same story keeps the province
    return not any(m.term.code == "PB" and m.term.kind == "place" for _, m in story.mentions)


def hyderabad_telangana(story: Story, mention: Mention) -> bool:
    """True when 'Hyderabad' is the Indian city."""
    return mention.term.key == "hyderabad" and "india_telangana" in story.codes("foreign")


def indian_kashmir(story: Story, mention: Mention) -> bool:
    """True when an AJK name shared with Indian-administered Kashmir belongs to the Indian side."""
    if mention.term.code != "AJK" or mention.term.key not in INDIAN_KASHMIR_AMBIGUOUS:
        return False
    if "india_kashmir" not in story.codes("foreign"):
        return False
    return not any(m.term.code == "AJK" and m.term.key not in INDIAN_KASHMIR_AMBIGUOUS
                   for _, m in story.mentions)


def islamabad_as_government(story: Story, where: str, mention: Mention) -> bool:
    """True when 'Islamabad' stands for the federal government."""
    if mention.term.key != "islamabad":
        return False
    after = words_after(story, where, mention, 3)
    before = words_before(story, where, mention, 2)
    if after:
        if after[0] in GOVERNMENT_NEXT:
            return True
        if after[0] == "s" and len(after) > 1 and after[1] in GOVERNMENT_POSSESSED:
            return True
        rest = " ".join(after[1:])
        if after[0] == "and" and rest.startswith(CAPITALS):
            return True
    if before:
        if before[-1] == "between":
            return True
        if before[-1] == "and" and len(before) == 2 and before[0] in CAPITALS:
            return True
        if before[-1] == "with" and len(before) == 2 and before[0] in RELATION_NOUNS:
            return True
        if before[-1] in GOVERNMENT_OBJECT_OF:
            return True
    return False


def organisation_base(story: Story, where: str, mention: Mention) -> bool:
    """True when the place only locates an organisation ('Islamabad-based', 'based in Quetta',
    'the Foreign Office in Islamabad')."""
    after = words_after(story, where, mention, 1)
    if after and after[0] == "based":
        return True
    before = words_before(story, where, mention, 2)
    return len(before) == 2 and before[1] == "in" and before[0] in INSTITUTIONS


def in_dateline(story: Story, where: str, mention: Mention) -> bool:
    """True when the mention sits in the story's dateline ("PESHAWAR:")."""
    return where == "text" and mention.start < story.dateline_end


def dateline_end(text: str) -> int:
    """End offset of a leading dateline such as 'QUETTA:' or 'PESHAWAR, Pakistan (AP) —', else 0."""
    match = _DATELINE.match(text[:120])
    if not match:
        return 0
    place = match.group("place")
    if not (place.isupper() or match.group(0).rstrip().endswith(":")):
        return 0
    return match.end()


def muzaffarabad_vs_muzaffargarh(key: str) -> str | None:
    """The unit an exact Muzaffarabad/Muzaffargarh spelling belongs to (no fuzzy matching anywhere)."""
    return {"muzaffarabad": "AJK", "muzaffargarh": "PB"}.get(key)


# -------------------------------------------------------------------------------- group rules
def taliban_alone_is_afghan(story: Story, province_tagged: bool) -> bool:
    """True when a bare 'Taliban' is the Afghan Taliban (the default).

    False only for a Pakistani militancy story (a Pakistani unit tagged, militant vocabulary)
    with no Afghan place or Afghan-government name anywhere.
    """
    return story.afghan_cue or not (province_tagged and story.militant_context)


def context_acronym(story: Story, mention: Mention, other_names: tuple[str, ...],
                    full_name_seen: bool) -> bool:
    """True when a colliding group acronym counts for the group."""
    if any(story.contains(name) for name in other_names):
        return False
    return full_name_seen or story.militant_context


def islamic_state_regional(story: Story, province_tagged: bool) -> bool:
    """True when generic Islamic State names can be read as the Khorasan branch."""
    return province_tagged or story.afghan_cue


def state_label_applies(named_codes: set[str], unless_named: frozenset[str]) -> bool:
    """True when a state label (khwarij, Fitna al-Hindustan) should tag its target group."""
    return not (named_codes & unless_named)
