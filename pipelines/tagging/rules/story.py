"""What the rules look at: :class:`Story`, with the helpers it owns.

Story holds the normalised fields and every mention, and computes once what several rules ask
for: hometown and negator cues (one pass of a small automaton), the words and the clause around
a mention, the lines of the text, the names the story uses for a namesake abroad and how many
mentions set it across the border.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

import ahocorasick

from pipelines.tagging.matcher import Mention
from pipelines.tagging.normalize import Normalized
from pipelines.tagging.rules.vocabulary import (
    _UNSEEN,
    _WORD,
    CAPTION_CHARS,
    CAPTION_INITIALS,
    CAPTION_START,
    CROSS_BORDER_CUES,
    FOREIGN_MIN_NAMESAKE,
    FULL_STOPS,
    LOCAL_FACILITY,
    MILITANT_CONTEXT,
    NAMESAKE_LINK,
    NAMESAKE_REACH,
    NEGATORS,
    NO_NAMESAKES,
    NOT_A_SETTING,
    ORIGIN_PHRASES,
    SENTENCE_ENDS,
)
from pipelines.tagging.taxonomy import ACRONYM_KINDS

_SENTENCE_END = re.compile(f"[{FULL_STOPS}\n]")


def _cue_automaton() -> ahocorasick.Automaton:
    """Hometown cues (ORIGIN_PHRASES) and negators (NEGATORS), padded as the matcher's keys are."""
    automaton = ahocorasick.Automaton()
    for phrase in ORIGIN_PHRASES:
        automaton.add_word(f" {phrase} ", (len(phrase) + 2, True))
    for word in NEGATORS:
        automaton.add_word(f" {word} ", (len(word) + 2, False))
    automaton.make_automaton()
    return automaton


_CUE_AUTOMATON = _cue_automaton()


@dataclass
class Story:
    """What the rules may look at: the normalised fields and every mention found in them."""

    title: Normalized
    text: Normalized
    mentions: list[tuple[str, Mention]]  # ("title" | "text", mention)
    dateline_end: int = 0  # end of the dateline in the original text, 0 if none
    dateline_start: int = 0  # start of the dateline (a wire line may sit below a headline)
    raw_title: str = ""
    raw_text: str = ""
    _codes: dict[str, set[str]] = field(default_factory=dict)
    _around: dict[int | tuple[int, int], tuple[list[str], list[str]]] = field(default_factory=dict)
    _cues: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)

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

    @cached_property
    def cross_border_cue(self) -> bool:
        """Cheap test for rule cross_border_places: a word that can mark a place as foreign (Sistan,
        Afghan, Iran's, India's) occurs somewhere in the story."""
        return any(word in self.text.lower or word in self.title.lower for word in CROSS_BORDER_CUES)

    @cached_property
    def lines(self) -> tuple[list[int], list[str | None]]:
        """Start offsets of the text's lines, and the aside rule of each line once looked at (rule
        photo_caption, related_headline; None for a line of the story)."""
        pieces = self.raw_text.split("\n")
        starts = [0, *accumulate(len(line) + 1 for line in pieces)]
        starts.pop()
        # a paragraph, a line ending as a sentence does, belongs to the story (unless it opens a caption)
        roles: list[str | None] = [
            _UNSEEN if len(line) <= CAPTION_CHARS and (tail := line.rstrip()[-1:]) and (
                tail not in SENTENCE_ENDS or (line.lstrip()[:1] in CAPTION_INITIALS
                                              and CAPTION_START.match(line))) else None
            for line in pieces]
        return starts, roles

    @cached_property
    def has_asides(self) -> bool:
        """Cheap test: some line of the text may be a caption or a related-story line."""
        return _UNSEEN in self.lines[1]

    @cached_property
    def foreign_namesakes(self) -> frozenset[str]:
        """Keys of Pakistani place names that this story uses for a place abroad (rule foreign_namesake)."""
        return foreign_namesakes(self)

    @cached_property
    def acronym_definitions(self) -> dict[str, str]:
        """Group acronyms the story itself defines, as written, with the code of the group it names
        just before them: "Jaish al-Adl (JuA, Army of Justice)" gives {"JuA": "JAA"}."""
        defined: dict[str, str] = {}
        previous: tuple[str, Mention] | None = None
        for where, mention in self.mentions:
            if mention.term.family != "group":
                continue
            if previous is not None and previous[0] == where and mention.term.kind in ACRONYM_KINDS \
                    and previous[1].term.kind not in ACRONYM_KINDS:
                raw = self.raw(where)
                if raw[previous[1].end:mention.start].strip() == "(" \
                        and raw[mention.end:mention.end + 1] in (",", ";", ")"):
                    defined.setdefault(raw[mention.start:mention.end], previous[1].term.code)
            previous = (where, mention)
        return defined

    @cached_property
    def team_cities(self) -> frozenset[str]:
        """Keys of cities whose sports franchise the story names (rule team_shorthand)."""
        return frozenset(m.term.key.split(" ", 1)[0] for _, m in self.mentions
                         if m.term.team)

    def norm(self, where: str) -> Normalized:
        """The normalised field a mention was found in."""
        return self.title if where == "title" else self.text

    def raw(self, where: str) -> str:
        """The original field a mention was found in."""
        return self.raw_title if where == "title" else self.raw_text

    def around(self, norm: Normalized, mention: Mention) -> tuple[list[str], list[str]]:
        """Three normalised words before (nearest last) and after a mention, computed once."""
        key = mention.norm_start * 2 + (norm is self.title)  # an int: clause() keys are tuples
        found = self._around.get(key)
        if found is None:
            before = norm.lower[max(0, mention.norm_start - 60):mention.norm_start].split()[-3:]
            after = norm.lower[mention.norm_end:mention.norm_end + 60].split()[:3]
            found = self._around[key] = (before, after)
        return found

    def origin_cues(self, where: str) -> list[int]:
        """End positions (normalised) of hometown cues such as 'hailed from' in a field, computed once."""
        return (self._cues.get(where) or self._cue_positions(where))[0]

    def negator_cues(self, where: str) -> list[int]:
        """Start positions (normalised) of negators ('no', 'not', 'never' ...) in a field, computed once."""
        return (self._cues.get(where) or self._cue_positions(where))[1]

    def _cue_positions(self, where: str) -> tuple[list[int], list[int]]:
        """Hometown cue ends and negator starts in a field: one pass of a small automaton, computed once.
        Cues do not overlap: a cue sharing its first space with the last space of the previous cue of the
        same kind is skipped ('no no' holds one negator), as a regular expression scan would."""
        found = self._cues.get(where)
        if found is None:
            origins: list[int] = []
            negators: list[int] = []
            origin_end = negator_end = 0
            for last, (length, is_origin) in _CUE_AUTOMATON.iter(self.norm(where).lower):
                start = last - length + 1
                if is_origin:
                    if start >= origin_end:
                        origin_end = last + 1
                        origins.append(origin_end)
                elif start >= negator_end:
                    negator_end = last + 1
                    negators.append(start)
            found = self._cues[where] = (origins, negators)
        return found

    def clause(self, where: str, mention: Mention) -> tuple[list[str], list[str]]:
        """Lower-cased words of the mention's sentence before it (nearest last, at most 12) and after
        it (at most 12), from the original text so that sentence ends are still visible."""
        key = (0 if where == "title" else 1, -mention.start - 1)
        found = self._around.get(key)
        if found is None:
            raw = self.raw(where)
            left = raw[max(0, mention.start - 120):mention.start]
            ends = list(_SENTENCE_END.finditer(left))
            if ends:
                left = left[ends[-1].end():]
            right = raw[mention.end:mention.end + 120]
            stop = _SENTENCE_END.search(right)
            if stop:
                right = right[:stop.start()]
            found = self._around[key] = (_WORD.findall(left.lower())[-12:], _WORD.findall(right.lower())[:12])
        return found

    def sentence_before(self, where: str, mention: Mention, reach: int = 300) -> list[str]:
        """Lower-cased words of the mention's sentence before it, up to ``reach`` characters back: for
        rules that read a whole sentence's frame, as a list of places after 'flights from' needs."""
        left = self.raw(where)[max(0, mention.start - reach):mention.start]
        ends = list(_SENTENCE_END.finditer(left))
        if ends:
            left = left[ends[-1].end():]
        return _WORD.findall(left.lower())

    def sentence_around(self, where: str, mention: Mention, reach: int) -> tuple[str, str]:
        """The original text of the mention's sentence before and after it, up to ``reach`` characters
        each way."""
        raw = self.raw(where)
        left = raw[max(0, mention.start - reach):mention.start]
        ends = list(_SENTENCE_END.finditer(left))
        if ends:
            left = left[ends[-1].end():]
        right = raw[mention.end:mention.end + reach]
        stop = _SENTENCE_END.search(right)
        return left, right[:stop.start()] if stop else right

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


