"""Pakistani place names that stand for something across the border: a neighbour's province, a
namesake abroad, a crossing in a story told from the other side, Indian Punjab, Hyderabad and
Kashmir."""

from __future__ import annotations

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.story import Story, foreign_setting_weight, words_before
from pipelines.tagging.rules.vocabulary import (
    FOREIGN_OWNERS,
    HYDERABAD_NAMES,
    INDIAN_KASHMIR_AMBIGUOUS,
    KASHMIR_UMBRELLA,
    NOT_A_SETTING,
    PAKISTANI_SIDE,
    SISTAN,
)


def cross_border_places(story: Story, where: str, mention: Mention) -> bool:
    """True when a Pakistani place name is owned by a neighbour ("Iran's Balochistan")."""
    before = words_before(story, where, mention, 2)
    if not before:
        return False
    if mention.term.code == "BA" and (before[-1] in SISTAN or (
            len(before) == 2 and before[-1] in ("o", "e", "va", "and", "wa") and before[0] in SISTAN)):
        return True  # Sistan-o-Baluchistan, Seistan and Baluchestan: Iran
    if before[-1] == "s" and len(before) == 2:  # possessive: "Iran s Balochistan" after normalising
        return before[0] in FOREIGN_OWNERS
    return before[-1] in ("iranian", "afghan")


def foreign_namesake(story: Story, mention: Mention) -> bool:
    """True when the place name is used, in this story, for its namesake abroad."""
    return mention.term.key in story.foreign_namesakes


def border_crossing(story: Story, mention: Mention) -> bool:
    """True when a border crossing named in a story told from across the border (it names places on the
    other side: Nangarhar, Spin Boldak) places nothing in Pakistan: no other place of the same unit is
    named, and the story does not say it is on the Pakistani side. A crossing in a story told from Pakistan,
    however Afghan its subject, is the Pakistani side."""
    if not mention.term.crossing:
        return False
    if not foreign_setting_weight(story) or any(story.contains(side) for side in PAKISTANI_SIDE):
        return False  # "crowded on the Pakistani side of the border": told from Pakistan after all
    return not any(m.term.family == "province" and m.term.code == mention.term.code
                   and not m.term.crossing for _, m in story.mentions)


def indian_punjab(story: Story, mention: Mention) -> bool:
    """True when a bare 'Punjab' belongs to an Indian Punjab story."""
    if mention.term.code != "PB" or mention.term.kind != "unit":
        return False
    if "india_punjab" not in story.codes("foreign"):
        return False
    # Pakistani Punjab towns in the same story keep the province, unless Indian Punjab places
    # outnumber them (Shahkot and Jalandhar both exist)
    ours = sum(1 for _, m in story.mentions if m.term.code == "PB" and m.term.kind == "place")
    indian = sum(1 for _, m in story.mentions if m.term.family == "foreign" and m.term.code == "india_punjab")
    return ours < indian


def hyderabad_telangana(story: Story, mention: Mention) -> bool:
    """True when 'Hyderabad' is the Indian city: the story names Telangana or the city's localities, or
    it is set in India (the NIA, Mumbai; not New Delhi standing for the government) and names no other
    place in Sindh."""
    if mention.term.key not in HYDERABAD_NAMES:
        return False
    if "india_telangana" in story.codes("foreign"):
        return True
    if not any(m.term.family == "foreign" and m.term.code.startswith("india")
               and m.term.key not in NOT_A_SETTING for _, m in story.mentions):
        return False
    return not any(m.term.code == "SD" and m.term.family == "province" and m.term.key not in HYDERABAD_NAMES
                   for _, m in story.mentions)


def indian_kashmir(story: Story, mention: Mention) -> bool:
    """True when an AJK name shared with Indian-administered Kashmir belongs to the Indian side."""
    if mention.term.code != "AJK" or mention.term.key not in INDIAN_KASHMIR_AMBIGUOUS:
        return False
    if "india_kashmir" not in story.codes("foreign"):
        return False
    return not any(m.term.code == "AJK" and m.term.key not in INDIAN_KASHMIR_AMBIGUOUS
                   for _, m in story.mentions)


def gb_called_kashmir(story: Story, mention: Mention) -> bool:
    """True when 'PoK' or 'Pakistan-occupied Kashmir' stands for Gilgit-Baltistan: the story names GB
    places and no AJK district or town ('Chilas, which is located in Pakistan-occupied Kashmir')."""
    if mention.term.code != "AJK" or mention.term.key not in KASHMIR_UMBRELLA:
        return False
    gilgit = False
    for _, other in story.mentions:
        if other.term.code == "AJK" and other.term.kind == "place":
            return False
        gilgit = gilgit or (other.term.code == "GB" and other.term.kind != "weak_acronym")
    return gilgit
