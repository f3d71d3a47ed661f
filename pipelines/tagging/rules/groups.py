"""Group rules: which group a name stands for (Taliban, Islamic State, al-Qaeda, Jundallah, state
labels), and groups named only to describe another, as an alliance's members or in the name of a
sanctions regime."""

from __future__ import annotations

import re

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.story import Story, words_before
from pipelines.tagging.rules.vocabulary import (
    _WORD,
    ALLIANCE_CHARS,
    ALLIANCE_REACH,
    ALLIANCE_SUBJECTS,
    ALLIANCE_TAIL,
    ALLIANCE_WORDS,
    DESCRIPTOR_OF_UNNAMED,
    DESCRIPTOR_PREFIX,
    DESCRIPTOR_TAIL,
    DESCRIPTOR_WORDS,
    GOVERNMENT_NEXT,
    HISTORY_CLAIM,
    HISTORY_REACH,
    HISTORY_YEAR,
    HISTORY_YEAR_OPENER,
    ISLAMIC_STATE_ABROAD,
    ISLAMIC_STATE_LONG_NAME,
    LIST_JOINERS,
    LIST_OPENERS,
    NOT_A_SETTING,
    OUT_OF_REGION_QAEDA,
    PREFIX_WORDS,
    QAEDA_AFFILIATE_AFTER,
    QAEDA_CORE_CUES,
    QAEDA_HISTORY_CHARS,
    QAEDA_HISTORY_WORDS,
    QAEDA_HISTORY_YEAR,
    UNLISTED_CUES,
    UNLISTED_DESCRIPTOR,
    UNLISTED_REACH,
)


def taliban_alone_is_afghan(story: Story, province_tagged: bool) -> bool:
    """True when a bare 'Taliban' is the Afghan Taliban (the default).

    False only for a Pakistani militancy story (a Pakistani unit tagged, militant vocabulary)
    with no Afghan place or Afghan-government name anywhere.
    """
    return story.afghan_cue or not (province_tagged and story.militant_context)


def redefined_acronym(story: Story, where: str, mention: Mention) -> bool:
    """True when the story defines this group acronym for another group, so that here it is not the
    taxonomy's group: "JuA" after "Jaish al-Adl (JuA, Army of Justice)" is not Jamaat-ul-Ahrar."""
    definitions = story.acronym_definitions
    if not definitions:
        return False
    raw = story.raw(where)
    code = definitions.get(raw[mention.start:mention.end])
    return code is not None and code != mention.term.code


def context_acronym(story: Story, mention: Mention, other_names: tuple[str, ...],
                    full_name_seen: bool) -> bool:
    """True when a colliding group acronym counts for the group."""
    if any(story.contains(name) for name in other_names):
        return False
    return full_name_seen or story.militant_context


def islamic_state_regional(story: Story, province_tagged: bool) -> bool:
    """True when generic Islamic State names can be read as the Khorasan branch."""
    return province_tagged or story.afghan_cue


def islamic_state_abroad(story: Story, where: str, mention: Mention) -> bool:
    """True when a generic Islamic State name is placed, in its own sentence, in a theatre outside the
    region ('a missile attack on northern Syria, targeting the Islamic State', 'the Islamic State group
    based in Syria and Iraq'): the organisation there, not its Khorasan branch."""
    before, after = story.sentence_around(where, mention, HISTORY_REACH)
    # "the Islamic State of Iraq and the Levant (ISIL) claimed the Quetta bombing": its name, no theatre
    before, after = ISLAMIC_STATE_LONG_NAME.sub(" ", before), ISLAMIC_STATE_LONG_NAME.sub(" ", after)
    return bool(ISLAMIC_STATE_ABROAD.search(before) or ISLAMIC_STATE_ABROAD.search(after))


def al_qaeda_regional(story: Story, province_tagged: bool) -> bool:
    """True when 'al-Qaeda' can be read as al-Qaeda core: the story is set in Pakistan or Afghanistan,
    or names no affiliate or theatre outside the region (AQAP, Yemen, Somalia, the Sahel, Syria)."""
    if province_tagged or story.afghan_cue:
        return True
    return not (OUT_OF_REGION_QAEDA.search(story.text.lower) or OUT_OF_REGION_QAEDA.search(story.title.lower))


