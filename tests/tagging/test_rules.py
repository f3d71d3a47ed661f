"""Each disambiguation rule, by name."""

from __future__ import annotations

import pytest

from pipelines.tagging import RULES, Tagger, rules


def _rules_used(result_items: list, code: str) -> set[str | None]:  # type: ignore[type-arg]
    return {e.rule for e in result_items if e.code == code}


def test_every_rule_is_documented() -> None:
    for name in ("ordinary_words", "taliban_alone_is_afghan", "indian_punjab", "hyderabad_telangana",
                 "indian_kashmir", "cross_border_places", "muzaffarabad_vs_muzaffargarh", "dateline",
                 "islamabad_as_government", "organisation_base", "passing_mention", "khawarij_label",
                 "fitna_al_hindustan", "context_acronym", "islamic_state_regional", "weak_acronym"):
        assert name in RULES


@pytest.mark.parametrize("text", [
    "The army displayed a new battle tank.",
    "A water tank burst on the roof.",
    "The Tank commander said the column advanced.",
    "The port is a Hub of regional trade.",
    "A police SWAT team stormed the house.",
])
def test_ordinary_words_without_place_context(tagger: Tagger, text: str) -> None:
    result = tagger.tag("", text)
    assert result.provinces == []


@pytest.mark.parametrize(("text", "code"), [
    ("Two policemen were killed in Tank on Friday.", "KP"),
    ("Militants attacked a check post near Tank district headquarters.", "KP"),
    ("Two Chinese workers were hurt in Hub on Tuesday.", "BA"),
    ("Police in the Swat valley were on alert.", "KP"),
])
def test_ordinary_words_with_place_context(tagger: Tagger, text: str, code: str) -> None:
    assert tagger.tag("", text).provinces == [code]


def test_ordinary_words_suppression_is_recorded(tagger: Tagger) -> None:
    result = tagger.tag("", "The Tank commander briefed reporters.")
    assert _rules_used(result.suppressed, "KP") == {rules.ORDINARY_WORDS}


def test_taliban_alone_is_afghan(tagger: Tagger) -> None:
    afghan = tagger.tag("Taliban reject accusations", "The Taliban said Kabul would not allow attacks from "
                        "Afghan soil. Militants attacked a post in Bannu last week.")
    assert "TTP" not in afghan.groups
    assert _rules_used(afghan.suppressed, "TTP") == {rules.TALIBAN_ALONE_IS_AFGHAN}


def test_taliban_in_pakistani_militancy_story_is_ttp(tagger: Tagger) -> None:
    text = "LAKKI MARWAT: Taliban militants attacked a police post in Lakki Marwat, killing two policemen."
    result = tagger.tag("Taliban attack police post", text)
    assert result.groups == ["TTP"]
    assert _rules_used(result.evidence, "TTP") == {rules.TALIBAN_PAKISTANI_CONTEXT}


def test_taliban_without_pakistani_place_stays_afghan(tagger: Tagger) -> None:
    assert tagger.tag("", "The Taliban banned music at weddings, officials said.").groups == []


def test_indian_punjab(tagger: Tagger) -> None:
    indian = tagger.tag("", "Punjab Police seized drones near Amritsar and Ludhiana on Sunday.")
    assert indian.provinces == []
    assert _rules_used(indian.suppressed, "PB") == {rules.INDIAN_PUNJAB}
    ours = tagger.tag("", "Smog from Indian Punjab choked Lahore, Punjab's capital, as Amritsar burned.")
    assert ours.provinces == ["PB"]


def test_hyderabad_telangana(tagger: Tagger) -> None:
    indian = tagger.tag("", "Police in Hyderabad, the capital of Telangana, arrested three men.")
    assert indian.provinces == []
    assert _rules_used(indian.suppressed, "SD") == {rules.HYDERABAD_TELANGANA}
    assert tagger.tag("", "Police in Hyderabad arrested three men in Latifabad.").provinces == ["SD"]


def test_indian_kashmir(tagger: Tagger) -> None:
    indian = tagger.tag("", "Militants attacked an army post in Poonch, near Rajouri in Jammu and Kashmir.")
    assert indian.provinces == []
    ours = tagger.tag("", "A strike shut markets in Poonch and Rawalakot in Azad Kashmir.")
    assert ours.provinces == ["AJK"]
    assert tagger.tag("", "Curfew in Srinagar and across IIOJK; Kashmir valley shut.").provinces == []


def test_cross_border_places(tagger: Tagger) -> None:
    for text in ("Air strikes hit Paktika and Khost, Afghan officials said.",
                 "Clashes near Spin Boldak and in Kandahar and Nangarhar.",
                 "Militants attacked a police station in Iran's Sistan-Baluchestan province near Saravan.",
                 "Unrest in Iran's Balochistan continued."):
        assert tagger.tag("", text).provinces == [], text
    assert tagger.tag("", "Traders crossed from Chaman to Spin Boldak.").provinces == ["BA"]


def test_muzaffarabad_vs_muzaffargarh(tagger: Tagger) -> None:
    assert tagger.tag("", "A blast in Muzaffarabad.").provinces == ["AJK"]
    assert tagger.tag("", "A blast in Muzaffargarh.").provinces == ["PB"]
    assert tagger.tag("", "A blast in Muzaffarbad.").provinces == []  # misspellings are not guessed
    assert rules.muzaffarabad_vs_muzaffargarh("muzaffarabad") == "AJK"


