"""The dateline: where a story's 'QUETTA:' or wire line ('Lahore (Reuters) -') sits, and whether a
mention is in it (rule dateline)."""

from __future__ import annotations

import re

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.story import Story
from pipelines.tagging.rules.vocabulary import FULL_STOPS

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'/\-]{2,40}?)"  # QUETTA, ISLAMABAD/KABUL
    r"(?:\s*\[[^\]\n]{1,25}\])?"  # [Pakistan]
    r"(?:\s*,\s*[^:\n\u2014\u2013(]{1,40}?)?"  # , Pakistan / , Jan 5
    r"\s*(?:\([^)\n]{1,60}\)\s*)?"  # (AP), (UrduPoint / Pakistan Point News - 23rd Dec, 2019 )
    r"(?::|\u2014|\u2013|--| - )\s?"
)
_WIRE = re.compile(
    r"\((?:AP|AFP|Reuters|ANI|IANS|PTI|APP|Xinhua|UNI|INP|NNI|Online|dpa|Anadolu)\)|\[[A-Za-z ]+\]"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE_DATE_LINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'\-]{{2,30}}?),\s*"
    rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s*\d{{4}})?\s*$"
)
_CREDIT_END = re.compile(r"(?:\(\s*(?:AP|AFP|Reuters|EPA|Getty Images|File|APP|PPI|ANI|PTI)(?: Photo)?\s*\)"
                         r"|\b(?:PHOTO|Photo|File photo|FILE PHOTO)\s*:\s*[A-Za-z ./]{2,30})\s*$")
# Urdu papers open with the city and the bureau or agency in brackets: "لاہور (بیورو رپورٹ)", "پشاور:";
# Hindi and Marathi ones with the city and a dash or a date: "इस्लामाबाद-", "इस्लामाबाद, 12 मार्च"
_SCRIPT_WORD = "[\u0600-\u06ff\u0900-\u0963\u0966-\u0dff]+"
_URDU_DATELINE = re.compile(
    rf"^\s*{_SCRIPT_WORD}(?: {_SCRIPT_WORD}){{0,2}}\s*"
    r"(?:\([^)\n]{1,60}\)|:|[-\u2013\u2014]|,\s*[0-9\u0966-\u096f]{1,2}\s)\s?")
DATELINE_SEARCH_CHARS = 600
HEADLINE_CHARS = 160


def in_dateline(story: Story, where: str, mention: Mention) -> bool:
    """True when the mention sits in the story's dateline ("PESHAWAR:")."""
    return where == "text" and story.dateline_start <= mention.start < story.dateline_end


def dateline_end(text: str) -> int:
    """End offset of a leading dateline such as 'QUETTA:' or 'PESHAWAR, Pakistan (AP) —', else 0."""
    return dateline_span(text)[1]


def dateline_span(text: str) -> tuple[int, int]:
    """``(start, end)`` of the story's dateline, or ``(0, 0)``.

    The dateline opens the text ('QUETTA:', 'PESHAWAR, Pakistan (AP) —') or opens one of the first
    lines under a headline or byline: a wire line ('Lahore (Reuters) –', 'Islamabad [Pakistan], Aug 11
    (ANI):') or a line holding only a place and a date ('Islamabad, July 12').
    """
    start = 0
    headline = False  # the line before was a headline: short, without a full stop
    while start < DATELINE_SEARCH_CHARS:
        line_end = text.find("\n", start)
        line = text[start:] if line_end == -1 else text[start:line_end]
        found = _dateline_in_line(line, first=start == 0, after_headline=headline)
        if found:
            return start, start + found
        if line_end == -1:
            break
        if line.strip():
            headline = _headline(line) or bool(_CREDIT_END.search(line))  # or a caption ending in its credit
        start = line_end + 1
    return 0, 0


def _headline(line: str) -> bool:
    """A headline: a short line without the full stop of a sentence, the story going on below."""
    return len(line) <= HEADLINE_CHARS and not line.rstrip().endswith((*FULL_STOPS, ":"))


def _dateline_in_line(line: str, *, first: bool, after_headline: bool = False) -> int:
    only_date = _PLACE_DATE_LINE.match(line)
    if only_date:
        return only_date.end()
    if first or after_headline:
        urdu = _URDU_DATELINE.match(line)
        if urdu:
            return urdu.end()
    match = _DATELINE.match(line[:120])
    if not match:
        return 0
    place, head = match.group("place"), match.group(0)
    wire = bool(_WIRE.search(head))
    if first and (place.isupper() or (head.rstrip().endswith(":") and not _headline(line))):
        return match.end()  # not "Pak market blast: 23 killed, LeJ claims responsibility"
    # "Islamabad, Pakistan:", Al Jazeera's "Islamabad, Pakistan –"
    placed = head.rstrip().endswith((":", "\u2013", "\u2014")) and ("," in head or "[" in head)
    if not first and (place.isupper() or wire or placed) and len(place.split()) <= 3:
        return match.end()
    if not first and after_headline and head.rstrip().endswith(":") and len(place.split()) <= 2 \
            and place.istitle():
        return match.end()  # "Islamabad: ..." opening the story under its headline
    return match.end() if wire else 0