def al_qaeda_affiliate(story: Story, where: str, mention: Mention) -> bool:
    """True when 'al-Qaeda' is followed by a theatre outside the region ('al Qaeda in Iraq', 'al-Qaeda
    in the Arabian Peninsula'): the affiliate, not al-Qaeda core."""
    lower = story.norm(where).lower
    return bool(QAEDA_AFFILIATE_AFTER.match(lower, mention.norm_end + 1))


def al_qaeda_history(story: Story, where: str, mention: Mention) -> bool:
    """True when 'al-Qaeda' is named in the story of 2001 ('ousted 20 years ago for refusing to hand over
    al-Qaeda leader Osama bin Laden after the Sept. 11, 2001, attacks'): the year or 9/11 and an ouster
    or invasion word near the name. Background to a Taliban story, not al-Qaeda acting in it."""
    lower = story.norm(where).lower
    window = lower[max(0, mention.norm_start - QAEDA_HISTORY_CHARS):mention.norm_end + QAEDA_HISTORY_CHARS]
    return bool(QAEDA_HISTORY_YEAR.search(window)) and bool(QAEDA_HISTORY_WORDS.search(window))


def al_qaeda_as_aqis(story: Story, named_codes: set[str]) -> bool:
    """True when a bare 'al-Qaeda' is shorthand for AQIS: the story names AQIS and nothing of al-Qaeda
    core (its leaders, 'global al-Qaeda', 'al-Qaeda central')."""
    if "AQIS" not in named_codes:
        return False
    return not (QAEDA_CORE_CUES.search(story.text.lower) or QAEDA_CORE_CUES.search(story.title.lower))


def group_descriptor(story: Story, where: str, mention: Mention, previous: Mention | None) -> bool:
    """True when a group is named only to describe the group just before it ('the Hafiz Gul Bahadur
    Group (TTG) of the Pakistani Taliban', 'HGB, a faction allied to the TTP')."""
    if previous is None or previous.term.code == mention.term.code or previous.norm_end > mention.norm_start:
        return False
    between = story.norm(where).lower[previous.norm_end:mention.norm_start]
    if between.count(" ") > DESCRIPTOR_WORDS + 1:
        return False
    return bool(DESCRIPTOR_TAIL.search(between.strip() + " "))


def descriptor_prefix_cue(story: Story, where: str, mention: Mention) -> bool:
    """Cheap test: the word after a group is one that may make it a descriptor ('al-Qaeda-affiliated')."""
    return story.norm(where).lower.startswith(PREFIX_WORDS, mention.norm_end + 1)


def descriptor_prefix(story: Story, where: str, mention: Mention, following: Mention | None) -> bool:
    """True when a group only qualifies the group right after it ('the al-Qaeda-affiliated Lashkar-e-Jhangvi',
    'TTP-linked Jamaat-ul-Ahrar'), or groups the text leaves unnamed ('al-Qaeda affiliated outfits')."""
    lower = story.norm(where).lower
    if following is not None and following.term.code != mention.term.code \
            and mention.norm_end <= following.norm_start \
            and DESCRIPTOR_PREFIX.match(lower[mention.norm_end:following.norm_start]):
        return True
    return bool(DESCRIPTOR_OF_UNNAMED.match(lower, mention.norm_end))


