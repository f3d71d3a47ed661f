"""Place rules on one mention in its sentence: ordinary words, negation, figures, sports teams,
bracketed and chained names, incident scenes, Islamabad as the government or a venue, an
organisation's base."""

from __future__ import annotations

from bisect import bisect_right

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.story import Story, words_after, words_before
from pipelines.tagging.rules.vocabulary import (
    ACCUSATION_NOUNS,
    ARREST_WORDS,
    CAPITALS,
    CONTRAST,
    FIRST_NAMES,
    FULL_STOPS,
    GIVEN_NAMES,
    GOVERNMENT_NEXT,
    GOVERNMENT_OBJECT_OF,
    GOVERNMENT_POSSESSED,
    GOVERNMENT_STATE,
    INCIDENT_LOCATIVE,
    INCIDENT_NOUNS,
    INCIDENT_REACH,
    INCIDENT_STOP,
    INCIDENT_WORDS,
    INSTITUTIONS,
    IZAFAT,
    LIST_LINKS,
    LOCATIVE,
    LONG_NAME_OK,
    NARROW_REACH,
    NEGATED_EVENTS,
    NEGATION_REACH,
    NEGATORS,
    ORDER_WORDS,
    PLACE_MODIFIERS,
    PLACE_NOUNS,
    RELATION_NOUNS,
    RESPONSE_NOUNS,
    TEAM_PLACE_WORDS,
    UNIT_NOUNS,
    URDU_AREA,
    URDU_IN,
    URDU_INCIDENT_WORDS,
    VENUE_WORDS,
)


def shared_place(units: tuple[str, ...], default: str, named: set[str]) -> str | None:
    """The unit a place name shared by ``units`` stands for: the one of them the story names elsewhere
    ("Khangarh" beside Muzaffargarh is PB, beside Ghotki SD), else ``default`` (None when the taxonomy
    gives no default)."""
    candidates = [unit for unit in units if unit in named]
    if len(candidates) == 1:
        return candidates[0]
    return default or None


def ordinary_words(story: Story, where: str, mention: Mention) -> bool:
    """True when an ordinary-word place name (Tank, Hub, Swat) is used as a place."""
    after = words_after(story, where, mention, 3)
    reject = mention.term.reject_after
    if after and any(" ".join(after[:len(r.split())]) == r for r in reject):
        return False
    if _inside_longer_name(story, where, mention) or _heads_longer_name(story, where, mention, after):
        return False
    if where == "title" and mention.start == len(story.raw_title) - len(story.raw_title.lstrip()) \
            and story.raw_title[mention.end:mention.end + 1] == ":":
        return True  # "Hub: two workers injured"
    if not mention.term.needs_place_context or (after and after[0] in PLACE_NOUNS):
        return True
    before = words_before(story, where, mention, 1)
    return bool(before) and before[0] in LOCATIVE and (not after or after[0] != "of")


def _inside_longer_name(story: Story, where: str, mention: Mention) -> bool:
    """True when an ordinary-word place name is the tail of a longer proper name ('Karan Nagar',
    'Shalimar Bagh'): the word right before it is capitalised mid-sentence and is not a place word."""
    norm = story.norm(where)
    cut = norm.cased.rfind(" ", 0, mention.norm_start - 1)
    word = norm.cased[cut + 1:mention.norm_start - 1]
    if not word or not word[:1].isupper() or word.isupper() or word.lower() in LONG_NAME_OK:
        return False
    raw = story.raw(where)
    left = raw[max(0, mention.start - len(word) - 4):mention.start - len(word)].rstrip(" \"'\u2018\u201c(")
    return bool(left) and left[-1] not in FULL_STOPS + ":\n\u2014\u2013-"


def _heads_longer_name(story: Story, where: str, mention: Mention, after: list[str]) -> bool:
    """True when an ordinary-word place name opens a longer proper name ('Tank Al Khalid', 'Hub Power
    Company', 'Bagh-e-Korangi'): the next word follows in the same phrase, is capitalised and is not a
    place word, or an izafat ('-e-') joins the name to the next word."""
    raw = story.raw(where)
    if raw[mention.end:mention.end + 3].lower() in IZAFAT:
        return True
    if not after or after[0] in PLACE_NOUNS or after[0] in LONG_NAME_OK:
        return False
    gap = raw[mention.end:mention.end + 2]
    if not gap.startswith(" ") or not gap[1:2].isupper():
        return False
    return not any(w == where and m.start == mention.end + 1 and m.term.family == "province"
                   for w, m in story.mentions)


