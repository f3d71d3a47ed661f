"""Arabic-language reports: names from names_ar.yaml (and the Urdu names they fold onto), the glued
prefixes Arabic writes, and the foreign look-alikes that must not tag.

The rules that read English words do not read Arabic sentences; these tests check what the names
themselves achieve, and the story-level rules (indian_punjab, islamic_state_regional, border_crossing,
foreign_setting) that work from the kind of names found."""

from __future__ import annotations

from pipelines.tagging import Tagger, rules


def test_quetta_blast_claimed_by_the_bla(tagger: Tagger) -> None:
    text = ("قتل خمسة من عناصر الشرطة في انفجار استهدف دوريتهم في مدينة كويتا عاصمة إقليم بلوشستان، "
            "وأعلن جيش تحرير بلوشستان مسؤوليته عن الهجوم.")
    result = tagger.tag("", text)
    assert result.provinces == ["BA"]
    assert result.groups == ["BLA"]


def test_north_waziristan_attack_by_the_ttp(tagger: Tagger) -> None:
    text = ("قال الجيش الباكستاني إن مسلحين من حركة طالبان باكستان هاجموا نقطة تفتيش في منطقة مير علي "
            "بوزيرستان الشمالية، مما أسفر عن مقتل جنديين.")
    result = tagger.tag("", text)
    assert result.provinces == ["KP"]
    assert result.groups == ["TTP"]


def test_cities_place_their_units(tagger: Tagger) -> None:
    karachi = tagger.tag("", "أطلق مسلحون مجهولون النار على حافلة في كراتشي فقتلوا ثلاثة ركاب.")
    assert (karachi.provinces, karachi.groups) == (["SD"], [])
    gilgit = tagger.tag("", "ضربت عاصفة ثلجية مدينة جلجت وأغلقت الطريق إلى الصين لثلاثة أيام.")
    assert (gilgit.provinces, gilgit.groups) == (["GB"], [])
    muzaffarabad = tagger.tag("", "سقطت قذيفة على سوق في مظفر آباد عاصمة كشمير الخاضعة لباكستان.")
    assert (muzaffarabad.provinces, muzaffarabad.groups) == (["AJK"], [])
    peshawar = tagger.tag("", "وقع انفجار في سوق ببيشاور ولم تتبن أي جهة الهجوم حتى الآن.")
    assert (peshawar.provinces, peshawar.groups) == (["KP"], [])


def test_glued_and_before_a_unit_name(tagger: Tagger) -> None:
    # "in the two provinces of Khyber Pakhtunkhwa and Balochistan": the second name carries the و
    text = "تصاعدت الهجمات المسلحة في إقليمي خيبر بختونخوا وبلوشستان خلال الشهر الماضي."
    result = tagger.tag("", text)
    assert result.provinces == ["KP", "BA"]
    assert result.groups == []


def test_fitna_al_khawarij_is_the_ttp_but_the_historic_sect_is_not(tagger: Tagger) -> None:
    label = tagger.tag("", "قال الجيش إن 12 من عناصر فتنة الخوارج قتلوا في عملية بمنطقة شمال وزيرستان.")
    assert label.provinces == ["KP"]
    assert label.groups == ["TTP"]
    assert {e.rule for e in label.evidence if e.code == "TTP"} == {rules.KHAWARIJ_LABEL}
    # the sect of the first Islamic century, with the article: not the state's label
    history = tagger.tag("", "ناقش المؤتمر نشأة فرقة الخوارج بعد معركة صفين وموقف الصحابة منهم.")
    assert (history.provinces, history.groups) == ([], [])


def test_fitna_al_hindustan_is_an_unnamed_baloch_group(tagger: Tagger) -> None:
    text = "أعلن الجيش مقتل أربعة إرهابيين من فتنة الهندوستان في منطقة كيتش جنوب غربي البلاد."
    result = tagger.tag("", text)
    assert result.provinces == ["BA"]
    assert result.groups == ["BALOCH_SEP"]


