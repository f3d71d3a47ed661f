"""Rule names: one constant per rule, and RULES, the one-line explanation of each.

The tagger records a rule's name in the evidence when the rule suppresses or promotes a mention.
"""

from __future__ import annotations

ORDINARY_WORDS = "ordinary_words"
PERSONAL_NAME = "personal_name"
TALIBAN_ALONE_IS_AFGHAN = "taliban_alone_is_afghan"
TALIBAN_PAKISTANI_CONTEXT = "taliban_pakistani_context"
INDIAN_PUNJAB = "indian_punjab"
HYDERABAD_TELANGANA = "hyderabad_telangana"
INDIAN_KASHMIR = "indian_kashmir"
GB_CALLED_KASHMIR = "gb_called_kashmir"
LABEL_DEFINITION = "label_definition"
PARTY_AFFINITY = "party_affinity"
CROSS_BORDER_PLACES = "cross_border_places"
MUZAFFARABAD_VS_MUZAFFARGARH = "muzaffarabad_vs_muzaffargarh"
DATELINE = "dateline"
ISLAMABAD_AS_GOVERNMENT = "islamabad_as_government"
ORGANISATION_BASE = "organisation_base"
PASSING_MENTION = "passing_mention"
WEAK_ACRONYM = "weak_acronym"
CONTEXT_ACRONYM = "context_acronym"
ISLAMIC_STATE_REGIONAL = "islamic_state_regional"
ISLAMIC_STATE_ABROAD = "islamic_state_abroad"
KHAWARIJ_LABEL = "khawarij_label"
FITNA_AL_HINDUSTAN = "fitna_al_hindustan"
IMPLIES_PARENT = "implies_parent"
DIPLOMATIC_VENUE = "diplomatic_venue"
ROUTE_ENDPOINT = "route_endpoint"
ORIGIN_MENTION = "origin_mention"
DISTANCE_REFERENCE = "distance_reference"
BOUNDARY_REFERENCE = "boundary_reference"
INCIDENT_PLACE = "incident_place"
FOREIGN_SETTING = "foreign_setting"
BORDER_CROSSING = "border_crossing"
AL_QAEDA_REGIONAL = "al_qaeda_regional"
JUNDALLAH_IRANIAN = "jundallah_iranian"
NEGATED_MENTION = "negated_mention"
FIGURE_LISTING = "figure_listing"
GROUP_DESCRIPTOR = "group_descriptor"
AL_QAEDA_AFFILIATE = "al_qaeda_affiliate"
AL_QAEDA_AS_AQIS = "al_qaeda_as_aqis"
AL_QAEDA_HISTORY = "al_qaeda_history"
GROUP_HISTORY = "group_history"
ALLIANCE_MEMBERS = "alliance_members"
FOREIGN_NAMESAKE = "foreign_namesake"
RELATED_HEADLINE = "related_headline"
PHOTO_CAPTION = "photo_caption"
TEAM_SHORTHAND = "team_shorthand"
UNLISTED_GROUP_DESCRIPTOR = "unlisted_group_descriptor"
DIPLOMATIC_DATELINE = "diplomatic_dateline"
SANCTIONS_REGIME = "sanctions_regime"
ROUTE_DESCRIPTION = "route_description"
SHARED_PLACE = "shared_place"
PASSING_GROUP_MENTION = "passing_group_mention"
REDEFINED_ACRONYM = "redefined_acronym"
OFFICE_HOLDER = "office_holder"