def personal_name(story: Story, where: str, mention: Mention) -> bool:
    """True when a place name is part of a person's name: the start of it, a capitalised given name
    following ('Balochistan minister Mir Ali Hassan Zehri', 'Mir Ali Madad Jattak'), or the end of it,
    a capitalised first name right before a town's name that no place noun follows ('the Tariq Kachhi
    group', 'Tariq Kachhi, the ringleader')."""
    raw = story.raw(where)
    if mention.start >= 2 and raw[mention.start - 1] == " " and raw[mention.start - 2].isalpha() \
            and mention.term.kind == "place" and _after_first_name(story, where, mention):
        return True
    if raw[mention.end:mention.end + 1] != " " or not raw[mention.end + 1:mention.end + 2].isupper():
        return False
    after = words_after(story, where, mention, 1)
    return bool(after) and after[0] in GIVEN_NAMES and not raw[mention.end + 1:mention.end + 3].isupper()


def _after_first_name(story: Story, where: str, mention: Mention) -> bool:
    raw = story.raw(where)
    first = raw[raw.rfind(" ", max(0, mention.start - 12), mention.start - 1) + 1:mention.start - 1]
    # 'tariq kachhi' in lower case is no name; 'TARIQ' may be a heading
    if not first[:1].isupper() or first.isupper() or first.lower() not in FIRST_NAMES:
        return False
    after = words_after(story, where, mention, 1)
    return not (after and after[0] in PLACE_NOUNS)


