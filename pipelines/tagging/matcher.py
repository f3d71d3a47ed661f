"""Find taxonomy terms in text: one Aho-Corasick pass, whole words, leftmost-longest.

Keys are normalised terms padded with a space on each side and the text is normalised and padded
the same way, so every hit already sits on word boundaries. Acronyms and ordinary words are then
checked against the case-preserving copy of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from pipelines.tagging.normalize import Normalized, normalize_text
from pipelines.tagging.taxonomy import Term


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a term: original offsets ``[start, end)`` plus normalised ones for context."""

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
            automaton.add_word(key, (len(key), tuple(ordered)))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> tuple[Normalized, list[Mention]]:
        """All non-overlapping mentions in ``text``, in order."""
        norm = normalize_text(text)
        lower, cased, terms = norm.lower, norm.cased, self._terms
        hits: list[tuple[int, int, Term]] = []
        for last, (length, indices) in self._automaton.iter(lower):
            start = last - length + 2  # first character of the term itself
            end = last  # index of the trailing space
            for index in indices:
                term = terms[index]
                if term.cased is None or cased[start:end] == term.cased:
                    hits.append((start, end, term))
                    break
        if not hits:
            return norm, []
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        mentions: list[Mention] = []
        taken_to = -1
        for start, end, term in hits:
            if start < taken_to:
                continue
            taken_to = end
            o_start = norm.original(start)
            o_end = norm.original(end - 1) + 1
            mentions.append(Mention(term, o_start, o_end, text[o_start:o_end], start, end))
        return norm, mentions