def test_dateline_names_the_bureau(tagger: Tagger) -> None:
    result = tagger.tag("", "PESHAWAR: Investigators traced the bomber who struck in Quetta last week.")
    assert result.provinces == ["BA"]


def test_dateline_alone_counts_weakly(tagger: Tagger) -> None:
    alone = tagger.tag("", "PESHAWAR: Three policemen were killed in an attack on a post, police said.")
    assert alone.provinces == ["KP"]
    assert _rules_used(alone.evidence, "KP") == {rules.DATELINE}
    national = tagger.tag("", "ISLAMABAD: The cabinet approved a new counter-terrorism authority.")
    assert national.provinces == []
    assert rules.dateline_end("QUETTA, Pakistan (AP) — Gunmen killed") > 0
    assert rules.dateline_end("Pakistan experienced a decline in violence") == 0


@pytest.mark.parametrize("text", [
    "Islamabad said Kabul must act against militants.",
    "Talks between Islamabad and Kabul resumed in Doha.",
    "Washington urged Islamabad to act.",
    "Saudi officials praised Islamabad's stance on the crisis.",
    "Relations with Islamabad have soured, Kabul said.",
])
def test_islamabad_as_government(tagger: Tagger, text: str) -> None:
    result = tagger.tag("", text)
    assert "ICT" not in result.provinces
    assert _rules_used(result.suppressed, "ICT") == {rules.ISLAMABAD_AS_GOVERNMENT}


def test_islamabad_as_place(tagger: Tagger) -> None:
    assert tagger.tag("", "A suicide bomber struck a court in Islamabad's G-11 sector.").provinces == ["ICT"]


def test_organisation_base(tagger: Tagger) -> None:
    result = tagger.tag("", "An Islamabad-based think tank and the Foreign Office in Islamabad commented.")
    assert result.provinces == []
    assert _rules_used(result.suppressed, "ICT") == {rules.ORGANISATION_BASE}


def test_passing_mention(tagger: Tagger) -> None:
    text = ("QUETTA: Militants attacked a convoy in Kech district on Sunday, and fighting spread across "
            "Turbat.\n\nThe train was bound for Peshawar. Officials in Kech said the search continued.")
    result = tagger.tag("Convoy attacked in Kech", text)
    assert result.provinces == ["BA"]
    assert _rules_used(result.suppressed, "KP") == {rules.PASSING_MENTION}


def test_roundup_keeps_every_named_unit(tagger: Tagger) -> None:
    text = ("Violence fell in Khyber Pakhtunkhwa and Balochistan, the report said. Khyber Pakhtunkhwa "
            "recorded most deaths, Balochistan a quarter. Sindh saw fewer attacks, and Gilgit-Baltistan "
            "was calm.")
    assert set(tagger.tag("", text).provinces) == {"KP", "BA", "SD", "GB"}


def test_weak_acronym(tagger: Tagger) -> None:
    assert tagger.tag("", "The phone has 128 GB of storage.").provinces == []
    assert tagger.tag("", "Police in GB said a constable was shot in Gilgit.").provinces == ["GB"]


def test_khawarij_label(tagger: Tagger) -> None:
    result = tagger.tag("", "Security forces killed six khwarij in North Waziristan.")
    assert result.groups == ["TTP"]
    assert _rules_used(result.evidence, "TTP") == {rules.KHAWARIJ_LABEL}
    aligned = tagger.tag("", "Troops killed khwarij of the Hafiz Gul Bahadur group in Bannu.")
    assert aligned.groups == ["HGB"]


def test_fitna_al_hindustan(tagger: Tagger) -> None:
    unnamed = tagger.tag("", "Terrorists of Fitna al-Hindustan were killed in Kalat.")
    assert unnamed.groups == ["BALOCH_SEP"]
    named = tagger.tag("", "Fitna al Hindustan terrorists of the BLA were killed in Kalat.")
    assert named.groups == ["BLA"]


def test_context_acronym(tagger: Tagger) -> None:
    assert tagger.tag("", "TJP leaders of Tehrik-e-Jafaria Pakistan held a rally.").groups == []
    assert tagger.tag("", "TJP claimed the attack on the camp in Zhob.").groups == ["TJP"]
    assert tagger.tag("", "The BRA section of the shop reopened.").groups == []
    assert tagger.tag("", "The SSP operations ordered a crackdown.").groups == []


def test_islamic_state_regional(tagger: Tagger) -> None:
    syria = "The Islamic State claimed an attack in Syria; IS fighters were killed."
    assert tagger.tag("", syria).groups == []
    assert tagger.tag("", "Daesh claimed the attack in Bajaur.").groups == ["ISKP"]


def test_faction_codes(tagger: Tagger) -> None:
    assert tagger.tag("", "Jamaat-ul-Ahrar claimed the bombing in Peshawar.").groups == ["JUA"]
    assert set(tagger.tag("", "The Majeed Brigade claimed the attack in Gwadar.").groups) == {"BLA-MB", "BLA"}


def test_non_group_actors_never_tag(tagger: Tagger) -> None:
    text = ("The Pashtun Tahafuz Movement, the Baloch Yakjehti Committee, the JUI-F and Tehreek-e-Labbaik "
            "Pakistan held rallies; the Frontier Corps and CTD were deployed.")
    assert tagger.tag("", text).groups == []