def foreign_namesakes(story: Story) -> frozenset[str]:
    """Pakistani place names the story uses for a place abroad: one mention placed in a foreign place
    ('Pishin county in the city of Sarbaz', 'Islamabad police station in Amritsar'), or a local police
    station named in a story set across the border ('the Islamabad police station' among Amritsar's)."""
    if not story.codes("foreign") - NO_NAMESAKES:
        return frozenset()
    found: set[str] = set()
    abroad: bool | None = None  # is the story set across the border? (computed when needed)
    facility = {"title": any(name in story.title.lower for name in LOCAL_FACILITY),
                "text": any(name in story.text.lower for name in LOCAL_FACILITY)}
    previous: tuple[str, Mention] | None = None
    for where, mention in story.mentions:
        family = mention.term.family
        if family == "foreign" and previous is not None and previous[0] == where:
            place = previous[1]
            if place.term.family == "province" and place.term.key not in found \
                    and mention.norm_start - place.norm_end <= NAMESAKE_REACH \
                    and NAMESAKE_LINK.match(story.norm(where).lower, place.norm_end, mention.norm_start):
                found.add(place.term.key)  # "Pishin county in the city of Sarbaz"
        elif family == "province" and facility[where] and mention.term.key not in found \
                and story.norm(where).lower.startswith(LOCAL_FACILITY, mention.norm_end):
            if abroad is None:
                ours = sum(1 for _, m in story.mentions if m.term.family == "province")
                foreign = foreign_setting_weight(story)
                abroad = foreign >= FOREIGN_MIN_NAMESAKE and foreign > ours
            if abroad:
                found.add(mention.term.key)  # "the Islamabad police station" in an Amritsar story
        previous = (where, mention)
    return frozenset(found)


def foreign_setting_weight(story: Story) -> int:
    """How many mentions place the story across the border (countries and capitals standing for their
    governments excluded)."""
    return sum(1 for _, m in story.mentions
               if m.term.family == "foreign" and m.term.key not in NOT_A_SETTING)
