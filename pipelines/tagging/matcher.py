"""Find taxonomy terms in text: one Aho-Corasick pass, whole words, leftmost-longest.

Keys are normalised terms padded with a space on each side and the text is normalised and padded
the same way, so every hit already sits on word boundaries. Acronyms and ordinary words are then
checked against the case-preserving copy of the text, and a term of several words must not run
across a comma or bracket ("the BLA), Jeeyand Baloch said" is not the faction "BLA-Jeeyand").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import ahocorasick

from pipelines.tagging.normalize import Normalized, normalize_text
from pipelines.tagging.taxonomy import Term

# punctuation that ends a name: a multi-word term whose words it separates is two things, not one
_NAME_BREAK = re.compile(r"[,;:()\[\]\n\u060c\u061b\u06d4]")


class Mention(NamedTuple):
    """One occurrence of a term: original offsets ``[start, end)`` plus normalised ones for context.

    A named tuple rather than a frozen dataclass: a long article holds dozens of mentions and a tuple
    is built several times faster; it is just as immutable."""

    term: Term
    start: int
    end: int
    surface: str
    norm_start: int
    norm_end: int


class Matcher:
    """Compiled automaton over a list of terms."""

    def __init__(self, terms: tuple[Term, ...]):
        self._terms = terms
        grouped: dict[str, list[int]] = {}
        for index, term in enumerate(terms):
            grouped.setdefault(f" {term.key} ", []).append(index)
        automaton = ahocorasick.Automaton()
        for key, indices in grouped.items():
            # case-sensitive variants first: they win over a case-insensitive term with the same key
            ordered = sorted(indices, key=lambda i: terms[i].cased is None)
            # the value: the term's length without its padding, whether it has several words, and
            # (term, cased form) per variant
            automaton.add_word(key, (len(key) - 2, " " in key[1:-1],
                                     tuple((terms[i], terms[i].cased) for i in ordered)))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> tuple[Normalized, list[Mention]]:
        """All non-overlapping mentions in ``text``, in order."""
        norm = normalize_text(text)
        points, removed = norm.points, norm.removed
        lower, cased = norm.lower, norm.cased
        # (start, -length, end, term): sorted, the leftmost and then longest comes first; no two hits share
        # a span (one key per span), so terms are never compared
        hits: list[tuple[int, int, int, Term]] = []
        for end, (length, several_words, variants) in self._automaton.iter(lower):
            start = end - length  # first character of the term itself; ``end`` is the trailing space
            if several_words and _NAME_BREAK.search(text, norm.original(start), norm.original(end - 1)):
                continue
            for term, form in variants:
                if form is None or cased[start:end] == form:
                    hits.append((start, -length, end, term))
                    break
        if not hits:
            return norm, []
        hits.sort()
        mentions: list[Mention] = []
        taken_to = -1
        for start, _, end, term in hits:
            if start < taken_to:
                continue
            taken_to = end
            # Normalized.original, inlined: offsets of the first and last character in the original text
            o_start, o_last = start - 1, end - 2
            if points:
                slot = bisect_right(points, o_start) - 1
                if slot >= 0:
                    o_start += removed[slot]
                slot = bisect_right(points, o_last) - 1
                if slot >= 0:
                    o_last += removed[slot]
            mentions.append(Mention(term, o_start, o_last + 1, text[o_start:o_last + 1], start, end))
        return norm, mentions