def test_jaish_al_adl_in_iranian_baluchestan_is_not_balochistan(tagger: Tagger) -> None:
    text = ("تبنى جيش العدل هجوما على مركز للحرس الثوري في مدينة زاهدان بمحافظة سيستان و بلوشستان "
            "جنوب شرقي إيران. ويقول مسؤولون إيرانيون إن المهاجمين فروا نحو بلوشستان الإيرانية الجنوبية.")
    result = tagger.tag("", text)
    assert result.provinces == []
    assert result.groups == ["JAA"]


def test_afghan_taliban_government_in_kabul_is_not_the_ttp(tagger: Tagger) -> None:
    text = ("استقبل وزير خارجية حكومة طالبان في كابل وفدا صينيا، وقالت حركة طالبان إن المحادثات تناولت "
            "مشاريع التعدين في أفغانستان.")
    result = tagger.tag("", text)
    assert result.provinces == []
    assert result.groups == []


def test_indian_kashmir_is_not_azad_kashmir(tagger: Tagger) -> None:
    # Poonch is a district on both sides: its Arabic name is left out; كشمير alone names no side
    text = ("قتل ثلاثة جنود هنود في هجوم مسلح قرب بونش وراجوري في إقليم جامو وكشمير الخاضع للإدارة الهندية، "
            "فيما شهدت سريناغار إضرابا عاما.")
    result = tagger.tag("", text)
    assert result.provinces == []
    assert result.groups == []
    line = tagger.tag("", "تبادل الجيشان الهندي والباكستاني إطلاق النار عبر خط المراقبة في كشمير.")
    assert (line.provinces, line.groups) == ([], [])


def test_hyderabad_in_telangana_is_not_sindh(tagger: Tagger) -> None:
    # the Arabic phrase naming the Indian city is listed as a foreign name and, longer, wins the match
    indian = tagger.tag("", "اعتقلت الشرطة في حيدر آباد بولاية تيلانغانا الهندية شابين بتهمة التخطيط "
                            "لأعمال عنف.")
    assert (indian.provinces, indian.groups) == ([], [])
    # the city's name alone beside a Telangana cue: rule hyderabad_telangana reads it in Arabic too
    text = "اعتقلت الشرطة في حيدر آباد، عاصمة ولاية تيلانغانا، شابين بتهمة التخطيط لأعمال عنف."
    cued = tagger.tag("", text)
    assert (cued.provinces, cued.groups) == ([], [])
    assert {e.rule for e in cued.suppressed if e.code == "SD"} == {rules.HYDERABAD_TELANGANA}
    sindh = tagger.tag("", "غمرت الفيضانات أحياء في حيدر آباد ثاني أكبر مدن إقليم السند.")
    assert (sindh.provinces, sindh.groups) == (["SD"], [])


def test_islamic_state_in_syria_is_not_iskp(tagger: Tagger) -> None:
    # rule islamic_state_abroad reads English theatre names (Syria, Iraq) only; here the regional rule
    # does the work: no Pakistani unit and no Afghan name, so the generic name is IS central
    syria = tagger.tag("", "تبنى تنظيم الدولة الإسلامية هجوما على حاجز للجيش في ريف دير الزور شرقي سوريا.")
    assert (syria.provinces, syria.groups) == ([], [])
    assert {e.rule for e in syria.suppressed if e.code == "ISKP"} == {rules.ISLAMIC_STATE_REGIONAL}
    bajaur = tagger.tag("", "أعلن تنظيم الدولة الإسلامية ولاية خراسان مسؤوليته عن تفجير انتحاري في سوق "
                            "بمنطقة باجور.")
    assert (bajaur.provinces, bajaur.groups) == (["KP"], ["ISKP"])


def test_indian_punjab_is_not_punjab(tagger: Tagger) -> None:
    indian = tagger.tag("", "تظاهر مزارعون في أمريتسار ولوديانا بولاية البنجاب الهندية احتجاجا على أسعار "
                            "القمح، وامتدت الاحتجاجات إلى مناطق أخرى في البنجاب.")
    assert (indian.provinces, indian.groups) == ([], [])
    assert {e.rule for e in indian.suppressed if e.code == "PB"} == {rules.INDIAN_PUNJAB}
    ours = tagger.tag("", "أعلنت حكومة إقليم البنجاب حالة الطوارئ في لاهور بعد موجة الضباب الدخاني.")
    assert (ours.provinces, ours.groups) == (["PB"], [])