RULES: dict[str, str] = {
    PERSONAL_NAME: ("a place name that starts a person's name ('Mir Ali Hassan Zehri', 'Mir Ali Madad "
                    "Jattak'): a capitalised given name follows it; or a town's name that ends one, right "
                    "after a capitalised first name ('the Tariq Kachhi group')"),
    ORDINARY_WORDS: "a place name that is also a word (Tank, Hub, Swat) counts only as written, as a place",
    TALIBAN_ALONE_IS_AFGHAN: "'Taliban' alone is the Afghan Taliban, unless the story is a Pakistani "
                             "militancy story with no Afghan cue (then TTP, rule taliban_pakistani_context)",
    INDIAN_PUNJAB: "'Punjab' in a story about Indian Punjab (Amritsar, Ludhiana ...) is not PB",
    HYDERABAD_TELANGANA: "'Hyderabad' next to Telangana cues is the Indian city, not SD",
    INDIAN_KASHMIR: "Poonch, Kotli, Neelum ... in a story about Indian-administered Kashmir are not AJK",
    GB_CALLED_KASHMIR: ("'PoK' or 'Pakistan-occupied Kashmir' in a story that names Gilgit-Baltistan places "
                        "and no AJK district or town is the outlet's name for Gilgit-Baltistan ('Chilas, "
                        "which is located in Pakistan-occupied Kashmir'), not AJK"),
    CROSS_BORDER_PLACES: ("Afghan and Iranian places never tag; 'Iran's Balochistan' and "
                          "'Sistan-o-Baluchistan' are not BA"),
    MUZAFFARABAD_VS_MUZAFFARGARH: "exact names only: Muzaffarabad is AJK, Muzaffargarh is PB, no fuzzy match",
    DATELINE: ("a dateline (also a wire line near the top: 'Lahore (Reuters) -', 'Islamabad, July 12') "
               "names the bureau: it counts weakly and tags alone only a provincial bureau in a "
               "militancy story"),
    ISLAMABAD_AS_GOVERNMENT: ("'Islamabad said', 'Islamabad and Kabul', 'Islamabad is pressing', 'Islamabad "
                              "is fully committed', 'allegations against Islamabad', 'Islamabad occasionally "
                              "carries out strikes' mean the government, not ICT"),
    DIPLOMATIC_VENUE: ("a briefing, talks, a conference, a gathering or a visit held (or scheduled) in "
                       "Islamabad is not an event in ICT"),
    ORGANISATION_BASE: ("'Islamabad-based', 'based in Quetta' locate an organisation, not the events; "
                        "an institution attacked in a militancy story ('laid siege to the army's "
                        "headquarters in Rawalpindi') is an incident place"),
    PASSING_MENTION: ("a unit named once outside the title, in a story where another unit scores twice as "
                      "much, does not tag (except in round-ups naming three or more units); nor does a "
                      "unit named only by ordinary-word names (Bagh, Tank) where another scores 3x as much. "
                      "A name followed by its acronym in brackets ('Khyber Pakhtunkhwa (KP)') is named once"),
    INCIDENT_PLACE: ("a unit named once as the scene of an attack or incident ('killed in bomb attacks in "
                     "Lahore', 'stormed a police academy in the Pakistani city of Lahore', 'two suspects "
                     "were arrested in a raid from Bhakkar', 'a rise in attacks in KP and Balochistan') is "
                     "not a passing mention"),
    ROUTE_ENDPOINT: ("the ends of a journey ('travelling from Quetta to Peshawar', 'bound for Lahore') "
                     "and points on its way ('via Karachi'), the origins of a service ('two flights a "
                     "week each from Faisalabad and Sialkot'), "
                     "where a supply goes ('gas to Punjab') and where traffic was held ('trains stopped at "
                     "Jacobabad') count only when no other "
                     "place locates the story"),
    OFFICE_HOLDER: ("a unit named only in an office holder's title ('KP Chief Minister Gandapur', 'a Punjab "
                    "Police constable') counts only when no other place locates the story"),
    ORIGIN_MENTION: ("hometowns ('hailed from Swabi', 'belonged to Peshawar', 'a resident of Multan', "
                     "'the victims were reportedly from Punjab') "
                     "count only when no other place locates the story"),
    DISTANCE_REFERENCE: ("a landmark for distances ('200 km south of Islamabad') counts only when no "
                         "other place locates the story"),
    BOUNDARY_REFERENCE: ("a place named as what something borders ('the sectors bordering Rawalpindi', "
                         "'near the provincial boundary with Balochistan', 'on the Punjab-KPK boundary') "
                         "is a landmark: it counts only when no other place locates the story"),
    FOREIGN_SETTING: ("in a story set across the border (Srinagar, Ludhiana, Nangarhar ... outnumber our "
                      "places), a Pakistani unit named at most twice, outside the title, does not tag"),
    BORDER_CROSSING: ("a border crossing (Torkham, Wagah) named in a story told from across the border "
                      "places nothing in Pakistan unless another place of that unit is named"),
    WEAK_ACRONYM: "an acronym such as GB counts only next to another term for the same unit",
    CONTEXT_ACRONYM: "a colliding group acronym (IS, IMP, BRA) needs the full name or a militancy story",
    ISLAMIC_STATE_REGIONAL: "Daesh / Islamic State / IS count as ISKP only in a Pakistan/Afghanistan story",
    ISLAMIC_STATE_ABROAD: ("Daesh / Islamic State / IS placed in its own sentence in a theatre outside the "
                           "region ('a missile attack on northern Syria, targeting the Islamic State', 'the "
                           "Islamic State group based in Syria and Iraq') is not ISKP, even in a regional "
                           "story"),
    KHAWARIJ_LABEL: "'Fitna al-Khawarij' / 'khwarij' tag TTP unless an aligned group (HGB, IMP) is named",
    FITNA_AL_HINDUSTAN: "'Fitna al-Hindustan' tags BALOCH_SEP unless a Baloch group is named",
    LABEL_DEFINITION: ("a state label only being defined ('while \"Fitna al-Hindustan\" refers to "
                       "Indian-backed proxies', 'the term Fitna al-Khawarij is used for ...') is a glossary "
                       "line, not an actor in the story"),
    PARTY_AFFINITY: ("a group named only as what a political party sympathises with or has ties to ('the "
                     "JUI has ties to the Afghan and Pakistani Taliban', 'JUI-F ... accused of being "
                     "sympathizers of the Taliban') describes the party, not an actor in the story"),
    IMPLIES_PARENT: "a sub-unit (Majeed Brigade) also tags its parent group (BLA)",
    AL_QAEDA_HISTORY: ("'al-Qaeda' named only in the story of 2001 ('ousted by a US-led invasion for "
                       "refusing to hand over al-Qaeda leader Osama bin Laden after the 9/11 attacks') is "
                       "history, not an actor"),
    GROUP_HISTORY: ("a group named once, outside the title, in a sentence dated by a bare year "
                    "('the listing began in 2001 with groups like Lashkar-e-Jhangvi', 'after the TTP and "
                    "LI occupied the heights in 2011'), beside a group the story's own events name, is "
                    "background history; a year after a month or a day dates the story's events, "
                    "'since 2007' reaches the present, and a claim is the story's own"),
    AL_QAEDA_REGIONAL: ("'al-Qaeda' counts as AQ only in a Pakistan/Afghanistan story or one naming no "
                        "theatre outside the region (not AQAP in Yemen)"),
    REDEFINED_ACRONYM: ("a group acronym the story defines for another group ('Jaish al-Adl (JuA, Army of "
                        "Justice)') stands for that group in the story, not for its own (Jamaat-ul-Ahrar)"),
    JUNDALLAH_IRANIAN: ("'Jundallah' in an Iran / Jaish al-Adl story is the Iranian group, not the "
                        "Pakistani one; Iran's name alone ('near the Pak-Iran border') in a story set in "
                        "a Pakistani unit is not an Iran story"),
    NEGATED_MENTION: ("a place where an event is said not to have happened ('no attack was recorded in "
                      "Sindh, Punjab ...', 'not a single incident in Lahore') does not tag"),
    FIGURE_LISTING: ("outside militancy stories, a place that only heads a figure in a list ('Lahore 27C', "
                     "'Karachi (28 percent)') is a statistic, not an event there"),
    GROUP_DESCRIPTOR: ("a group named only to describe another ('HGB of the Pakistani Taliban', 'a faction "
                       "allied to the TTP', 'is reportedly linked to the banned TTP', 'an alliance "
                       "associated with HGB', 'the al-Qaeda-affiliated LeJ', 'Hafiz Saeed-led JuD') does "
                       "not tag, nor does its acronym in brackets; the acting group does"),
    ALLIANCE_MEMBERS: ("groups listed as the members of an alliance just named ('BRAS, an alliance of the "
                       "BLA, BLF and BRG', 'IuM comprises fighters from outfits like HGB, LeI and JuA') "
                       "describe the alliance: only the alliance tags"),
    FOREIGN_NAMESAKE: ("a Pakistani name that the text itself places abroad ('Pishin county in Sarbaz', "
                       "'Islamabad police station in Amritsar'), or names a local police station in a story "
                       "set across the border, is the foreign namesake: none of its mentions tag"),
    RELATED_HEADLINE: ("a short headline-like line inside the body (a related-story link, a section or tag "
                       "line) counts only for a unit or group the story names elsewhere"),
    PHOTO_CAPTION: ("a photo caption at the top ('Representational image ...', '... Photo: AFP/File', a "
                    "credit after the last full stop) counts only for a unit or group the story names "
                    "elsewhere"),
    TEAM_SHORTHAND: ("in a story naming a sports franchise (Lahore Qalandars), its city alone ('Lahore beat "
                     "Quetta') is the team, not the place, unless used as a place ('in Lahore')"),
    AL_QAEDA_AFFILIATE: ("'al-Qaeda in Iraq / in Yemen / in the Islamic Maghreb' is an affiliate outside the "
                         "region, not AQ core"),
    AL_QAEDA_AS_AQIS: ("in a story that names al-Qaeda in the Indian Subcontinent, a bare 'al-Qaeda' is "
                       "its shorthand ('the al-Qaeda terrorists were identified as'), not al-Qaeda core, "
                       "unless the story names the core's leaders or calls it global or central"),
    UNLISTED_GROUP_DESCRIPTOR: ("a group named only to describe a group the taxonomy has no code for: an "
                                "apposition ('JA, a breakaway faction of the TTP') or a relative clause on a "
                                "group noun ('a Sunni militant group, which is reportedly affiliated with "
                                "ISIS') does not tag; 'militants affiliated with ISIS' still does"),
    DIPLOMATIC_DATELINE: ("a lone dateline does not tag a diplomatic briefing or statement (the Foreign "
                          "Office spokesperson's weekly briefing, a foreign ministry statement): the bureau "
                          "filed it, nothing happened there"),
    SANCTIONS_REGIME: ("'al-Qaeda' and 'the Taliban' named only in the name of the UN sanctions regime "
                       "('sanctions list of people and organisations linked to al Qaeda and the Taliban', "
                       "'the Al-Qaida Sanctions Committee') or in a UN listing's formula ('blacklisted by "
                       "the United Nations, which tied it to al Qaeda') are not actors in the story"),
    PASSING_GROUP_MENTION: ("a group marked `background_name` (al-Qaeda) named once, in the body only, "
                            "beside other tagged groups is background, not tagged"),
    SHARED_PLACE: ("a place name two units share (ambiguity.shared_terms) stands for the one of them the "
                   "story names elsewhere; else for the unit listed in `resolve`, or nothing for `drop`"),
    ROUTE_DESCRIPTION: ("places a road, railway or pipeline connects ('the train, which connects Quetta "
                        "through Punjab to Peshawar', 'the highway linking Karachi with Quetta') are route "
                        "points, counted as route_endpoint"),
}
