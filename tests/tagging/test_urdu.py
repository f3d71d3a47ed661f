"""Urdu-script reports: names from names_ur.yaml, Arabic-keyboard letters, Urdu datelines, sentence
ends and the route wording the rules read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.config.yamlfile import ConfigError
from pipelines.tagging import Tagger, load_taxonomy, rules
from pipelines.tagging.normalize import normalize_term

Writer = Callable[..., Path]

MINI_NAMES = """\
language: ur
provinces:
  - code: KP
    spellings: [خیبر پختونخوا]
    districts:
      Bannu: [بنوں]
groups:
  - code: TTP
    spellings: [تحریک طالبان پاکستان]
"""


def test_language_file_names_tag_what_they_are_keyed_to(write_taxonomy: Writer) -> None:
    tagger = Tagger(load_taxonomy(write_taxonomy(names_ur=MINI_NAMES)))
    result = tagger.tag("", "ضلع بنوں میں پولیس پر حملے کی ذمہ داری تحریک طالبان پاکستان نے قبول کر لی۔")
    assert result.provinces == ["KP"]
    assert result.groups == ["TTP"]
    assert {e.term for e in result.evidence} == {"بنوں", "تحریک طالبان پاکستان"}


def test_language_file_keys_must_exist(write_taxonomy: Writer) -> None:
    names = MINI_NAMES.replace("      Bannu:", "      Quetta:").replace("  - code: TTP", "  - code: XYZ") \
        + "foreign:\n  mars: [مریخ]\n"
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(write_taxonomy(names_ur=names))
    message = str(caught.value)
    assert "names_ur.yaml:6: provinces[0].districts.Quetta: 'Quetta' is not a district of KP" in message
    assert "names_ur.yaml:8: groups[0].code: unknown group code 'XYZ'" in message
    assert "names_ur.yaml:11: foreign.mars: unknown foreign area 'mars'" in message


def test_language_file_name_may_name_one_thing_only(write_taxonomy: Writer) -> None:
    names = MINI_NAMES + "  - code: BLA\n    spellings: [بنوں]\n"
    with pytest.raises(ConfigError) as caught:
        load_taxonomy(write_taxonomy(names_ur=names))
    assert "names_ur.yaml:11: groups[1].spellings[0]: term 'بنوں' is already used for province KP" \
        in str(caught.value)


def test_arabic_keyboard_letters_match_urdu_names() -> None:
    # Arabic yeh, kaf, heh and teh marbuta, as typed on an Arabic keyboard
    assert normalize_term("\u0643\u0648\u0626\u0679\u0647") == normalize_term("کوئٹہ")
    assert normalize_term("فتنة الخوارج") == normalize_term("فتنہ الخوارج")
    assert normalize_term("\u0645\u0648\u0633\u064a") == normalize_term("موسی")


def test_real_urdu_names_tag_units_districts_and_groups(tagger: Tagger) -> None:
    text = ("ضلع آواران کی تحصیل جھاؤ میں فوجی چوکی پر حملے کی ذمہ داری بلوچستان لبریشن فرنٹ نے قبول کی۔ "
            "دوسری جانب شمالی وزیرستان کے علاقے میر علی میں فتنہ الخوارج کے تین دہشت گرد مارے گئے۔")
    result = tagger.tag("", text)
    assert result.provinces == ["BA", "KP"]
    assert result.groups == ["BLF", "TTP"]


def test_urdu_landmarks_place_their_district(tagger: Tagger) -> None:
    # Manchhar Lake (Jamshoro) alone places a flood story in Sindh; Naran (Mansehra) places one in KP
    flood = "منچھر جھیل میں پانی کی سطح بلند ہونے سے قریبی دیہات کے مکین محفوظ مقامات پر منتقل ہو گئے۔"
    assert tagger.tag("", flood).provinces == ["SD"]
    snow = "ناران میں برفباری کے باعث سڑک بند ہو گئی اور سیاح پھنس گئے۔"
    assert tagger.tag("", snow).provinces == ["KP"]


def test_urdu_adjoining_place_is_a_boundary_reference(tagger: Tagger) -> None:
    # schools burnt in Diamer, which adjoins Mansehra district of Khyber Pakhtunkhwa: only GB
    text = ("خیبر پختونخوا کے ضلع مانسہرہ سے ملحق ضلع دیامر میں نامعلوم افراد نے لڑکیوں کے دو اسکول "
            "جلا دیے۔ پولیس کے مطابق واقعہ رات گئے پیش آیا۔")
    result = tagger.tag("", text)
    assert result.provinces == ["GB"]
    assert {e.rule for e in result.suppressed if e.code == "KP"} == {rules.BOUNDARY_REFERENCE}


def test_urdu_words_that_are_not_places_do_not_tag(tagger: Tagger) -> None:
    # qusoor (fault), der (late), the Sui gas company, the Indus river, Indian Punjab and occupied Kashmir
    text = ("اس میں صارفین کا کوئی قصور نہیں کہ سوئی ناردرن گیس کے بل دیر سے آتے ہیں۔ "
            "دریائے سندھ میں پانی کم ہے۔ بھارتی پنجاب کے شہر امرتسر "
            "اور مقبوضہ کشمیر کے ضلع پلوامہ میں احتجاج ہوا۔")
    assert tagger.tag("", text).provinces == []


def test_tehreek_e_taliban_afghanistan_is_not_the_ttp(tagger: Tagger) -> None:
    assert tagger.tag("", "تحریک طالبان افغانستان کے وفد نے دوحہ میں مذاکرات کیے۔").groups == []
    assert tagger.tag("", "تحریک طالبان کے حملے میں دو اہلکار شہید ہوئے۔").groups == ["TTP"]


def test_urdu_dateline_is_the_bureau() -> None:
    text = "لاہور (بیورو رپورٹ) صوبے کے جنوبی اضلاع میں پولیس چوکی پر حملہ ہوا۔"
    assert text[slice(*rules.dateline_span(text))] == "لاہور (بیورو رپورٹ) "
    assert rules.dateline_end("پشاور: شہر میں دھماکہ ہوا۔") > 0
    assert rules.dateline_end("بلوچستان لبریشن فرنٹ کے ترجمان نے کہا کہ حملہ کیا گیا۔") == 0


def test_urdu_national_dateline_does_not_place_the_story(tagger: Tagger) -> None:
    text = "اسلام آباد (نمائندہ جنگ) وزیراعظم نے گوادر اور پنجگور کے لیے ترقیاتی پیکج کا اعلان کیا۔"
    result = tagger.tag("", text)
    assert result.provinces == ["BA"]


def test_urdu_route_endpoint(tagger: Tagger) -> None:
    text = "ڈیرہ بگٹی کے علاقے پیر کوہ میں پنجاب جانے والی گیس پائپ لائن کو دھماکے سے اڑا دیا گیا۔"
    result = tagger.tag("", text)
    assert result.provinces == ["BA"]
    assert rules.urdu_going_to(["کو", "جانے", "والی"])
    assert not rules.urdu_going_to(["میں", "دھماکہ", "ہوا"])


def test_urdu_incident_place(tagger: Tagger) -> None:
    # one passing mention counts when an incident is in it: "a blast was heard in Bahawalpur too"
    text = ("مظفرآباد میں دھماکے کی آواز سنی گئی جبکہ بہاولپور میں بھی دھماکے کی آواز رپورٹ ہوئی۔ "
            "مظفرآباد میں بلیک آؤٹ ہے۔")
    assert tagger.tag("", text).provinces == ["AJK", "PB"]
    assert rules.urdu_incident_after(["کے", "علاقے", "میں", "فائرنگ"])
    assert not rules.urdu_incident_after(["میں", "بارش", "ہوئی"])


def test_urdu_full_stop_ends_a_sentence_not_a_headline(tagger: Tagger) -> None:
    # a short paragraph ending in the Urdu full stop is a sentence, not a related-story line
    text = ("کراچی (اسٹاف رپورٹر) شہر میں چینی انجینئروں کی گاڑی پر حملے کی کوشش ناکام بنا دی گئی۔\n\n"
            "کالعدم بلوچ لبریشن آرمی نے ذمہ داری قبول کی ہے۔")
    assert tagger.tag("", text).groups == ["BLA"]


def test_urdu_team_names_and_their_cities(tagger: Tagger) -> None:
    # a PSL match in Lahore: Quetta is only the visiting team, by its full name and by its city alone
    text = ("ملتان سلطانز اور کوئٹہ گلیڈی ایٹرز کا میچ قذافی اسٹیڈیم لاہور میں کھیلا گیا۔ "
            "ٹاس جیت کر کوئٹہ نے پہلے بیٹنگ کی اور ملتان نے ہدف آخری اوور میں حاصل کر لیا۔")
    result = tagger.tag("", text)
    assert result.provinces == ["PB"]
    assert {e.rule for e in result.suppressed if e.code == "BA"} == {rules.TEAM_SHORTHAND}
    # Islamabad United spelt with a second yeh, at a match in Rawalpindi
    rain = "بارش کے باعث پنڈی اسٹیڈیم میں اسلام آباد یونائیٹیڈ اور کراچی کنگز کا میچ منسوخ کر دیا گیا۔"
    assert tagger.tag("", rain).provinces == ["PB"]


def test_urdu_border_crossing(tagger: Tagger) -> None:
    # told from Pakistan: a clash at Torkham is in Khyber district
    ours = tagger.tag("", "طورخم بارڈر پر افغان فورسز کی فائرنگ کے بعد لوگوں نے گھر خالی کر دیے۔")
    assert ours.provinces == ["KP"]
    # told from across the border (Nangarhar sources): nothing in Pakistan
    theirs = tagger.tag("", "ننگرہار کے حکام کے مطابق طورخم کے مقام پر دونوں ملکوں کی فورسز میں جھڑپ ہوئی۔")
    assert theirs.provinces == []
    assert {e.rule for e in theirs.suppressed if e.code == "KP"} == {rules.BORDER_CROSSING}


def test_urdu_hyderabad_in_telangana(tagger: Tagger) -> None:
    indian = tagger.tag("", "تلنگانہ کے دارالحکومت حیدرآباد میں پولیس نے دو افراد کو گرفتار کر لیا۔")
    assert indian.provinces == []
    assert {e.rule for e in indian.suppressed if e.code == "SD"} == {rules.HYDERABAD_TELANGANA}
    assert tagger.tag("", "حیدرآباد میں پولیس نے دو افراد کو گرفتار کر لیا۔").provinces == ["SD"]
