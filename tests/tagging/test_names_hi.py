"""Hindi and Marathi (Devanagari) reports: names from names_hi.yaml, the nukta, and the names that
are everyday Hindi words or Indian places and so must not tag Pakistan."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger, rules


def _tags(tagger: Tagger, text: str, title: str = "") -> tuple[list[str], list[str]]:
    result = tagger.tag(title, text)
    return result.provinces, result.groups


def test_quetta_blast_claimed_by_the_bla(tagger: Tagger) -> None:
    text = ("बलूचिस्तान की राजधानी क्वेटा में सुरक्षा बलों के काफ़िले के पास हुए धमाके में सात जवानों की "
            "मौत हो गई। प्रतिबंधित बलूच लिबरेशन आर्मी (बीएलए) ने हमले की ज़िम्मेदारी ली है।")
    assert _tags(tagger, text) == (["BA"], ["BLA"])


def test_khawarij_in_north_waziristan_is_the_ttp(tagger: Tagger) -> None:
    text = ("उत्तरी वज़ीरिस्तान के मीर अली इलाक़े में सेना की चौकी पर हमला हुआ। पाकिस्तानी सेना ने "
            "हमले के लिए ख़वारिज को ज़िम्मेदार ठहराया और कहा कि जवाबी कार्रवाई में चार हमलावर मारे गए।")
    assert _tags(tagger, text) == (["KP"], ["TTP"])


def test_karachi_attack_by_the_majeed_brigade(tagger: Tagger) -> None:
    text = ("कराची में हवाई अड्डे के पास चीनी इंजीनियरों के वाहन को निशाना बनाकर आत्मघाती हमला किया गया। "
            "बीएलए की मजीद ब्रिगेड ने बयान जारी कर ज़िम्मेदारी ली।")
    assert _tags(tagger, text) == (["SD"], ["BLA", "BLA-MB"])


def test_pok_and_muzaffarabad_are_ajk(tagger: Tagger) -> None:
    text = ("पाकिस्तान के क़ब्ज़े वाले कश्मीर (पीओके) की राजधानी मुज़फ़्फ़राबाद में बिजली की बढ़ी दरों के "
            "ख़िलाफ़ हज़ारों लोगों ने प्रदर्शन किया।")
    assert _tags(tagger, text) == (["AJK"], [])


def test_gilgit_is_gilgit_baltistan(tagger: Tagger) -> None:
    text = "गिलगित में भारी बर्फ़बारी के बाद प्रशासन ने स्कूल तीन दिन के लिए बंद कर दिए।"
    assert _tags(tagger, text) == (["GB"], [])


def test_islamabad_court_blast(tagger: Tagger) -> None:
    text = ("इस्लामाबाद की ज़िला अदालत के बाहर हुए आत्मघाती धमाके में 12 लोगों की मौत हो गई। "
            "तहरीक-ए-तालिबान पाकिस्तान के एक धड़े ने हमले का दावा किया।")
    assert _tags(tagger, text) == (["ICT"], ["TTP"])


def test_bahawalpur_and_muridke_strikes_name_jem_and_let(tagger: Tagger) -> None:
    text = ("भारतीय सेना ने बहावलपुर में जैश-ए-मोहम्मद के मुख्यालय और मुरीदके में लश्कर-ए-तैयबा के "
            "ठिकाने को निशाना बनाया।")
    assert _tags(tagger, text) == (["PB"], ["JEM", "LET"])


@pytest.mark.parametrize("text", [
    # with the nukta, as a combining dot
    "ख़ैबर पख़्तूनख़्वा के बन्नू ज़िले में पुलिस थाने पर रात को हमला हुआ।",
    # with the nukta as precomposed letters
    "\u0959\u0948\u092c\u0930 \u092a\u0959\u094d\u0924\u0942\u0928\u0959\u094d\u0935\u093e के बन्नू "
    "ज़िले में पुलिस थाने पर रात को हमला हुआ।",
    # without any nukta, as most outlets write it
    "खैबर पख्तूनख्वा के बन्नू जिले में पुलिस थाने पर रात को हमला हुआ।",
    # with the nukta on the first word only
    "ख़ैबर पख्तूनख्वा के बन्नू जिले में पुलिस थाने पर रात को हमला हुआ।",
])
def test_with_and_without_the_nukta(tagger: Tagger, text: str) -> None:
    assert _tags(tagger, text) == (["KP"], [])


def test_nukta_less_khawarij_and_waziristan(tagger: Tagger) -> None:
    text = "दक्षिणी वजीरिस्तान के वाना में खवारिज के ठिकाने पर सुरक्षा बलों ने छापा मारा।"
    assert _tags(tagger, text) == (["KP"], ["TTP"])


def test_pahalgam_attack_by_the_trf_is_not_pakistan(tagger: Tagger) -> None:
    text = ("जम्मू-कश्मीर के पहलगाम में पर्यटकों पर हुए आतंकी हमले की ज़िम्मेदारी द रेज़िस्टेंस फ़्रंट ने ली। "
            "श्रीनगर में सुरक्षा एजेंसियों ने बताया कि यह संगठन लश्कर-ए-तैयबा का मुखौटा है।")
    assert _tags(tagger, text) == ([], ["LET", "TRF"])


def test_kashmir_alone_names_nothing(tagger: Tagger) -> None:
    text = "कश्मीर घाटी में ठंड बढ़ गई है और गुलमर्ग में सैलानियों की भीड़ उमड़ी।"
    assert _tags(tagger, text) == ([], [])


def test_punjab_in_an_amritsar_story_is_indian_punjab(tagger: Tagger) -> None:
    text = ("अमृतसर में पंजाब पुलिस ने सीमा पार से ड्रोन के ज़रिये आई हेरोइन की बड़ी खेप पकड़ी। "
            "पंजाब के डीजीपी ने बताया कि तस्कर तरनतारन के रहने वाले हैं।")
    result = tagger.tag("", text)
    assert (result.provinces, result.groups) == ([], [])
    assert {e.rule for e in result.suppressed if e.code == "PB"} == {rules.INDIAN_PUNJAB}


def test_hyderabad_in_telangana_is_not_sindh(tagger: Tagger) -> None:
    text = ("तेलंगाना की राजधानी हैदराबाद में भारी बारिश से चारमीनार के आसपास के इलाक़ों में पानी भर गया। "
            "सिकंदराबाद में भी कई सड़कें बंद रहीं।")
    assert _tags(tagger, text) == ([], [])


def test_afghan_taliban_government_is_not_the_ttp(tagger: Tagger) -> None:
    text = ("काबुल में तालिबान सरकार के प्रवक्ता ज़बीहुल्लाह मुजाहिद ने कहा कि अफ़ग़ानिस्तान अपनी ज़मीन का "
            "इस्तेमाल किसी पड़ोसी देश के ख़िलाफ़ नहीं होने देगा।")
    assert _tags(tagger, text) == ([], [])


def test_hindi_words_that_are_not_places_do_not_tag(tagger: Tagger) -> None:
    # a tank, a garden, a hub, "stuck", "fault", the Jhelum river in Srinagar, Mirpur in Dhaka,
    # the Vaishno Devi pindi, Nowshera in Rajouri and Poonch in Jammu and Kashmir
    text = ("गांव में पानी का टैंक फट गया और पास के बाग़ में बने डेटा हब की बिजली चली गई। काम बीच में अटक गया, "
            "इसमें किसी का कसूर नहीं था। श्रीनगर में झेलम नदी उफान पर है। मीरपुर में बांग्लादेश के ख़िलाफ़ "
            "टेस्ट मैच होगा। श्रद्धालुओं ने माता की पिंडी के दर्शन किए। राजौरी के नौशेरा सेक्टर और पुंछ में "
            "नियंत्रण रेखा पर गोलीबारी हुई।")
    assert _tags(tagger, text) == ([], [])


def test_tank_district_only_with_its_district_word(tagger: Tagger) -> None:
    text = "ख़ैबर पख़्तूनख़्वा के टांक ज़िले में पोलियो टीम की सुरक्षा में तैनात पुलिसकर्मी पर गोली चलाई गई।"
    assert _tags(tagger, text) == (["KP"], [])
    assert {e.term for e in tagger.tag("", text).evidence} == {"ख़ैबर पख़्तूनख़्वा", "टांक ज़िले"}


def test_fitna_al_hindustan_without_a_named_group(tagger: Tagger) -> None:
    text = "ग्वादर में बंदरगाह के पास फ़ितना अल-हिंदुस्तान के आतंकियों ने सुरक्षा चौकी पर हमला किया।"
    assert _tags(tagger, text) == (["BA"], ["BALOCH_SEP"])


def test_marathi_quetta_blast(tagger: Tagger) -> None:
    text = ("पाकिस्तानच्या बलुचिस्तान प्रांतातील क्वेटा येथे झालेल्या बॉम्बस्फोटात दहा जण ठार झाले. "
            "बलुच लिबरेशन आर्मीने या हल्ल्याची जबाबदारी स्वीकारली आहे.")
    assert _tags(tagger, text) == (["BA"], ["BLA"])


def test_marathi_pahalgam_attack_and_waziristan(tagger: Tagger) -> None:
    pahalgam = ("जम्मू-काश्मीरमधील पहलगाम येथे पर्यटकांवर झालेल्या हल्ल्याची जबाबदारी द रेझिस्टन्स फ्रंटने "
                "स्वीकारली. ही संघटना लष्कर-ए-तोयबाशी संबंधित आहे.")
    assert _tags(tagger, pahalgam) == ([], ["LET", "TRF"])
    waziristan = "उत्तर वझिरिस्तान भागात लष्कराच्या चौकीवर हल्ला झाला, त्यात पाच सैनिक ठार झाले."
    assert _tags(tagger, waziristan) == (["KP"], [])


def test_hindi_and_marathi_datelines_name_the_bureau(tagger: Tagger) -> None:
    marathi = ("इस्लामाबाद- बलुच लिबरेशन आर्मीने (बीएलए) नोश्की येथे लष्कराच्या ताफ्यावर हल्ला केल्याचा "
               "दावा केला. या हल्ल्यात अनेक सैनिक ठार झाले.")
    assert _tags(tagger, marathi) == (["BA"], ["BLA"])
    hindi = "इस्लामाबाद, 12 मार्च (भाषा)। क्वेटा में पुलिस चौकी पर हमले में तीन जवान मारे गए।"
    assert _tags(tagger, hindi)[0] == ["BA"]
