"""Undo hard line wrapping, so that a sentence broken over lines reads as one line.

Wire copy and e-mailed press releases are often wrapped at about 70 characters, sometimes with a
blank line after every line. The rules read a line break as the end of a name ("the BLA)\\nJeeyand")
and a short line without a full stop as a related-story headline, so a wrapped "Baloch\\n\\nLiberation
Army" was no name at all. A text counts as wrapped when many of its line breaks fall mid-sentence
before a lower-case word, which headline lists and ordinary paragraphs never do.
"""

from __future__ import annotations

MIN_LINE = 41  # a wrapped line is long; a byline or a headline may be short
MIN_LOWER_CONTINUATIONS = 3
MIN_LOWER_SHARE = 0.25  # of all breaks between non-empty lines
_BULLETS = ("*", "\u2022", "-")


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped prose turned into spaces.

    Only the break characters change, so every offset into the result is an offset into ``text``.
    Breaks after a sentence end, after a short line (a byline), before a bullet or across more
    than one blank line stay.
    """
    if text.count("\n") < 2 * MIN_LOWER_CONTINUATIONS:
        return text
    lines = text.split("\n")
    if sum(1 for line in lines if line.lstrip(" \t")[:1].islower()) < MIN_LOWER_CONTINUATIONS:
        return text  # the common case, decided without looking closer
    soft: list[tuple[int, int]] = []  # (start, end) of a break to blank out
    lower = breaks = 0
    previous_end = -1  # where the last non-empty line's text ends, -1 before the first
    previous_soft = False  # that line is long and ends mid-sentence
    blank_lines = 0
    offset = 0
    for line in lines:
        content = line.strip(" \t")
        if not content:
            blank_lines += 1
        else:
            start = offset + len(line) - len(line.lstrip(" \t"))
            if previous_end >= 0 and blank_lines <= 1:
                breaks += 1
                if previous_soft and not content.startswith(_BULLETS):
                    soft.append((previous_end, start))
                    lower += content[0].islower()
            previous_end = offset + len(line.rstrip(" \t"))
            previous_soft = len(content) >= MIN_LINE and (content[-1].isalnum() or content[-1] in ",-_")
            blank_lines = 0
        offset += len(line) + 1
    if lower < MIN_LOWER_CONTINUATIONS or lower < MIN_LOWER_SHARE * breaks:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in soft:
        pieces.append(text[done:start])
        pieces.append(" " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
