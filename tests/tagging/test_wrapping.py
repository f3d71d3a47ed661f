"""Hard-wrapped wire copy: names broken over lines still match, offsets stay true, and headline lists
are left as they are."""

from __future__ import annotations

from pipelines.tagging import Tagger
from pipelines.tagging.wrapping import unwrap_lines

# a press release wrapped at ~70 characters with a blank line after each line, as wire services send
WRAPPED = """\
MULTAN, Mar 3 (APP): The Counter Terrorism Department (CTD) of Punjab

said on Monday it had detained four suspects in raids carried out in

Dera Ghazi Khan and Bahawalpur, and recovered hand grenades, a pistol

and a detonator from them.

A spokesman said the detained men were members of banned outfits such

as Sipah-e-Muhammad, Lashkar-e-Jhangvi and the Baloch

Liberation Army, and had been planning attacks on public places and

government buildings in the south of the province.

Cases were registered against them at the department's police stations.
"""

HEADLINE_LIST = """\
Police said the blast in Hyderabad's Latifabad area was caused by a gas cylinder explosion.

Two shopkeepers were hurt and taken to the civil hospital for treatment.

More from Pakistan

Lashkar-e-Jhangvi commander arrested in Karachi raid

Ten killed as coach overturns near Kohat tunnel in fog

Baloch Liberation Army fighters surrender in Kech district

Wheat prices ease in Punjab markets after the harvest
"""


def test_wrapped_name_across_a_blank_line_is_found(tagger: Tagger) -> None:
    result = tagger.tag("", WRAPPED)
    assert set(result.groups) == {"BLA", "LEJ", "SMP"}
    assert result.provinces == ["PB"]
    bla = next(e for e in result.evidence if e.code == "BLA")
    assert bla.term.split() == ["Baloch", "Liberation", "Army"]


def test_unwrapping_changes_only_line_breaks_of_wrapped_prose() -> None:
    unwrapped = unwrap_lines(WRAPPED)
    assert len(unwrapped) == len(WRAPPED)
    assert "Baloch  Liberation Army" in unwrapped
    changed = {(a, b) for a, b in zip(WRAPPED, unwrapped, strict=True) if a != b}
    assert changed == {("\n", " ")}
    # the sentence ends keep their breaks
    assert "from them.\n\nA spokesman" in unwrapped
    assert "south of the province.\n\nCases" in unwrapped


def test_headline_lists_and_ordinary_paragraphs_stay() -> None:
    assert unwrap_lines(HEADLINE_LIST) == HEADLINE_LIST
    byline = "By a staff reporter\n" + WRAPPED
    assert unwrap_lines(byline).startswith("By a staff reporter\nMULTAN")


def test_related_headlines_in_a_list_are_still_not_the_story(tagger: Tagger) -> None:
    result = tagger.tag("Cylinder blast hurts two in Hyderabad", HEADLINE_LIST)
    assert "LEJ" not in result.groups and "BLA" not in result.groups