def test_strikes_on_jaish_and_lashkar_in_punjab(tagger: Tagger) -> None:
    text = "استهدفت الصواريخ الهندية مقر جيش محمد في بهاولبور ومقر عسكر طيبة في مريدكي."
    result = tagger.tag("", text)
    assert result.provinces == ["PB"]
    assert result.groups == ["JEM", "LET"]


def test_sectarian_and_khorasan_groups(tagger: Tagger) -> None:
    lej = tagger.tag("", "تبنى عسكر جهنكوي تفجيرا استهدف مسجدا للهزارة في كويتا.")
    assert (lej.provinces, lej.groups) == (["BA"], ["LEJ"])
    ispp = tagger.tag("", "أعلن تنظيم ولاية باكستان التابع لتنظيم الدولة مسؤوليته عن الهجوم في ماستونغ.")
    assert (ispp.provinces, ispp.groups) == (["BA"], ["ISPP"])
    jua = tagger.tag("", "أعلنت القوات الباكستانية مقتل قيادي في جماعة الأحرار في منطقة موهماند.")
    assert (jua.provinces, jua.groups) == (["KP"], ["JUA"])


def test_arabic_words_that_look_like_names_do_not_tag(tagger: Tagger) -> None:
    # a tank, the battle of Khaybar, Saudi Arabia's Khaybar governorate, the Indus waters treaty,
    # an air base (القاعدة is also al-Qaeda), Tablighi Jamaat, "repelled it" (Urdu صدہ is Sadda)
    for text in ("دخلت دبابة تانك الساحة وسط تصفيق الجمهور.",
                 "يروي الكتاب تفاصيل غزوة خيبر وما تلاها من أحداث.",
                 "افتتح أمير منطقة المدينة المنورة مشروعا زراعيا في محافظة خيبر.",
                 "علقت الهند العمل بمعاهدة مياه السند بعد الهجوم.",
                 "هبطت طائرة نقل عسكرية في القاعدة الجوية بعد رحلة طويلة.",
                 "اجتمع آلاف من أتباع جماعة الدعوة والتبليغ في المسجد الكبير.",
                 "حاول اللص اقتحام المتجر لكن الحارس تمكن من صده."):
        result = tagger.tag("", text)
        assert (result.provinces, result.groups) == ([], []), text
    # Tank with its district word is the place
    tank = tagger.tag("", "قتل شخصان في هجوم مسلح على حافلة ركاب في منطقة تانك جنوبي خيبر بختونخوا.")
    assert (tank.provinces, tank.groups) == (["KP"], [])


def test_arabic_national_dateline_does_not_place_the_story(tagger: Tagger) -> None:
    text = ("إسلام آباد (الأناضول) - قتل شرطيان في هجوم على مركز للشرطة في منطقة لاكي مروت "
            "بإقليم خيبر بختونخوا.")
    result = tagger.tag("", text)
    assert result.provinces == ["KP"]
    assert result.groups == []
    assert {e.rule for e in result.suppressed if e.code == "ICT"} == {rules.DATELINE}


def test_torkham_told_from_the_afghan_side(tagger: Tagger) -> None:
    theirs = tagger.tag("", "قال مسؤولون في ننجرهار إن اشتباكات اندلعت عند معبر طورخم بين القوات الأفغانية "
                            "والباكستانية.")
    assert (theirs.provinces, theirs.groups) == ([], [])
    assert {e.rule for e in theirs.suppressed if e.code == "KP"} == {rules.BORDER_CROSSING}
    # told from Pakistan, with another place of the district: Khyber, KP
    ours = tagger.tag("", "أغلقت السلطات معبر طورخم في منطقة خيبر القبلية بعد تبادل لإطلاق النار.")
    assert (ours.provinces, ours.groups) == (["KP"], [])
