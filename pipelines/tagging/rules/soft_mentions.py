"""Places named only as reference points: a journey's end, a route, a hometown, a landmark for
distances, a boundary or an office holder's title (rules route_endpoint, route_description,
origin_mention, distance_reference, boundary_reference, office_holder)."""

from __future__ import annotations

from bisect import bisect_right

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.names import (
    BOUNDARY_REFERENCE,
    DISTANCE_REFERENCE,
    OFFICE_HOLDER,
    ORIGIN_MENTION,
    ROUTE_ENDPOINT,
)
from pipelines.tagging.rules.story import Story
from pipelines.tagging.rules.vocabulary import (
    BORDERING,
    BOUNDARY_NOUNS,
    CARRIER_CHARS,
    CARRIERS,
    CONNECT_CHARS,
    CONNECT_STEMS,
    CONNECT_WORDS,
    DESTINATION_LEAD,
    DISTANCE_CHARS,
    DISTANCE_LEAD,
    HALT_WORDS,
    INCIDENT_WORDS,
    MOVEMENT_WORDS,
    OFFICE_TITLES,
    ORIGIN_REACH,
    PLACE_PHRASE_WORDS,
    SERVICE_NOUNS,
    URDU_ADJOINING,
    URDU_GOING,
    URDU_PARTICIPLE,
    URDU_TOWARD,
)


def soft_mention(story: Story, where: str, mention: Mention) -> str | None:
    """Name of the rule under which a place is only a reference point, else None: the ends of a journey
    or a point on its way ('travelling from Quetta to Peshawar', 'bound for Lahore', 'smuggled in via
    Karachi'), a hometown ('hailed from Swabi'), a landmark for distances ('200 km south of Islamabad')
    or an office holder's title ('KP Chief Minister'). Such mentions count only when nothing else
    locates the story (the tagger decides)."""
    near, after = story.around(story.norm(where), mention)
    if after and after[0] == "bound":
        return ROUTE_ENDPOINT  # "an Islamabad-bound bus"
    if after and boundary_pair(story, where, mention, after):
        return BOUNDARY_REFERENCE  # "check posts on the Punjab-KPK boundary in DG Khan"
    if after and mention.term.kind in ("unit", "acronym") and office_holder(story, where, mention, after):
        return OFFICE_HOLDER
    if urdu_going_to(after):
        return ROUTE_ENDPOINT  # "پنجاب جانے والی گیس پائپ لائن", the gas pipeline going to Punjab
    if after and URDU_ADJOINING.match(story.norm(where).lower[mention.norm_end:mention.norm_end + 60]):
        return BOUNDARY_REFERENCE  # "مانسہرہ سے ملحق", adjoining Mansehra
    if not near:
        return None
    last = near[-1]
    if last in ("of", "from", "the", "capital", "city") and DISTANCE_LEAD.search(
            story.norm(where).lower, max(0, mention.norm_start - DISTANCE_CHARS), mention.norm_start):
        return DISTANCE_REFERENCE  # "200km north-west of the capital Islamabad"
    if last in BORDERING or (last == "with" and len(near) >= 2 and near[-2] in BOUNDARY_NOUNS):
        return BOUNDARY_REFERENCE
    if last in ("at", "in") and len(near) >= 2 and near[-2] in HALT_WORDS \
            and halted_traffic(story, where, mention):
        return ROUTE_ENDPOINT  # "Quetta-bound trains stopped at Jacobabad"
    cues = story.origin_cues(where)
    if cues:
        index = bisect_right(cues, mention.norm_start)
        if index and mention.norm_start - cues[index - 1] <= ORIGIN_REACH:
            return ORIGIN_MENTION
    if last in CONNECT_WORDS or last == "via":
        return ROUTE_ENDPOINT  # "the train connects Quetta ...", "brought in via Karachi"
    if last in ("through", "to", "with") and route_description(story, where, mention):
        return ROUTE_ENDPOINT  # "... through Punjab to Peshawar", "the highway linking Karachi with Quetta"
    if last in ("the", "of") and moved_from(story, where, mention):
        return ROUTE_ENDPOINT  # "had moved to Punjab from the tribal districts of Khyber Pakhtunkhwa"
    toward = near[:-1] if last == "the" else near
    if toward[-1:] in (["towards"], ["toward"]) and any(word in MOVEMENT_WORDS for word in toward[-7:-1]):
        return ROUTE_ENDPOINT  # "the bus was moving towards the federal capital"
    if carrier_origin(story, where, mention):
        return ROUTE_ENDPOINT  # "flights were operated from Lahore and Karachi, two each from Sialkot"
    if last not in ("from", "to", "for"):
        return None
    if last != "from" and near[-2:-1] and (near[-2] in DESTINATION_LEAD or near[-2] == "route"
                                           or near[-2] in CARRIERS):
        return ROUTE_ENDPOINT  # "bound for Lahore", "en route to Karachi", "a train to Peshawar"
    lower = story.norm(where).lower
    window = lower[max(0, mention.norm_start - 100):mention.norm_start]
    after = lower[mention.norm_end:mention.norm_end + 50].split()[:6]
    if last != "from" and " from " not in window and after[:1] != ["from"]:
        return None
    before = window.split()[-12:]
    if last != "from" and after[:1] == ["from"] and any(word in MOVEMENT_WORDS for word in before[-8:-1]):
        return ROUTE_ENDPOINT  # "the train was going to Rawalpindi from Quetta"
    if last == "from":
        if any(word in MOVEMENT_WORDS for word in before[-8:-1]):
            return ROUTE_ENDPOINT
        if after and after[0] == "to" and any(word in MOVEMENT_WORDS for word in before[-8:-1] + after[:6]):
            return ROUTE_ENDPOINT
    elif "from" in before[-10:-1] and any(word in MOVEMENT_WORDS for word in before[-12:-1]):
        return ROUTE_ENDPOINT  # "from Quetta ... to Peshawar"
    return None


