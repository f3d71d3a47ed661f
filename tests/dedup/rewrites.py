"""Syndication-style rewrites of a report, made programmatically."""

from __future__ import annotations

SWAPS = {
    "said": "stated",
    "killed": "left dead",
    "report": "study",
    "on": "upon",
    "percent": "per cent",
    "according": "referring",
    "attacks": "assaults",
    "the": "a",
    "and": "as well as",
}


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def cut_last_paragraph(text: str) -> str:
    parts = paragraphs(text)
    return "\n".join(parts[:-1]) if len(parts) >= 3 else text


def change_words(text: str, every: int = 25) -> str:
    """Replace every ``every``-th word (a synonym where one is known, else a plural)."""
    out, count = [], 0
    for line in paragraphs(text):
        tokens = line.split(" ")
        for i, token in enumerate(tokens):
            count += 1
            if count % every == 0:
                tokens[i] = SWAPS.get(token.lower(), token + "s")
        out.append(" ".join(tokens))
    return "\n".join(out)


def change_one_word(text: str) -> str:
    return text.replace(" said ", " stated ", 1) if " said " in text else text.replace(" ", "  x ", 1)


def wire_prefix(text: str, credit: str = "ISLAMABAD (APP): ") -> str:
    return credit + text


def wire_suffix(text: str, credit: str = "Reuters") -> str:
    return text + "\n" + credit


def add_paragraph(text: str) -> str:
    return (
        text
        + "\n"
        + (
            "Opposition lawmakers said they would raise the findings in the next session of the provincial "
            "assembly and demanded a briefing from the home department."
        )
    )


def syndicated(text: str, variant: int) -> str:
    """What a second outlet publishes: last paragraph cut, words changed, a wire credit."""
    text = change_words(cut_last_paragraph(text))
    return wire_prefix(text) if variant % 2 else wire_suffix(text)
