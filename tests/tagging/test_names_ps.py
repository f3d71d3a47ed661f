"""Pashto-language reports: names from names_ps.yaml (and the Urdu and Arabic names they fold onto),
the Pashto words that look like names and must not tag, and the Afghan stories that name no province.

The rules that read English words do not read Pashto sentences; these tests check what the names
themselves achieve."""

from __future__ import annotations

from pipelines.tagging import Tagger, rules


def test_bannu_and_north_waziristan_attack_claimed_by_the_ttp(tagger: Tagger) -> None:
    text = ("د بنو ضلعې په جاني خېل سیمه کې پر یوه پولیسي پوسته برید وشو او تحریک طالبان پاکستان یې "
            "مسؤلیت ومانه. وروسته په شمالي وزیرستان کې هم نښتې وشوې.")
    result = tagger.tag("", text)
    assert result.provinces == ["KP"]
    assert result.groups == ["TTP"]


def test_pashto_name_of_the_ttp(tagger: Tagger) -> None:
    result = tagger.tag("", "د پاکستان د طالبانو تحریک وايي چې په کورمه کې یې پر یوه پوځي قافله برید کړی.")
    assert (result.provinces, result.groups) == (["KP"], ["TTP"])


def test_tank_district_roadside_bomb(tagger: Tagger) -> None:
    text = "د ټانک ولسوالۍ په یوه لاره کې د سړک غاړې ماین وچاودېد او دوه پولیس ووژل شول."
    result = tagger.tag("", text)
    assert (result.provinces, result.groups) == (["KP"], [])


def test_quetta_blast_claimed_by_the_bla(tagger: Tagger) -> None:
    text = "د کوټه ښار په سریاب سیمه کې چاودنه وشوه او د بلوچستان د آزادۍ پوځ یې پړه په غاړه واخیسته."
    result = tagger.tag("", text)
    assert (result.provinces, result.groups) == (["BA"], ["BLA"])
    quetta = tagger.tag("", "د کوټې پولیسو وویل چې د ښار په لویه لار یو موټر وسله والو ونیو.")
    assert (quetta.provinces, quetta.groups) == (["BA"], [])


def test_peshawar_and_swat(tagger: Tagger) -> None:
    peshawar = tagger.tag("", "په پېښور کې د یوه جومات ترڅنګ چاودنه شوې چې پنځه کسان پکې ټپیان شوي دي.")
    assert (peshawar.provinces, peshawar.groups) == (["KP"], [])
    mingora = tagger.tag("", "د مینګورې په بازار کې پولیسو پر دوو وسله والو ډزې وکړې.")
    assert (mingora.provinces, mingora.groups) == (["KP"], [])


def test_khawarij_in_bajaur_is_the_ttp(tagger: Tagger) -> None:
    result = tagger.tag("", "پوځ وايي چې د باجوړ په سیمه کې د خوارجو پر پټنځای برید وشو او شپږ تنه ووژل شول.")
    assert (result.provinces, result.groups) == (["KP"], ["TTP"])
    assert {e.rule for e in result.evidence if e.code == "TTP"} == {rules.KHAWARIJ_LABEL}


def test_afghan_taliban_government_in_kabul_is_not_the_ttp(tagger: Tagger) -> None:
    text = ("په کابل کې د اسلامي امارت ویاند وویل چې د طالبانو حکومت له چین سره د کانونو په اړه "
            "خبرې کړې دي.")
    result = tagger.tag("", text)
    assert (result.provinces, result.groups) == ([], [])


def test_nangarhar_and_khost_are_abroad(tagger: Tagger) -> None:
    result = tagger.tag("", "د ننګرهار او خوست ولایتونو کې سیلابونو لسګونه کورونه ویجاړ کړل.")
    assert (result.provinces, result.groups) == ([], [])


def test_pashto_words_that_look_like_names_do_not_tag(tagger: Tagger) -> None:
    # a tank (the weapon), a room (کوټه), "much" (دیر), a Mohmand surname, a document (سند)
    for text in ("په هلمند کې د پخواني حکومت یو ټانک د طالبانو له خوا نندارې ته وړاندې شو.",
                 "د دې کوټې دروازه ماته وه او کوټه تیاره وه.",
                 "دا کار دیر ګران دی او دیر وخت نیسي.",
                 "د کندهار والي محمد نعیم مومند له خلکو سره وکتل.",
                 "د ځمکې سند یې د ولسوالۍ له دفتر څخه واخیست."):
        result = tagger.tag("", text)
        assert (result.provinces, result.groups) == ([], []), text


def test_units_and_cities(tagger: Tagger) -> None:
    units = tagger.tag("", "د خیبر پښتونخوا او بلوچستان په ایالتونو کې تاوتریخوالی زیات شوی دی.")
    assert (units.provinces, units.groups) == (["KP", "BA"], [])
    karachi = tagger.tag("", "په کراچۍ کې د چینايي اتباعو پر موټر برید وشو.")
    assert (karachi.provinces, karachi.groups) == (["SD"], [])
    gilgit = tagger.tag("", "په ګلګت بلتستان کې واورو لارې وتړلې.")
    assert (gilgit.provinces, gilgit.groups) == (["GB"], [])
    dikhan = tagger.tag("", "په ډیره اسماعیل خان کې د پولیسو پر موټر برید وشو.")
    assert (dikhan.provinces, dikhan.groups) == (["KP"], [])


def test_khorasan_and_gul_bahadur(tagger: Tagger) -> None:
    iskp = tagger.tag("", "د داعش خراسان ولایت ډلې په ننګرهار کې د برید مسؤلیت ومانه.")
    assert (iskp.provinces, iskp.groups) == ([], ["ISKP"])
    hgb = tagger.tag("", "د حافظ ګل بهادر ډلې په میرعلي کې پر امنیتي ځواکونو برید وکړ.")
    assert (hgb.provinces, hgb.groups) == (["KP"], ["HGB"])


def test_iranian_baluchestan_is_not_balochistan(tagger: Tagger) -> None:
    result = tagger.tag("", "د سیستان او بلوچستان ولایت په زاهدان کې جیش العدل پر یوه پوسته برید وکړ.")
    assert (result.provinces, result.groups) == ([], ["JAA"])
