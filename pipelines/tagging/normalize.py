"""Text normalisation shared by the taxonomy and the matcher.

Both sides are reduced the same way: accents stripped, the Arabic-keyboard forms of Urdu letters
folded to the Urdu ones, every character that is not a letter or digit (or, in an Indic script, a
vowel sign) turned into a space, runs of spaces collapsed. So "Khyber-Pakhtunkhwa", "D.I. Khan"
and "D.I.Khan" become "Khyber Pakhtunkhwa", "D I Khan" and "D I Khan". Offsets of the normalised
text map back to the original through :class:`Normalized`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

# Not a word character. A space is already a space: leaving it out makes far fewer matches. The
# Indic scripts (Devanagari to Sinhala) write vowels and nasals as combining marks that are part of
# the word ("पंजाब"), so their blocks count as word characters but for the danda, their full stop.
_NON_WORD = re.compile("[^\\w \u0900-\u0963\u0966-\u0dff]|_")
_SPACE_RUNS = re.compile("  +")  # two literal spaces first: the regex engine then scans for them fast


# Urdu typed on an Arabic keyboard: Arabic letters for the Urdu ones
_URDU_LETTERS = {
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0647": "\u06c1",  # Arabic heh -> heh goal
    "\u0629": "\u06c1",  # teh marbuta -> heh goal ("fitna")
    "\u06c3": "\u06c1",  # teh marbuta goal -> heh goal
    "\u06c2": "\u06c1",  # heh goal with hamza (izafat) -> heh goal
}


# Devanagari writes sounds borrowed from Urdu and English with a dot below, the nukta ("ख़ैबर"), as a
# combining mark or as one precomposed letter; outlets often leave it out ("खैबर").
DEVANAGARI_NUKTA = "\u093c"
DEVANAGARI_NUKTA_LETTERS = {
    "\u0929": "\u0928", "\u0931": "\u0930", "\u0934": "\u0933", "\u0958": "\u0915", "\u0959": "\u0916",
    "\u095a": "\u0917", "\u095b": "\u091c", "\u095c": "\u0921", "\u095d": "\u0922", "\u095e": "\u092b",
    "\u095f": "\u092f",
}


def nukta_variants(text: str) -> list[str]:
    """The other ways a Devanagari name with a nukta is written: with a combining nukta where the name
    has a precomposed letter, and without any nukta. Empty for names without one."""
    decomposed = "".join(f"{DEVANAGARI_NUKTA_LETTERS[char]}{DEVANAGARI_NUKTA}"
                         if char in DEVANAGARI_NUKTA_LETTERS else char for char in text)
    if decomposed == text and DEVANAGARI_NUKTA not in text:
        return []
    bare = decomposed.replace(DEVANAGARI_NUKTA, "")
    return [variant for variant in dict.fromkeys((decomposed, bare)) if variant != text]


def _translation_table() -> dict[int, str]:
    """One-to-one replacements: accented Latin letters to their base letter, Arabic-keyboard letters
    to the Urdu ones, ASCII and common Unicode punctuation and whitespace to a space (so offsets
    never move)."""
    table: dict[int, str] = {}
    for code in range(0x80):
        if not chr(code).isalnum():
            table[code] = " "
    for code in range(0xA0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1]
        if base.isascii() and base.isalpha() and base != char:
            table[code] = base
        elif not char.isalnum():
            table[code] = " "
    for code in range(0x2000, 0x2070):  # general punctuation: dashes, quotes, spaces, bullets
        table[code] = " "
    for char in "\u02bc\u02bb\u3000\ufeff":
        table[ord(char)] = " "
    for variant, urdu in _URDU_LETTERS.items():
        table[ord(variant)] = urdu
    for letter, base in DEVANAGARI_NUKTA_LETTERS.items():
        table[ord(letter)] = base  # "ख़" written as one character: the letter without its dot
    return table



_TABLE = _translation_table()
# the same table for Latin-1 text, as bytes: bytes.translate is many times faster than str.translate
# on text that is not ASCII (German umlauts, French accents)
# characters beyond ASCII that the table changes other than as _NON_WORD would (accented letters, Urdu
# letter forms, apostrophe-like letters): text with none of them needs only the regex
_TABLE_ONLY = re.compile("[" + "".join(
    re.escape(chr(code)) for code, value in sorted(_TABLE.items())
    if code >= 0x80 and not (value == " " and _NON_WORD.match(chr(code)))) + "]")
_LATIN1_TABLE = bytes(ord(" " if not _TABLE.get(code, chr(code)).isalnum() else _TABLE.get(code, chr(code)))
                      for code in range(256))
# curly quotes, dashes, ellipsis, no-break space, bullet
_NEWS_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\xa0\u2022"


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised field: ``lower`` and ``cased`` are padded with one space on each side."""

    lower: str
    cased: str
    points: tuple[int, ...]  # normalised (unpadded) offset where the text after each collapsed run starts
    removed: tuple[int, ...]  # characters removed up to and including that run

    def original(self, padded_index: int) -> int:
        """Offset in the original text of the character at ``padded_index`` in ``lower``."""
        index = padded_index - 1
        slot = bisect_right(self.points, index) - 1
        return index + (self.removed[slot] if slot >= 0 else 0)


def normalize_term(term: str, *, keep_case: bool = False) -> str:
    """The matching key of a taxonomy term (no padding)."""
    text = _SPACE_RUNS.sub(" ", _to_spaces(term)).strip()
    return text if keep_case else _lower(text)


def normalize_text(text: str) -> Normalized:
    """Normalise one field of an article for matching."""
    spaced = _to_spaces(text)
    # one regex scan for the runs of spaces and no Python loop over them: long texts have hundreds
    runs = [run.span() for run in _SPACE_RUNS.finditer(spaced)]
    if not runs:
        cased = f" {spaced} "
        return Normalized(_lower(cased), cased, (), ())
    removed = tuple(accumulate([end - start - 1 for start, end in runs]))
    points = tuple([end - total for (_, end), total in zip(runs, removed, strict=True)])
    cased = f" {_SPACE_RUNS.sub(' ', spaced)} "
    return Normalized(_lower(cased), cased, points, removed)


def _to_spaces(text: str) -> str:
    if not text.isascii():
        # str.translate is only fast on ASCII text: blank the usual news punctuation first
        for char in _NEWS_PUNCTUATION:
            if char in text:
                text = text.replace(char, " ")
        try:
            # the bytes table blanks every Latin-1 character that is not a letter or digit: no regex pass
            return text.encode("latin-1").translate(_LATIN1_TABLE).decode("latin-1")
        except UnicodeEncodeError:
            pass
    spaced = text.translate(_TABLE) if text.isascii() or _TABLE_ONLY.search(text) else text
    # other scripts (Urdu): their punctuation, and any the table does not hold, go through the regex
    return spaced if spaced.isascii() else _NON_WORD.sub(" ", spaced)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") grow when lower-cased; keep offsets aligned.
    return "".join(char.lower()[:1] for char in text)
