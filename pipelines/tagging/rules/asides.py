"""Lines that are not part of the story itself: photo captions and related-story or tag lines
(rules photo_caption, related_headline)."""

from __future__ import annotations

from bisect import bisect_right

from pipelines.tagging.matcher import Mention
from pipelines.tagging.rules.names import PHOTO_CAPTION, RELATED_HEADLINE
from pipelines.tagging.rules.story import Story
from pipelines.tagging.rules.vocabulary import (
    _UNSEEN,
    ASIDE_CHARS,
    ASIDE_CUT_WORDS,
    BULLETS,
    CAPTION_END,
    CAPTION_INITIALS,
    CAPTION_LINES,
    CAPTION_START,
    CLOSING_QUOTES,
    FULL_STOPS,
    QUOTES,
    SENTENCE_ENDS,
    SENTENCE_MARKS,
)


def aside_line(story: Story, where: str, mention: Mention) -> str | None:
    """Name of the rule (photo_caption, related_headline) when the mention sits in a line that is not
    part of the story itself, else None. Only short lines are looked at, each once."""
    if where != "text" or not story.has_asides:
        return None
    starts, roles = story.lines
    index = bisect_right(starts, mention.start) - 1
    role = roles[index]
    if role is _UNSEEN:
        text = story.raw_text
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        role = roles[index] = line_role(text, start, end, (story.dateline_start, story.dateline_end))
    return role


def line_role(text: str, start: int, end: int, dateline: tuple[int, int] = (0, 0)) -> str | None:
    """PHOTO_CAPTION or RELATED_HEADLINE when the line ``text[start:end]`` is not part of the story.

    A photo caption opens with 'Representational image', 'File photo', 'Photo:', or is a short line or
    one of the first three ending with a photo credit ('Photo: AFP/File', '— X/File', '... on Saturday.
    Reuters') with the story going on below it. A related-story or tag line is a short line after the
    headline, set off as its own paragraph, without the full stop of a sentence ('27 terrorists killed in
    Balochistan operation: ISPR')."""
    line = text[start:end].strip()
    if not line or line[:1] in BULLETS or (dateline[0] < dateline[1] and start <= dateline[0] < end):
        return None
    if line[0] in CAPTION_INITIALS and CAPTION_START.match(line):
        return PHOTO_CAPTION
    if line[-1] in SENTENCE_ENDS:
        return None  # a sentence: neither a credit nor a headline ends so
    before = start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    first, last = before < 0, after >= len(text)
    short = len(line) <= ASIDE_CHARS
    if not last and (line[-1].isalnum() or line[-1] == ")") \
            and (short or _lines_before(text, start) < CAPTION_LINES) and CAPTION_END.search(line):
        return PHOTO_CAPTION  # a credit ends with a letter or a bracket
    if first or not short or " " not in line or line[:1] in QUOTES:
        return None  # the headline; a paragraph; a quotation
    if last and line.count(" ") >= ASIDE_CUT_WORDS and line[-1:].isalnum():
        return None  # the story's last sentence, cut off by the excerpt
    if line.rstrip(CLOSING_QUOTES)[-1:] in SENTENCE_MARKS:
        return None  # a quoted sentence
    if text.count("\n", before, start) < 2 and \
            text[max(0, before - 3):before + 1].rstrip(CLOSING_QUOTES)[-1:] not in FULL_STOPS:
        return None  # a line of hard-wrapped text, not a paragraph of its own
    if not last and text.count("\n", end, after) < 2 and not text[after].isupper():
        return None  # the next line goes on with the same sentence
    return RELATED_HEADLINE


def _lines_before(text: str, start: int) -> int:
    """Non-empty lines before offset ``start`` (counted up to CAPTION_LINES)."""
    count, position = 0, 0
    while count < CAPTION_LINES and position < start:
        end = text.find("\n", position, start)
        end = start if end == -1 else end
        if not text[position:end].isspace() and end > position:
            count += 1
        position = end + 1
    return count