def alliance_member(story: Story, where: str, mention: Mention, previous: Mention | None, *,
                    in_list: bool) -> bool:
    """True when the group is listed as a member of an alliance just named ('BRAS, an alliance of the BLA,
    BLF and BRG', 'an umbrella of four groups -- the BLF, ...'). ``in_list``: ``previous`` was itself a
    member, so the list goes on while only commas, 'and' or brackets separate the names."""
    if previous is None or previous.norm_end > mention.norm_start:
        return False
    between = story.norm(where).lower[previous.norm_end:mention.norm_start]
    if not in_list and not any(word in between[-ALLIANCE_CHARS:] for word in ALLIANCE_WORDS):
        return False  # cheap test first: no alliance word right before this group
    raw = story.raw(where)
    raw_between = raw[previous.end:mention.start]
    if "." in raw_between.replace("..", ""):
        # a new sentence about the alliance just named: "... IMP said. The alliance comprises the HGB, ..."
        tail = raw_between.replace("..", "").rsplit(".", 1)[1].lower().split()
        return not in_list and tail[:1] in (["the"], ["this"]) and tail[1:2] in ALLIANCE_SUBJECTS \
            and bool(ALLIANCE_TAIL.search(" " + " ".join(_WORD.findall(" ".join(tail[2:]))) + " "))
    if not in_list and len(between) > ALLIANCE_CHARS:
        return False
    words = between.split()
    if in_list:
        return len(words) <= 3 and all(word in LIST_JOINERS for word in words)
    if previous.term.code == mention.term.code or len(words) > ALLIANCE_REACH:
        return False
    if not any(word.startswith(ALLIANCE_WORDS) for word in words) or GOVERNMENT_NEXT.intersection(words[-4:]):
        return False  # "BRAS, an alliance of Baloch groups, said the BLA ...": a new clause
    opener = raw_between.rstrip()
    if opener[-4:].lower() == " the":
        opener = opener[:-4].rstrip()
    if opener.endswith(LIST_OPENERS):
        return True  # "an alliance of four Baloch armed organisations -- the BLF, ...", "merged: The BRA"
    return bool(ALLIANCE_TAIL.search(" " + " ".join(words) + " "))


def unlisted_group_descriptor(story: Story, where: str, mention: Mention) -> bool:
    """True when the group only describes a group the taxonomy has no code for, in an apposition ('JA, a
    breakaway faction of the TTP') or a relative clause on a group noun ('Lashkar-i-Khurasan is a Sunni
    militant group, which is reportedly affiliated with ISIS'). A faction or affiliate that is still
    part of its parent ('Qari Hussain Force, an affiliate of the TTP') leaves the parent acting."""
    raw = story.raw(where)
    window = raw[max(0, mention.start - UNLISTED_REACH):mention.start].lower()
    if not any(cue in window for cue in UNLISTED_CUES):
        return False  # cheap test first
    return bool(UNLISTED_DESCRIPTOR.search(window))


def jundallah_iranian(story: Story, named_codes: set[str], province_tagged: bool = False) -> bool:
    """True when 'Jundallah' is the Iranian Baloch group (Jaish al-Adl's predecessor): the story names
    Jaish al-Adl or an Iranian place. Iran's name alone ('near the Pak-Iran border') is not enough in
    a story set in a Pakistani unit."""
    if "JAA" in named_codes or "iran" not in story.codes("foreign"):
        return "JAA" in named_codes
    return not province_tagged or any(m.term.family == "foreign" and m.term.code == "iran"
                                      and m.term.key not in NOT_A_SETTING for _, m in story.mentions)


SANCTIONS_BEFORE = re.compile(
    r"sanction[a-z]*\s+(?:list|regime|committee)\b[^.!?\n]{0,60}$"
    # a UN listing and its formula: "blacklisted by the United Nations in 2001, which tied it to al Qaeda",
    # "the financing, planning ... or perpetrating of al Qaeda acts"
    r"|(?:blacklisted|designated|listed)\s+by\s+the\s+(?:un|united nations)\b[^.!?\n]{0,60}$"
    r"|\bperpetrating\s+of\b[^.!?\n]{0,100}$"
)
SANCTIONS_CUES = ("sanction", "united nations", " un ", "perpetrating")
SANCTIONS_AFTER = re.compile(r"^[\s'\u2019s]*(?:and\s+(?:the\s+)?taliban\s+)?sanctions\b")
SANCTIONS_REACH = 110  # characters before a name that may hold the sanctions list it names
DIPLOMATIC_OFFICES = (" foreign office ", " foreign ministry ", " ministry of foreign affairs ", " mofa ",
                      " fo spokesperson ", " fo spokesman ")
DIPLOMATIC_ACTS = (" briefing ", " spokesperson ", " spokesman ", " statement ")


