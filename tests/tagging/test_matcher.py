"""Matching: whole words, case rules, punctuation, accents, leftmost-longest, offsets."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger
from pipelines.tagging.normalize import _NEWS_PUNCTUATION, _TABLE, _to_spaces, normalize_text, nukta_variants


def _terms(tagger: Tagger, text: str) -> list[tuple[str, str, str]]:
    _, mentions = tagger._matcher.find(text)
    return [(m.surface, m.term.family, m.term.code) for m in mentions]


def test_word_boundaries(tagger: Tagger) -> None:
    assert _terms(tagger, "Tanker drivers from Quettas and Bannuwal") == []
    assert ("Bannu", "province", "KP") in _terms(tagger, "An attack in Bannu, police said.")


def test_names_match_case_insensitively(tagger: Tagger) -> None:
    expected = [("QUETTA", "province", "BA"), ("quetta", "province", "BA")]
    assert _terms(tagger, "QUETTA and quetta")[:2] == expected


def test_acronyms_match_case_sensitively(tagger: Tagger) -> None:
    assert _terms(tagger, "The BLA claimed it") == [("BLA", "group", "BLA")]
    assert _terms(tagger, "bla bla and the kp of it") == []
    assert ("KP", "province", "KP") in _terms(tagger, "militancy in KP rose")


def test_hyphens_dots_and_spacing(tagger: Tagger) -> None:
    for spelling in ("Khyber-Pakhtunkhwa", "Khyber Pakhtunkhwa", "Khyber–Pakhtunkhwa"):
        assert _terms(tagger, f"in {spelling} today")[0][2] == "KP"
    for spelling in ("D.I. Khan", "D.I.Khan", "DI Khan", "Dera Ismail Khan"):
        assert _terms(tagger, f"a blast in {spelling} on Monday")[0][0] == spelling
    assert _terms(tagger, "Tehreek e Taliban Pakistan")[0][2] == "TTP"


def test_diacritics_and_curly_quotes(tagger: Tagger) -> None:
    assert _terms(tagger, "Peshāwar’s police")[0] == ("Peshāwar", "province", "KP")
    assert _terms(tagger, "Da’esh fighters")[0][2] == "ISKP"


def test_leftmost_longest(tagger: Tagger) -> None:
    assert _terms(tagger, "Upper South Waziristan") == [("Upper South Waziristan", "province", "KP")]
    assert _terms(tagger, "Azad Jammu and Kashmir") == [("Azad Jammu and Kashmir", "province", "AJK")]
    assert _terms(tagger, "Balochistan Liberation Army") == [("Balochistan Liberation Army", "group", "BLA")]
    assert _terms(tagger, "the Pakistani Taliban") == [("Pakistani Taliban", "group", "TTP")]


def test_multi_word_terms_do_not_run_across_commas_or_brackets(tagger: Tagger) -> None:
    # "BLA Jeeyand" is a faction's name; here it is the BLA, then its spokesman Jeeyand
    assert _terms(tagger, "said the Baloch Liberation Army (BLA), Jeeyand said") == [
        ("Baloch Liberation Army", "group", "BLA"), ("BLA", "group", "BLA")]
    assert ("BLA-Jeeyand", "group", "BLA-J") in _terms(tagger, "the BLA-Jeeyand faction")
    assert _terms(tagger, "in Dera Ismail Khan; Tank")[0] == ("Dera Ismail Khan", "province", "KP")
    assert _terms(tagger, "in North, Waziristan") == [("Waziristan", "province", "KP")]


def test_offsets_map_back_to_original(tagger: Tagger) -> None:
    text = "PESHAWAR:   Militants -- in   North  Waziristan (KP)."
    _, mentions = tagger._matcher.find(text)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    assert [m.surface for m in mentions] == ["PESHAWAR", "North  Waziristan", "KP"]


def test_offsets_map_back_through_news_punctuation(tagger: Tagger) -> None:
    text = "\u201cPesh\u0101war\u201d \u2014 a blast in North\u00a0Waziristan\u2026 and Bannu\u2019s bazaar"
    _, mentions = tagger._matcher.find(text)
    assert [m.surface for m in mentions] == ["Pesh\u0101war", "North\u00a0Waziristan", "Bannu"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface


def test_foreign_and_blockers_never_tag(tagger: Tagger) -> None:
    text = "Fighting in Paktika and Kandahar; the Quetta Gladiators won; Sui gas prices rose."
    result = tagger.tag("", text)
    assert result.provinces == []


@pytest.mark.parametrize("text", [
    "", " ", "   ", "a", " a", "a ", "a  ", "  a", "  a  b  ",
    "PESHAWAR:   Militants -- in   North  Waziristan (KP).",
    "\u201cPesh\u0101war\u201d \u2014 a blast in North\u00a0Waziristan\u2026 and Bannu\u2019s bazaar",
    "\u0130stanbul,  D.I.Khan\n\n\tTank;  \u0628\u0644\u0648\u0686\u0633\u062a\u0627\u0646 -- end.  ",
])
def test_normalised_offsets_map_back_character_by_character(text: str) -> None:
    norm = normalize_text(text)
    spaced = _to_spaces(text)  # one character for one, before runs of spaces are collapsed
    assert norm.cased == f" {_collapsed(spaced)} "
    for index in range(1, len(norm.cased) - 1):
        assert spaced[norm.original(index)] == norm.cased[index]


def _collapsed(spaced: str) -> str:
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    return spaced


@pytest.mark.parametrize("script", ["Peshawar ", "Zürich ", "\u0644\u0627\u06c1\u0648\u0631 ", "Łódź ",
                                    "\u092a\u0902\u091c\u093e\u092c "])
def test_fast_paths_blank_exactly_what_the_table_and_regex_do(script: str) -> None:
    """ASCII, Latin-1 and other-script text each take their own fast path; every character must come
    out as the one general rule says: the translation table, then every character that is neither a
    letter, a digit nor part of an Indic script (but its danda) a space."""
    def keep(char: str) -> bool:
        return char.isalnum() or char == " " or ("\u0900" <= char <= "\u0dff" and char not in "\u0964\u0965")

    def reference(text: str) -> str:
        for char in _NEWS_PUNCTUATION:
            text = text.replace(char, " ")
        spaced = text.translate(_TABLE)
        return "".join(char if keep(char) else " " for char in spaced)

    for code in range(0x3000):
        text = f"{script}{chr(code)} x"
        assert _to_spaces(text) == reference(text), hex(code)


def test_nukta_variants() -> None:
    khaibar_dotted, khaibar = "\u0916\u093c\u0948\u092c\u0930", "\u0916\u0948\u092c\u0930"
    precomposed = "\u0959\u0948\u092c\u0930"
    # a combining nukta: the name is also written without it
    assert nukta_variants(khaibar_dotted) == [khaibar]
    # a precomposed nukta letter: also with a combining nukta, and without one
    assert nukta_variants(precomposed) == [khaibar_dotted, khaibar]
    assert nukta_variants("\u092a\u0902\u091c\u093e\u092c") == []
    assert nukta_variants("Peshawar") == []
    # text with a precomposed letter reads as the bare name
    assert normalize_text(precomposed).lower == normalize_text(khaibar).lower