def negated_mention(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is where something is said NOT to have happened: the clause before it holds
    a negation governing an event word ('no militant attack was recorded in Sindh, Punjab and GB'),
    with no contrast ('but', 'while') in between."""
    cues = story.negator_cues(where)
    if not cues:
        return False
    index = bisect_right(cues, mention.norm_start)
    if not index or mention.norm_start - cues[index - 1] > NEGATION_REACH:
        return False
    before, _ = story.clause(where, mention)
    if not NEGATORS.intersection(before):
        return False
    last = max(i for i, word in enumerate(before) if word in NEGATORS)
    tail = before[last + 1:]
    if CONTRAST.intersection(tail):
        return False
    return bool(NEGATED_EVENTS.intersection(tail[:4]))  # "not a single attack", "no militant attack"


def figure_listing(story: Story, where: str, mention: Mention) -> bool:
    """True, outside militancy stories, when the place only heads a figure in a list ('Islamabad 17C,
    Lahore 27C', 'Lahore (36.4 percent)'): a statistic about the place, not an event in it."""
    if story.militant_context:
        return False
    _, after = story.around(story.norm(where), mention)
    if after and after[0][:1].isdigit():
        return True
    # "Islamabad/Rawalpindi (27 percent)": a second place of the list shares the figure
    return len(after) >= 2 and after[1][:1].isdigit() and any(
        w == where and m.norm_start == mention.norm_end + 1 and m.term.family == "province"
        for w, m in story.mentions)


def team_shorthand(story: Story, where: str, mention: Mention) -> bool:
    """True when a city alone stands for its sports franchise named in the story ('Lahore beat Quetta by
    nine wickets' next to 'Lahore Qalandars'), not used as a place ('played in Lahore', 'Lahore city')."""
    if mention.term.key not in story.team_cities:
        return False
    before, after = story.clause(where, mention)
    if before and (before[-1] in TEAM_PLACE_WORDS or before[-2:] == ["city", "of"]):
        return False
    return not (after and (after[0] in PLACE_NOUNS or after[0] in URDU_IN))  # "لاہور میں", in Lahore


def bracketed_repeat(story: Story, where: str, previous: Mention, mention: Mention) -> bool:
    """True when ``mention`` is the bracketed short form of the name just before it, same code:
    'Khyber Pakhtunkhwa (KP)', 'Tehreek-e-Taliban Pakistan (TTP)'."""
    if previous.term.code != mention.term.code or previous.end > mention.start:
        return False
    raw = story.raw(where)
    return raw[previous.end:mention.start].strip() == "(" and raw[mention.end:mention.end + 1] == ")"


def chained_place(story: Story, where: str, previous: Mention, mention: Mention) -> bool:
    """True when ``mention`` only qualifies the place just before it ('Peshawar in Khyber Pakhtunkhwa',
    'Quetta, capital of Balochistan'), so it shares that place's role."""
    if previous.norm_end > mention.norm_start or mention.norm_start - previous.norm_end > 45:
        return False
    norm = story.norm(where)
    between = norm.lower[previous.norm_end:mention.norm_start].split()
    if between in (["and"], ["or"]):
        return True  # "from Quetta to Chaman and Peshawar": both ends of the journeys
    return not between or between[0] in ("in", "of", "s", "district", "city", "town", "province", "capital")


def incident_place(story: Story, where: str, mention: Mention, *, wide: bool = True) -> bool:
    """True when a lone place is the scene of an attack or incident in its own sentence ('killed in
    bomb attacks in Lahore', 'a similar incident in Kohistan', 'KP saw a rise in violence').

    ``wide=False`` (stories set across the border) looks only at the five words before the place,
    unless the place is marked as Pakistani ('Bajaur district of Pakistan')."""
    if wide or pakistani_marker(story, where, mention):
        if _incident_near(story, where, mention):
            return True
        first = listed_after(story, where, mention)  # "attacks in KP and Balochistan"
        return first is not None and _incident_near(story, where, first)
    if _incident_near(story, where, mention, reach=NARROW_REACH):
        return True
    first = listed_after(story, where, mention)
    return first is not None and _incident_near(story, where, first, reach=NARROW_REACH)


def listed_after(story: Story, where: str, mention: Mention) -> Mention | None:
    """The place just before ``mention`` when the two are joined as a pair or list ('in KP and
    Balochistan', 'in Lahore, Multan'), else None."""
    previous = None
    for other_where, other in story.mentions:
        if other is mention:
            break
        if other_where == where and other.term.family == "province":
            previous = other
    if previous is None or previous.end > mention.start:
        return None
    raw = story.raw(where)
    return previous if raw[previous.end:mention.start] in LIST_LINKS else None


def pakistani_marker(story: Story, where: str, mention: Mention) -> bool:
    """True when the text marks the place as Pakistani: 'Kurram district of Pakistan', 'Chaman in
    Pakistan', "Pakistan's Chaman"."""
    before, after = story.around(story.norm(where), mention)
    if after[:2] in (["of", "pakistan"], ["in", "pakistan"]) or after[1:3] == ["of", "pakistan"]:
        return True
    return before[-2:] == ["pakistan", "s"]


def _incident_near(story: Story, where: str, mention: Mention, reach: int = 0) -> bool:
    reach = reach or INCIDENT_REACH
    before, after = story.clause(where, mention)
    while len(before) > 1 and before[-1] in PLACE_MODIFIERS:
        before = before[:-1]  # "particularly in southwestern Balochistan", "in restive North Waziristan"
    if before[-2:] in (["pakistan", "and"], ["pakistan", "or"]):
        before = before[:-2]  # "targeting terror infrastructure in Pakistan and Pakistan-occupied Kashmir"
    if before and before[-1] in ("the", "of") and len(before) > 1 and before[-2] in INCIDENT_LOCATIVE:
        before = before[:-1]  # "arrested in the Kohat region"
    elif len(before) > 2 and before[-1] == "of" and before[-2] in UNIT_NOUNS:
        for index in range(len(before) - 3, max(-1, len(before) - 8), -1):
            if before[index] in INCIDENT_LOCATIVE:
                before = before[:index + 1]  # "stormed a police academy in the Pakistani city of Lahore"
                break
    if before and before[-1] in INCIDENT_LOCATIVE and (
            any(word in INCIDENT_WORDS for word in _clause_tail(before[-reach:-1]))
            or (reach == INCIDENT_REACH and any(word in INCIDENT_WORDS for word in after[:3]))):
        return True  # "killed in bomb attacks in Lahore", "a family in Bajour were killed"
    if before[-1:] == ["from"] and before[-2:-1] not in (["is"], ["are"], ["was"], ["were"]) \
            and any(word in ARREST_WORDS for word in _clause_tail(before[-reach:-1])):
        return True  # "apprehended in a raid by the CTD from Bhakkar": arrested there
    # "the Wagah border suicide attack", "the Bannu cantonment attack", "the Lahore suicide bombing"
    named = after[1:] if after[:1] and after[0] in PLACE_NOUNS else after
    if named[:1] == ["suicide"]:
        named = named[1:]
    if named[:1] and named[0] in INCIDENT_NOUNS:
        return True  # "said the Lahore attack was the beginning", "claims behind Islamabad blast"
    if after[:1] == ["where"] and any(word in INCIDENT_WORDS for word in after[1:12]):
        return True  # "entered Rawalpindi, where they set a crane on fire"
    if urdu_incident_after(after):
        return True  # "بہاولپور میں بھی دھماکے کی آواز", a blast heard in Bahawalpur too
    # the place opens its sentence: "KP and Balochistan saw a sharp rise in violence"
    return len(before) <= 2 and any(word in INCIDENT_WORDS for word in after[:8])


def urdu_incident_after(after: list[str]) -> bool:
    """True when the Urdu words after a place put an incident in it: "میں (بھی) دھماکہ" (a blast in
    it), "کے علاقے میں حملہ" (an attack in its area)."""
    if after[:1] == ["کے"] and after[1:2] and after[1] in URDU_AREA:
        after = after[2:]
    return bool(after[:1]) and after[0] in URDU_IN and any(word in URDU_INCIDENT_WORDS for word in after[1:6])


def _clause_tail(words: list[str]) -> list[str]:
    """The words after the last clause break (INCIDENT_STOP) in ``words``."""
    for index in range(len(words) - 1, -1, -1):
        if words[index] in INCIDENT_STOP:
            return words[index + 1:]
    return words


def islamabad_as_government(story: Story, where: str, mention: Mention) -> bool:
    """True when 'Islamabad' stands for the federal government."""
    if mention.term.key != "islamabad":
        return False
    after = words_after(story, where, mention, 3)
    before = words_before(story, where, mention, 2)
    if after:
        if after[0] in GOVERNMENT_NEXT or (after[0].endswith("ly") and len(after) > 1
                                           and after[1] in GOVERNMENT_NEXT):
            return True  # "Islamabad said", "Islamabad occasionally carries out strikes"
        if after[0] == "s" and len(after) > 1 and after[1] in GOVERNMENT_POSSESSED:
            return True
        rest = " ".join(after[1:])
        if after[0] == "and" and rest.startswith(CAPITALS):
            return True
        state = after[2:3] if len(after) > 2 and after[1].endswith("ly") else after[1:2]  # "is fully ..."
        if after[0] in ("is", "was", "has") and state and (
                state[0] in GOVERNMENT_STATE or (state[0].endswith("ing") and state[0] != "being")):
            return True  # "Islamabad is racing against time", "Islamabad was behind the attack"
    if before:
        if before[-1] == "between":
            return True
        if before[-1] == "and" and len(before) == 2 and before[0] in CAPITALS:
            return True
        if before[-1] == "with" and len(before) == 2 and before[0] in RELATION_NOUNS:
            return True
        if before[-1] in GOVERNMENT_OBJECT_OF:
            return True
        if before[-1] == "to" and after[:1] == ["that"]:
            return True  # "its commitments to Islamabad that it would not allow ..."
        if before[-1] in ("against", "on", "by") and len(before) == 2 and before[0] in ACCUSATION_NOUNS:
            return True  # "allegations against Islamabad"
        if before[-1] in ("by", "from") and len(before) == 2 and before[0] in ORDER_WORDS:
            return True  # "acting on instructions issued by Islamabad", "takes diktats from Islamabad"
        if before[-1] == "from" and len(before) == 2 and before[0] in RESPONSE_NOUNS:
            return True  # "a move that faced opposition from Islamabad"
    return False


def diplomatic_venue(story: Story, where: str, mention: Mention) -> bool:
    """True when 'Islamabad' is only where a briefing, talks or a visit took place ('addressing a press
    briefing in Islamabad', 'the IMF mission will visit Islamabad', 'a conference in Islamabad')."""
    if mention.term.key != "islamabad" or (story.militant_context and _incident_near(story, where, mention)):
        return False
    before, _ = story.clause(where, mention)
    if not before:
        return False
    if before[-1] in ("visit", "visits", "visited", "visiting", "reached", "reach", "reaches", "reaching"):
        return True
    if before[-1] not in ("in", "at", "to", "from"):
        return False
    return any(word in VENUE_WORDS for word in before[-7:-1])


def organisation_base(story: Story, where: str, mention: Mention) -> bool:
    """True when the place only locates an organisation ('Islamabad-based', 'based in Quetta',
    'the Foreign Office in Islamabad')."""
    norm = story.norm(where)
    # cheap test first: the word after is 'based' or the word before is 'in'
    if not (norm.lower.startswith(" based ", mention.norm_end)
            or (mention.norm_start >= 4 and norm.lower.startswith(" in ", mention.norm_start - 4))):
        return False
    before, after = story.around(norm, mention)
    if after and after[0] == "based":
        return True
    if not (len(before) >= 2 and before[-1] == "in" and before[-2] in INSTITUTIONS):
        return False
    # "laid siege to the army's headquarters in Rawalpindi": the institution is the scene of an attack
    return not (story.militant_context and _incident_near(story, where, mention))


def muzaffarabad_vs_muzaffargarh(key: str) -> str | None:
    """The unit an exact Muzaffarabad/Muzaffargarh spelling belongs to (no fuzzy matching anywhere)."""
    return {"muzaffarabad": "AJK", "muzaffargarh": "PB"}.get(key)