def boundary_pair(story: Story, where: str, mention: Mention, after: list[str]) -> bool:
    """True when the place is one of the two sides a hyphen joins in front of 'boundary' or 'border'
    ('the Punjab-KPK boundary', 'the Sindh-Balochistan border'): what divides two units, not a scene."""
    raw = story.raw(where)
    if raw[mention.start - 1:mention.start] == "-" and after[0] in BOUNDARY_NOUNS:
        return True  # the second side
    return raw[mention.end:mention.end + 1] == "-" and len(after) > 1 and after[1] in BOUNDARY_NOUNS


def carrier_origin(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is one of the origins of a service in a sentence about flights, trains or
    buses ('three flights a week from Lahore and Karachi, two from Sialkot'; 'the cities from where PIA
    runs flights to Skardu include Faisalabad, Multan ...'): the sentence has 'from' and a carrier before
    the place, no incident, and the place is not where something stands ('at', 'in', 'near')."""
    lower = story.norm(where).lower
    window = lower[max(0, mention.norm_start - CARRIER_CHARS):mention.norm_start]
    if " from " not in window or not any(f" {word} " in window for word in ("flight", "flights", "train",
                                                                             "trains", "bus", "buses")):
        return False  # cheap test first
    before = story.sentence_before(where, mention, CARRIER_CHARS)
    if "from" not in before or before[-1:] in (["at"], ["in"], ["near"]):
        return False
    first = min(index for index, word in enumerate(before) if word in CARRIERS or word == "from")
    for index in range(first, len(before)):
        word = before[index]
        if word in INCIDENT_WORDS and not (word in SERVICE_NOUNS and index and before[index - 1] in CARRIERS):
            return False  # "flight operations" are a service, not an operation
    return any(word in CARRIERS for word in before)


def office_holder(story: Story, where: str, mention: Mention, after: list[str]) -> bool:
    """True when a unit's name is only part of an office holder's title ('KP Chief Minister Ali Amin
    Gandapur', 'Khyber Pakhtunkhwa (KP) Chief Minister', 'a Punjab Police constable'): who acts, not
    where."""
    raw = story.raw(where)
    if raw[mention.end:mention.end + 2] == " (":
        after = after[1:]  # the unit's bracketed short form
    return " ".join(after[:2]) in OFFICE_TITLES or (bool(after) and after[0] in OFFICE_TITLES)


def urdu_going_to(after: list[str]) -> bool:
    """True when the words after a place say, in Urdu, that something goes to it: "(کو) جانے والی"."""
    if after[:1] and after[0] in URDU_TOWARD:
        after = after[1:]
    return len(after) >= 2 and after[0] in URDU_GOING and after[1] in URDU_PARTICIPLE


def moved_from(story: Story, where: str, mention: Mention) -> bool:
    """True when the place ends a 'from' phrase of a move, behind a few words that only narrow the
    place down ('moved to Punjab from the tribal districts of Khyber Pakhtunkhwa', 'fled from
    various parts of Sindh'): where someone came from, not where anything happened."""
    lower = story.norm(where).lower
    words = lower[max(0, mention.norm_start - 80):mention.norm_start].split()
    for index in range(len(words) - 1, max(-1, len(words) - 6), -1):
        if words[index] == "from":
            return all(word in PLACE_PHRASE_WORDS for word in words[index + 1:]) and any(
                word in MOVEMENT_WORDS for word in words[max(0, index - 8):index])
        if words[index] not in PLACE_PHRASE_WORDS:
            return False
    return False


def route_description(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is a later point of a route a road, railway or pipeline connects ('which
    connects Quetta in Balochistan through Punjab to Peshawar'): a connecting verb (CONNECT_WORDS) opens
    the clause within the last ten words, with no incident word after it."""
    window = story.norm(where).lower[max(0, mention.norm_start - CONNECT_CHARS):mention.norm_start]
    if not any(stem in window for stem in CONNECT_STEMS):
        return False  # cheap test first
    before, _ = story.clause(where, mention)
    for index in range(len(before) - 2, max(-1, len(before) - 11), -1):
        if before[index] in CONNECT_WORDS:
            return not any(word in INCIDENT_WORDS for word in before[index + 1:])
    return False


def halted_traffic(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is only where trains, buses or flights were held ('trains stopped at
    Jacobabad', 'flights were diverted to Karachi'): a carrier just before, no incident after."""
    before, after = story.clause(where, mention)
    if not any(word in CARRIERS or word == "passengers" for word in before[-5:-2]):
        return False
    return not any(word in INCIDENT_WORDS for word in after[:8])