def sanctions_regime(story: Story, where: str, mention: Mention) -> bool:
    """True when 'al-Qaeda' or 'the Taliban' is named only in the name of the UN sanctions regime ('its
    terrorism sanctions list of people and organisations linked to al Qaeda and the Taliban', 'the
    Al-Qaida Sanctions Committee') or in a UN listing's formula ('blacklisted by the United Nations,
    which tied it to al Qaeda')."""
    raw = story.raw(where)
    window = raw[max(0, mention.start - SANCTIONS_REACH):mention.start].lower()
    after = raw[mention.end:mention.end + 40].lower()
    if not any(cue in window for cue in SANCTIONS_CUES) and "sanction" not in after:
        return False  # cheap test first
    return bool(SANCTIONS_BEFORE.search(window) or SANCTIONS_AFTER.match(after))


def diplomatic_briefing(story: Story) -> bool:
    """True when the story reports a diplomatic briefing or statement: it names the Foreign Office (or
    foreign ministry) and a briefing, a spokesperson or a statement."""
    text = story.text.lower
    return any(office in text for office in DIPLOMATIC_OFFICES) \
        and any(act in text for act in DIPLOMATIC_ACTS)


def state_label_applies(named_codes: set[str], unless_named: frozenset[str]) -> bool:
    """True when a state label (khwarij, Fitna al-Hindustan) should tag its target group."""
    return not (named_codes & unless_named)


_DEFINED_AFTER = re.compile(
    r"""^[\s"'\u201c\u201d\u2018\u2019)]*(?:refers? to|(?:is|are) (?:a |the )?(?:term|name|label)s?\b"""
    r"|(?:is|are) used (?:for|to|by)|denotes|stands for)")


def label_definition(story: Story, where: str, mention: Mention) -> bool:
    """True when a state label is only being defined: 'while "Fitna al-Hindustan" refers to Indian-backed
    proxies', 'the term Fitna al-Khawarij is used for TTP militants'."""
    raw = story.raw(where)
    if _DEFINED_AFTER.match(raw[mention.end:mention.end + 40]):
        return True
    return words_before(story, where, mention, 2)[-1:] == ["term"]


_AFFINITY_TAIL = re.compile(
    r"(?:(?:ties|links|connections|relations) (?:to|with)|sympathi[sz]ers of|sympathetic (?:to|towards)"
    r"|soft corner for|close to) (?:the )?(?:[a-z]+ (?:and )?)?$")
AFFINITY_CHARS = 120  # how far before the group the party may be named, in the same sentence
PARTY_ACTOR = "POLITICAL_PARTIES"  # the non_group_actors id of parties in groups.yaml


def party_affinity(story: Story, where: str, mention: Mention) -> bool:
    """True when the group is only what a political party is said to sympathise with or have ties to
    ('the JUI has ties to the Afghan and Pakistani Taliban')."""
    lower = story.norm(where).lower
    if not _AFFINITY_TAIL.search(lower[max(0, mention.norm_start - 40):mention.norm_start]):
        return False  # cheap test first
    raw = story.raw(where)
    for other_where, other in story.mentions:
        if other_where != where or other.term.family != "actor" or other.term.code != PARTY_ACTOR:
            continue
        if other.end <= mention.start and mention.start - other.end <= AFFINITY_CHARS \
                and "." not in raw[other.end:mention.start].replace("..", ""):
            return True
    return False



def history_sentence(story: Story, where: str, mention: Mention) -> bool:
    """True when the mention's sentence dates itself by a bare year ('banned in 2002', 'a 2001 attack on
    India's parliament', '2018 میں'): background history. A year after a month or a day ('in November
    2022', '21 February 2026') dates the story's own events, 'since 2007' reaches the present, and a
    sentence with a claim is the story's own ('JuA claimed the attack, saying it avenged 2009')."""
    before, after = story.sentence_around(where, mention, HISTORY_REACH)
    if HISTORY_CLAIM.search(before) or HISTORY_CLAIM.search(after):
        return False  # "JuA claimed the attack, saying it avenged arrests in 2009": the story's claimant
    for text in (before, after):
        for year in HISTORY_YEAR.finditer(text):
            if not HISTORY_YEAR_OPENER.search(text, 0, year.start()):
                return True
    return False
