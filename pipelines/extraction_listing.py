"""Listing-page detection: how much of the extracted text is teasers (headline links and their blurbs).

On a section front or tag page trafilatura keeps the teaser headlines (lines that are whole link
texts), the blurbs under them (a block whose small container also holds a headline link), or both.
Article paragraphs sit together in one body container, away from headline links.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from pipelines.extraction_html import normalize_space

HEADLINE_MIN_CHARS = 15  # shorter link texts are navigation ("Home", "Sport"), not headlines
_BLOCK_TAGS = ("p", "li", "dd", "blockquote", "td", "h2", "h3", "h4", "h5", "h6", "article", "div")
_MAX_CHILDREN = 6  # containers with more children are sections, not one teaser or paragraph
_MAX_CLIMB = 3  # a teaser's headline is within a few levels of its blurb
_CANDIDATE_TAGS = ("a", *_BLOCK_TAGS)


@dataclass(frozen=True)
class TeaserStats:
    """Extracted lines recognised as teasers, and their share of the extracted characters."""

    teasers: int
    share: float


def teaser_stats(tree: HtmlElement, text: str, min_teasers: int = 1) -> TeaserStats:
    """Compare the extracted ``text`` with the original ``tree`` it came from.

    Texts of fewer than ``min_teasers`` lines are not examined (reported as no teasers).
    """
    lines = Counter(normalize_space(line) for line in text.splitlines())
    del lines[""]
    total = sum(len(line) * n for line, n in lines.items())
    if not total or sum(lines.values()) < min_teasers:
        return TeaserStats(0, 0.0)
    links = ((a, normalize_space(a.text_content())) for a in tree.iter("a"))
    headlines = {a: line for a, line in links if len(line) >= HEADLINE_MIN_CHARS}
    teasers = set(headlines.values()) & lines.keys()
    first_words = {line.split(" ", 1)[0] for line in lines}
    blocks: dict[HtmlElement, str] = {}
    for el in tree.iter(*_BLOCK_TAGS):
        if len(el) > _MAX_CHILDREN:
            continue
        raw = el.text_content()
        head = raw.split(None, 1)
        if not head or head[0].casefold() not in first_words:
            continue  # cheap test before normalising the whole block
        line = normalize_space(raw)
        if line in lines and line not in teasers:  # headline blocks are teasers already
            blocks[el] = line
    blurbs = {line for block, line in blocks.items() if _beside_headline(block, blocks, headlines)}
    teasers |= blurbs
    chars = sum(len(line) * lines[line] for line in teasers)
    return TeaserStats(sum(lines[line] for line in teasers), chars / total)


def _beside_headline(
    block: HtmlElement, blocks: dict[HtmlElement, str], headlines: dict[HtmlElement, str]
) -> bool:
    """True if a small container of ``block`` (holding no other extracted block) has a headline link.

    Climbing one level adds only the subtrees of ``node``'s siblings: the rest of the parent's
    subtree is ``block`` itself, its descendants and ancestors, or was examined a level lower.
    """
    node = block
    for _ in range(_MAX_CLIMB):
        parent = node.getparent()
        if parent is None:
            return False
        found_headline = False
        for sibling in parent.iterchildren():
            if sibling is node:
                continue
            for el in sibling.iter(*_CANDIDATE_TAGS):
                if el in blocks:
                    return False  # a multi-paragraph container: article body, not a teaser
                if el in headlines:
                    found_headline = True
        if found_headline:
            return True
        node = parent
    return False
