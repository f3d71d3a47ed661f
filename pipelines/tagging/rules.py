"""Disambiguation rules, one small named function each.

Every rule looks at one mention (or the whole story) through :class:`Story` and answers whether
the mention counts. The tagger records the rule's name in the evidence when a rule suppresses
or promotes something, so an operator can see why a tag is (or is not) there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

import ahocorasick

from pipelines.tagging.matcher import Mention
from pipelines.tagging.normalize import Normalized

# -------------------------------------------------------------------------------- rule names
ORDINARY_WORDS = "ordinary_words"
TALIBAN_ALONE_IS_AFGHAN = "taliban_alone_is_afghan"
TALIBAN_PAKISTANI_CONTEXT = "taliban_pakistani_context"
INDIAN_PUNJAB = "indian_punjab"
HYDERABAD_TELANGANA = "hyderabad_telangana"
INDIAN_KASHMIR = "indian_kashmir"
CROSS_BORDER_PLACES = "cross_border_places"
MUZAFFARABAD_VS_MUZAFFARGARH = "muzaffarabad_vs_muzaffargarh"
DATELINE = "dateline"
ISLAMABAD_AS_GOVERNMENT = "islamabad_as_government"
ORGANISATION_BASE = "organisation_base"
PASSING_MENTION = "passing_mention"
WEAK_ACRONYM = "weak_acronym"
CONTEXT_ACRONYM = "context_acronym"
ISLAMIC_STATE_REGIONAL = "islamic_state_regional"
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
ALLIANCE_MEMBERS = "alliance_members"
FOREIGN_NAMESAKE = "foreign_namesake"
RELATED_HEADLINE = "related_headline"
PHOTO_CAPTION = "photo_caption"
TEAM_SHORTHAND = "team_shorthand"
UNLISTED_GROUP_DESCRIPTOR = "unlisted_group_descriptor"
DIPLOMATIC_DATELINE = "diplomatic_dateline"
SANCTIONS_REGIME = "sanctions_regime"
ROUTE_DESCRIPTION = "route_description"

RULES: dict[str, str] = {
    ORDINARY_WORDS: "a place name that is also a word (Tank, Hub, Swat) counts only as written, as a place",
    TALIBAN_ALONE_IS_AFGHAN: "'Taliban' alone is the Afghan Taliban, unless the story is a Pakistani "
                             "militancy story with no Afghan cue (then TTP, rule taliban_pakistani_context)",
    INDIAN_PUNJAB: "'Punjab' in a story about Indian Punjab (Amritsar, Ludhiana ...) is not PB",
    HYDERABAD_TELANGANA: "'Hyderabad' next to Telangana cues is the Indian city, not SD",
    INDIAN_KASHMIR: "Poonch, Kotli, Neelum ... in a story about Indian-administered Kashmir are not AJK",
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
    ROUTE_ENDPOINT: ("the ends of a journey ('travelling from Quetta to Peshawar', 'bound for Lahore'), "
                     "where a supply goes ('gas to Punjab') and where traffic was held ('trains stopped at "
                     "Jacobabad') count only when no other "
                     "place locates the story"),
    ORIGIN_MENTION: ("hometowns ('hailed from Swabi', 'belonged to Peshawar', 'a resident of Multan', "
                     "'the victims were reportedly from Punjab') "
                     "count only when no other place locates the story"),
    DISTANCE_REFERENCE: ("a landmark for distances ('200 km south of Islamabad') counts only when no "
                         "other place locates the story"),
    BOUNDARY_REFERENCE: ("a place named as what something borders ('the sectors bordering Rawalpindi', "
                         "'near the provincial boundary with Balochistan') is a landmark: it counts only "
                         "when no other place locates the story"),
    FOREIGN_SETTING: ("in a story set across the border (Srinagar, Ludhiana, Nangarhar ... outnumber our "
                      "places), a Pakistani unit named at most twice, outside the title, does not tag"),
    BORDER_CROSSING: ("a border crossing (Torkham, Wagah) named in a story told from across the border "
                      "places nothing in Pakistan unless another place of that unit is named"),
    WEAK_ACRONYM: "an acronym such as GB counts only next to another term for the same unit",
    CONTEXT_ACRONYM: "a colliding group acronym (IS, IMP, BRA) needs the full name or a militancy story",
    ISLAMIC_STATE_REGIONAL: "Daesh / Islamic State / IS count as ISKP only in a Pakistan/Afghanistan story",
    KHAWARIJ_LABEL: "'Fitna al-Khawarij' / 'khwarij' tag TTP unless an aligned group (HGB, IMP) is named",
    FITNA_AL_HINDUSTAN: "'Fitna al-Hindustan' tags BALOCH_SEP unless a Baloch group is named",
    IMPLIES_PARENT: "a sub-unit (Majeed Brigade) also tags its parent group (BLA)",
    AL_QAEDA_REGIONAL: ("'al-Qaeda' counts as AQ only in a Pakistan/Afghanistan story or one naming no "
                        "theatre outside the region (not AQAP in Yemen)"),
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
                       "'the Al-Qaida Sanctions Committee') are not actors in the story"),
    ROUTE_DESCRIPTION: ("places a road, railway or pipeline connects ('the train, which connects Quetta "
                        "through Punjab to Peshawar', 'the highway linking Karachi with Quetta') are route "
                        "points, counted as route_endpoint"),
}

# -------------------------------------------------------------------------------- word lists
LOCATIVE = frozenset({
    "in", "at", "near", "from", "outside", "to", "into", "across", "around", "between", "of", "inside",
    "within", "via", "toward", "towards", "off",
})
PLACE_NOUNS = frozenset({
    "district", "districts", "city", "town", "tehsil", "tehsils", "area", "areas", "valley", "cantonment",
    "cantt", "bazaar", "subdivision", "sub", "division", "police", "region", "agency", "pass", "road",
    "highway", "bypass", "border", "village", "villages", "chowki", "chowk", "market", "jail", "prison",
    "airport", "station", "check", "post", "checkpost", "tribal", "city's",
})
GOVERNMENT_NEXT = frozenset({
    "said", "says", "say", "has", "have", "had", "will", "would", "wants", "want", "wanted", "accused",
    "accuses", "blamed", "blames", "denied", "denies", "rejected", "rejects", "urged", "urges", "warned",
    "warns", "insists", "insisted", "maintains", "maintained", "claims", "claimed", "demanded", "demands",
    "believes", "hopes", "responded", "announced", "should", "must", "refused", "asked", "seeks", "sought",
    "considers", "expects", "continues", "did", "does", "also", "views", "alleged", "alleges", "told",
    "protested", "summoned", "called", "calls", "condemned", "condemns", "welcomed", "welcomes",
    "rules", "ruled", "withdrew", "withdraws", "set", "sets", "reiterated", "reiterates",
    "expected", "agreed", "agrees", "backed", "retaliated", "vowed", "vows", "argues", "argued",
    "carries", "carried", "conducts", "conducted", "issued", "issues", "directed", "directs", "ordered",
    "instructed", "instructs",
})
GOVERNMENT_OBJECT_OF = frozenset({
    "urged", "urges", "asked", "asks", "told", "tells", "warned", "warns", "accused", "accuses", "blamed",
    "blames", "informed", "pressed", "presses", "praised", "praises", "criticised", "criticises",
    "slammed", "slams",
})
INSTITUTIONS = frozenset({
    "based", "headquartered", "office", "ministry", "government", "embassy", "mission", "commission",
    "headquarters", "secretariat",
})
GOVERNMENT_POSSESSED = frozenset({
    "position", "stance", "policy", "policies", "decision", "relations", "allegations", "accusations",
    "demand", "demands", "concerns", "claims", "claim", "response", "ties", "approach", "view", "views",
    "diplomatic", "foreign", "narrative", "patience", "tensions", "ongoing", "efforts", "objections",
    "refusal", "role", "reaction", "move", "plan", "plans", "strategy", "request", "protest", "complaint",
    "side", "interests", "security", "commitment", "stand", "demarche", "insistence",
})
CAPITALS = ("kabul", "new delhi", "delhi", "tehran", "beijing", "washington", "moscow", "riyadh", "ankara",
            "doha", "london")
RELATION_NOUNS = frozenset({
    "relations", "ties", "talks", "tensions", "engagement", "dialogue", "contacts", "differences",
    "ceasefire", "fire", "truce", "deal", "agreement", "negotiations", "row", "dispute", "standoff", "rift",
    "issues", "problems", "friction",
})
FOREIGN_OWNERS = frozenset({
    "afghan", "afghanistan", "iran", "iranian", "indian", "india",
})
GOVERNMENT_STATE = frozenset({  # "Islamabad is/was behind ...", "Islamabad was not consulted"
    "behind", "involved", "responsible", "ready", "willing", "not", "keen", "open", "committed", "concerned",
    "unhappy", "wary", "reluctant", "determined", "under", "also", "yet", "now", "still", "dedicated",
})
ORDER_WORDS = frozenset({  # "instructions issued by Islamabad", "diktats from Islamabad"
    "issued", "instructions", "directions", "directives", "orders", "ordered", "diktats", "diktat",
    "dictation", "dictated", "directed", "instructed",
})
ACCUSATION_NOUNS = frozenset({
    "allegations", "allegation", "accusations", "accusation", "charges", "claims", "propaganda", "campaign",
    "leveling", "levelling", "pressure", "sanctions", "statement", "protest",
})
VENUE_WORDS = frozenset({  # what happens "in Islamabad" in diplomatic and official stories
    "briefing", "briefings", "conference", "talks", "meeting", "meetings", "summit", "visit", "visits",
    "visited",
    "visiting", "arrived", "arrives", "arrive", "arriving", "landed", "reached", "release", "issued",
    "ceremony", "session", "dialogue", "seminar", "moot", "forum", "address", "speech", "interview",
    "consultations", "reception", "envoy", "ambassador", "embassy", "embassies", "returned", "return",
    "trip", "hosted", "held", "statement", "officials", "diplomats", "diplomat", "negotiations",
    "round", "delegation", "withdraw", "recalled", "recall", "expelled", "dispatched", "sent", "flew",
    "travelled", "traveled", "signed", "inaugurated", "launched", "unveiled", "told", "reporters",
    "journalists", "gathering", "gatherings", "scheduled", "host", "hosts", "hosting",
})
BORDERING = frozenset({"bordering", "borders", "adjoining"})  # "the sectors bordering Rawalpindi"
BOUNDARY_NOUNS = frozenset({"border", "boundary", "boundaries"})  # "the provincial boundary with Balochistan"
# words that narrow a place down inside a "from" phrase: "from the former tribal districts of KP"
PLACE_PHRASE_WORDS = frozenset({
    "the", "of", "tribal", "district", "districts", "area", "areas", "former", "merged", "erstwhile",
    "parts", "part", "various", "different", "province", "city", "town", "village", "villages", "region",
    "agency", "agencies", "southern", "northern", "eastern", "western", "central", "upper", "lower",
})
MOVEMENT_WORDS = frozenset({  # "travelling from X to Y", "entered the city from X"
    "travelling", "traveling", "travelled", "traveled", "coming", "came", "come", "going", "went", "entered",
    "arrived", "arriving", "returning", "returned", "way", "route", "headed", "heading", "bound", "moving",
    "moved", "drove", "driving", "flew", "flying", "flight", "journey", "trip", "sailing", "ferrying",
    "transported", "brought", "shifted", "carrying", "convoy", "bus", "train", "coach", "vehicle", "departed",
    "left", "set", "off", "running", "runs", "ran", "plying", "depart", "departs", "departure", "trains",
    "buses", "flights", "migrated", "relocated", "fled",
})
CARRIERS = frozenset({  # "a train to Peshawar", "flights to Lahore": a journey's end, not a scene
    "train", "trains", "bus", "buses", "flight", "flights", "coach", "coaches", "service", "services",
    "express", "passenger", "convoy", "convoys", "caravan", "march", "ferry",
    "gas", "electricity", "oil", "supplies",  # "a pipeline carrying gas to Punjab": a supply's end
})
DESTINATION_LEAD = frozenset({"bound", "headed", "heading", "destined", "leaving"})
# hometown cues, normalised: "hailed from Swabi", "the victims were reportedly from Punjab"
ORIGIN_PHRASES = (
    *(f"{verb}{ending} {particle}" for verb, particle in (("hail", "from"), ("belong", "to"))
      for ending in ("", "ed", "s", "ing")),
    "a resident of", "the resident of", "native of", "natives of", "home town", "hometown", "native town",
    "native village", "native district", "native city", "home district", "home village", "domiciled in",
    "domicile of",
    *(f"{verb} {hedge}from" for verb in ("was", "were", "are", "is")
      for hedge in ("", "all ", "reportedly ", "originally ", "said to be ", "believed to be ")),
)
ORIGIN_REACH = 60  # characters from an origin cue to the places it governs (a list continues by chaining)
DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles",
                            "mile"})
COMPASS = frozenset({
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "northwards",
    "southwards", "north-west", "north-east", "south-west", "south-east",
})
INCIDENT_WORDS = frozenset({
    "attack", "attacks", "attacked", "bombing", "bombings", "blast", "blasts", "explosion", "explosions",
    "violence", "incident", "incidents", "killed", "killing", "killings", "ambush", "ambushed", "clash",
    "clashes", "raid", "raids", "strike", "strikes", "struck", "gunmen", "shot", "martyred", "operation",
    "operations", "suicide", "insurgency", "militancy", "unrest", "riots", "protest", "protests", "fighting",
    "abducted", "kidnapped", "massacre", "encounter", "landslides", "floods", "blocked", "curfew",
    "raided", "wounded", "injured", "destroyed", "arrested", "arrests", "fire", "firing", "torched",
    "shelling", "shelled", "bombed", "gunned", "stormed", "bomb", "bombs", "kills", "attacking",
    "siege", "besieged", "storming", "terror", "terrorism",
})
INCIDENT_NOUNS = frozenset({  # a place naming an incident held there: "the Lahore attack", "the Quetta blast"
    "attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "explosions", "massacre",
    "carnage", "ambush", "siege", "killings", "assault", "tragedy", "incident", "violence", "clashes",
    "riots", "unrest", "operation",
})
ARREST_WORDS = frozenset({  # "two suspects were apprehended in a raid from Bhakkar": arrested there
    "arrested", "apprehended", "nabbed", "detained", "captured", "rounded", "picked", "rescued",
})
CONNECT_STEMS = (" connect", " link", " join")  # cheap test for rule route_description
CONNECT_CHARS = 90
LIST_LINKS = frozenset({" and ", " or ", ", ", ", and ", " as well as "})  # "attacks in KP and Balochistan"
CONNECT_WORDS = frozenset({  # "the train, which connects Quetta through Punjab to Peshawar"
    "connects", "connecting", "connect", "links", "linking", "joins", "joining",
})
INCIDENT_STOP = frozenset({  # a new clause: an incident word before it does not reach the place
    "saying", "said", "says", "say", "that", "which", "who", "whom", "because", "while", "whereas", "but",
    "claiming", "alleging", "accusing", "demanding", "opposed", "opposing", "vowing", "warning", "urging",
})
INCIDENT_REACH = 11  # words of the clause before a place that may name the incident held there
NARROW_REACH = 6  # ... in a story set across the border
NEGATORS = frozenset({"no", "not", "never", "none", "zero", "nil", "without"})
NEGATION_REACH = 120  # characters from a negator to the places it may govern
NEGATED_EVENTS = frozenset({  # what a negation must govern for the place to be negated
    "attack", "attacks", "incident", "incidents", "violence", "blast", "blasts", "bombing", "bombings",
    "terrorism", "militancy", "activity", "activities", "clash", "clashes", "killing", "killings",
    "explosion", "explosions", "operation", "operations", "event", "events", "case", "cases",
})
CONTRAST = frozenset({"but", "while", "whereas", "however", "although", "though", "yet", "after", "as"})
_GROUP_ADJECTIVES = r"(?:(?:banned|outlawed|proscribed|defunct|militant|terrorist|global|transnational) )*"
DESCRIPTOR_TAIL = re.compile(
    r"(?:^| )(?:faction|offshoot|splinter|wing|branch|affiliate|ally|part|arm|front|group) of (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:allied|linked|affiliated|aligned|associated|close|loyal|tied|attached) (?:to|with) (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:breakaway|splinter|dissident)(?: faction| group)? (?:of|from) (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"^(?:[a-z0-9]+ )?of (?:the )?$"  # "HGB (TTG) of the Pakistani Taliban"
)
DESCRIPTOR_WORDS = 7  # words between the acting group and the one that describes it
PREFIX_WORDS = ("affiliated ", "linked ", "allied ", "aligned ", "backed ", "inspired ", "sponsored ", "led ")
DESCRIPTOR_PREFIX = re.compile(  # "the al-Qaeda-affiliated LeJ", "TTP-linked JuA": the first group describes
    r"^ (?:affiliated|linked|allied|aligned|backed|inspired|sponsored|led) " + _GROUP_ADJECTIVES + r"$"
)
UNLISTED_DESCRIPTOR = re.compile(  # on the raw text before a group, lower-cased
    r"(?:,\s*(?:a|an)\s+(?:[a-z]+\s+)?(?:breakaway|splinter|dissident|offshoot|faction|wing|affiliate|off-shoot)"
    r"(?:\s+(?:faction|group|outfit|wing))?\s+(?:of|from)\s+"
    r"|(?:group|outfit|organi[sz]ation|faction|militia|network)s?,?\s+(?:which|that)\s+"
    r"(?:is|was|are|were|has been)"
    r"\s+(?:(?:also|reportedly|allegedly|said to be|believed to be)\s+)*"
    r"(?:affiliated|linked|allied|aligned|associated|tied|loyal)\s+(?:with|to)\s+(?:[a-z-]+\s+){0,4}?)"
    r"(?:the\s+)?" + _GROUP_ADJECTIVES.replace(" )", "\\s+)") + r"$"
)
UNLISTED_CUES = ("faction", "offshoot", "off-shoot", "splinter", "breakaway", "dissident", "wing",
                 "affiliate",
                 "linked", "allied", "aligned", "associated", "tied", "loyal")
UNLISTED_REACH = 90  # characters before a group that may hold the descriptor
ALLIANCE_TAIL = re.compile(  # "BRAS, an alliance of the BLA ...", "an umbrella group comprising BLF ..."
    r"(?:^| )(?:alliance|umbrella|coalition|conglomerate|grouping|conglomeration)(?: [a-z]+){0,4} "
    r"(?:of|comprising|including|namely|between|consisting of|made up of|formed by)"
    r"(?: the)?(?: [a-z0-9]+){0,4} $|"
    # "IuM, active since April, comprises fighters from outfits like HGB, LeI and JuA"
    r"(?:^| )(?:compris(?:es|ed|ing)|consist(?:s|ed|ing)? of|draws?|drew|drawn) "
    r"(?:(?:fighters|members|militants|cadres|commanders|defectors) )?(?:(?:from|of) )?"
    r"(?:(?:(?:the|several|various|other) )?(?:[a-z]+ )?"
    r"(?:outfits|groups|factions|organisations|organizations) )?"
    r"(?:(?:like|such as|including|namely) )?(?:the )?$"
)
ALLIANCE_WORDS = ("alliance", "umbrella", "coalition", "conglomerat", "grouping", "compris", "consist",
                  "draw",
                  "drew")
ALLIANCE_SUBJECTS = (["alliance"], ["umbrella"], ["coalition"], ["grouping"], ["group"], ["outfit"])
ALLIANCE_REACH = 12  # words from the alliance's name to its first member
ALLIANCE_CHARS = 120  # ... in characters, for a cheap first test
LIST_OPENERS = ("--", "\u2014", "\u2013", ":")
LIST_JOINERS = frozenset({"and", "the", "as", "well", "or", "along", "with", "plus"})
QAEDA_AFFILIATE_AFTER = re.compile(
    r"(?:in|of) (?:the )?(?:iraq|yemen|syria|arabian peninsula|islamic maghreb|maghreb|mesopotamia|"
    r"levant|sahel|somalia|east africa)\b"
)
INCIDENT_LOCATIVE = frozenset({"in", "at", "near", "across", "on", "inside", "outside"})
UNIT_NOUNS = frozenset({  # "in the Pakistani city of Lahore", "in the northwestern district of Bannu"
    "city", "town", "district", "province", "village", "region", "area", "valley", "tehsil", "cities",
    "towns", "districts", "provinces",
})
HALT_WORDS = frozenset({"stopped", "halted", "stranded", "held", "parked", "diverted", "suspended", "stuck"})
# a Pakistani name placed abroad: "Pishin county in the city of Sarbaz", "Pishin, a small town located in
# Sarbaz County", "Islamabad police station in Amritsar"
NAMESAKE_LINK = re.compile(
    r" (?:(?:police station|police post|police chowki|county|town|village|area|locality|neighbourhood|"
    r"neighborhood|mohalla|colony|road|chowk) )?"
    r"(?:(?:a|an|the) (?:[a-z]+ ){0,2}(?:town|village|city|county|area|locality|neighbourhood) )?"
    r"(?:(?:located|situated|lying) )?in (?:the (?:[a-z]+ )?(?:city|district|county|province|state) of )?$"
)
NO_NAMESAKES = frozenset({"afghanistan"})  # areas across the border that share no names with ours
NAMESAKE_REACH = 60  # characters from the name to the foreign place that holds it
LOCAL_FACILITY = (" police station ", " police post ", " police chowki ", " thana ")
TEAM_NAMES = frozenset({  # franchises named after a city (listed under not_places in provinces.yaml)
    "lahore qalandars", "quetta gladiators", "peshawar zalmi", "karachi kings", "islamabad united",
    "multan sultans",
})
TEAM_PLACE_WORDS = frozenset({"in", "at", "near", "inside", "outside", "to", "from", "across", "around",
                              "visit", "visited", "reached", "left", "venue", "host", "hosted", "stadium",
                              "ground", "city"})
CAPTION_START = re.compile(r"^\s*(?:representational (?:image|photo|picture)|file (?:photo|image|picture)|"
                           r"(?:photo|image|picture)(?: credit)?\s*:)", re.IGNORECASE)
CAPTION_END = re.compile(  # "— X@someone/File", "Photo: AFP/file", "... on Saturday. Reuters"
    r"(?:(?:photo|image|picture)\s*(?::|by)\s*\S.{0,40}|[\u2014\u2013/]\s*(?:file|reuters|afp|ap|epa|ani|app|"
    r"getty images)|[.!?]\s+(?:reuters|afp|ap|epa|ani|app|getty images|file photo|file)|"
    r"[.!?]\s*[\u2014\u2013]\s*\S[^.!?\u2014\u2013]{0,30})\s*\)?\s*$",
    re.IGNORECASE)
CAPTION_LINES = 3  # a caption sits among the first lines of the text
_UNSEEN = "?"  # a line whose role is not known yet
CAPTION_INITIALS = frozenset("RFPIrfpi")  # Representational image, File photo, Photo:, Image:, Picture:
BULLETS = ("\u2022", "*", "-", "\u00b7", "\u25cf")
SENTENCE_MARKS = frozenset(".!?;,:")
SENTENCE_ENDS = frozenset(".!?;,:\"'\u201d\u2019")
QUOTES = frozenset("\"'\u201c\u2018")
CLOSING_QUOTES = "\"'\u201d\u2019 "
ASIDE_CUT_WORDS = 6  # a last line this long ending mid-word is a cut-off sentence, not a tag line
FOREIGN_MIN_NAMESAKE = 3  # foreign place mentions that set a story across the border (as tagger.FOREIGN_MIN)
CAPTION_CHARS = 320
ASIDE_CHARS = 120  # a related-story link or tag line is at most this long
SISTAN = frozenset({"sistan", "seistan", "siestan", "sistani"})
# substrings of every word in SISTAN, FOREIGN_OWNERS and ("iranian", "afghan"): without one of them in the
# story, rule cross_border_places cannot apply
CROSS_BORDER_CUES = ("sistan", "seistan", "siestan", "afghan", "iran", "india")
CROSSINGS = frozenset({"torkham", "wagah", "wagah border", "friendship gate", "taftan", "angoor adda",
                       "ghulam khan", "kharlachi"})
# Foreign terms that name a country, its people or a capital standing for its government: they do
# not show that a story is set across the border.
NOT_A_SETTING = frozenset({"afghanistan", "afghan", "kabul", "iran", "iranian", "tehran", "new delhi",
                           "delhi",
                           "durand line"})
QAEDA_CORE_CUES = re.compile(
    r" (?:zawahiri|bin laden|osama|saif al adel|global al qa[ei]da|al qa[ei]da core|core al qa[ei]da|"
    r"al qa[ei]da central|central al qa[ei]da) "
)
OUT_OF_REGION_QAEDA = re.compile(
    r" (?:aqap|aqim|arabian peninsula|islamic maghreb|yemen|yemeni|somalia|al shabaab|shabaab|sahel|mali|"
    r"nusra|syria|iraq) "
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z]+)*")
LONG_NAME_OK = frozenset({  # capitalised words that may stand before a place name
    "in", "at", "near", "from", "to", "of", "the", "district", "tehsil", "city", "town", "lower", "upper",
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "restive",
    "remote", "neighbouring", "neighboring", "nearby", "police", "and", "or",
})
INDIAN_KASHMIR_AMBIGUOUS = frozenset({
    "poonch", "kotli", "neelum", "bagh", "haveli", "mirpur",
})
MILITANT_CONTEXT = re.compile(
    r" (?:militants?|militancy|terrorists?|terrorism|terror|attacks?|attacked|attackers?|claimed|blast|bomb|"
    r"bombing|suicide|insurgents?|insurgency|banned|proscribed|outfits?|gunmen|killed|martyred|ambush(?:ed)?|"
    r"fighters|hideouts?|commanders?|kidnapped|abducted|grenade|ied|explosives?) "
)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'/\-]{2,40}?)"  # QUETTA, ISLAMABAD/KABUL
    r"(?:\s*\[[^\]\n]{1,25}\])?"  # [Pakistan]
    r"(?:\s*,\s*[^:\n\u2014\u2013(]{1,40}?)?"  # , Pakistan / , Jan 5
    r"\s*(?:\([^)\n]{1,60}\)\s*)?"  # (AP), (UrduPoint / Pakistan Point News - 23rd Dec, 2019 )
    r"(?::|\u2014|\u2013|--| - )\s?"
)
_WIRE = re.compile(
    r"\((?:AP|AFP|Reuters|ANI|IANS|PTI|APP|Xinhua|UNI|INP|NNI|Online|dpa|Anadolu)\)|\[[A-Za-z ]+\]"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE_DATE_LINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'\-]{{2,30}}?),\s*"
    rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s*\d{{4}})?\s*$"
)
DATELINE_SEARCH_CHARS = 400
HEADLINE_CHARS = 160


def _cue_automaton() -> ahocorasick.Automaton:
    """Hometown cues (ORIGIN_PHRASES) and negators (NEGATORS), padded as the matcher's keys are."""
    automaton = ahocorasick.Automaton()
    for phrase in ORIGIN_PHRASES:
        automaton.add_word(f" {phrase} ", (len(phrase) + 2, True))
    for word in NEGATORS:
        automaton.add_word(f" {word} ", (len(word) + 2, False))
    automaton.make_automaton()
    return automaton


_CUE_AUTOMATON = _cue_automaton()


@dataclass
class Story:
    """What the rules may look at: the normalised fields and every mention found in them."""

    title: Normalized
    text: Normalized
    mentions: list[tuple[str, Mention]]  # ("title" | "text", mention)
    dateline_end: int = 0  # end of the dateline in the original text, 0 if none
    dateline_start: int = 0  # start of the dateline (a wire line may sit below a headline)
    raw_title: str = ""
    raw_text: str = ""
    _codes: dict[str, set[str]] = field(default_factory=dict)
    _around: dict[int | tuple[int, int], tuple[list[str], list[str]]] = field(default_factory=dict)
    _cues: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)

    def codes(self, family: str) -> set[str]:
        """Codes of a family mentioned anywhere (before any rule)."""
        if family not in self._codes:
            self._codes[family] = {m.term.code for _, m in self.mentions if m.term.family == family}
        return self._codes[family]

    @cached_property
    def militant_context(self) -> bool:
        """Whether the story reads as a militancy story."""
        return bool(MILITANT_CONTEXT.search(self.title.lower) or MILITANT_CONTEXT.search(self.text.lower))

    @cached_property
    def afghan_cue(self) -> bool:
        """An Afghan place or an Afghan-government name other than bare 'Taliban'."""
        for _, mention in self.mentions:
            term = mention.term
            if term.family == "foreign" and term.code == "afghanistan":
                return True
            if term.family == "actor" and term.code.endswith(":afghan") and term.key != "taliban":
                return True
        return False

    @cached_property
    def cross_border_cue(self) -> bool:
        """Cheap test for rule cross_border_places: a word that can mark a place as foreign (Sistan,
        Afghan, Iran's, India's) occurs somewhere in the story."""
        return any(word in self.text.lower or word in self.title.lower for word in CROSS_BORDER_CUES)

    @cached_property
    def lines(self) -> tuple[list[int], list[str | None]]:
        """Start offsets of the text's lines, and the aside rule of each line once looked at (rule
        photo_caption, related_headline; None for a line of the story)."""
        pieces = self.raw_text.split("\n")
        starts = [0, *accumulate(len(line) + 1 for line in pieces)]
        starts.pop()
        # a paragraph, a line ending as a sentence does, belongs to the story (unless it opens a caption)
        roles: list[str | None] = [
            _UNSEEN if len(line) <= CAPTION_CHARS and (tail := line.rstrip()[-1:]) and (
                tail not in SENTENCE_ENDS or (line.lstrip()[:1] in CAPTION_INITIALS
                                              and CAPTION_START.match(line))) else None
            for line in pieces]
        return starts, roles

    @cached_property
    def has_asides(self) -> bool:
        """Cheap test: some line of the text may be a caption or a related-story line."""
        return _UNSEEN in self.lines[1]

    @cached_property
    def foreign_namesakes(self) -> frozenset[str]:
        """Keys of Pakistani place names that this story uses for a place abroad (rule foreign_namesake)."""
        return foreign_namesakes(self)

    @cached_property
    def team_cities(self) -> frozenset[str]:
        """Keys of cities whose sports franchise the story names (rule team_shorthand)."""
        return frozenset(m.term.key.split(" ", 1)[0] for _, m in self.mentions
                         if m.term.family == "blocker" and m.term.key in TEAM_NAMES)

    def norm(self, where: str) -> Normalized:
        """The normalised field a mention was found in."""
        return self.title if where == "title" else self.text

    def around(self, norm: Normalized, mention: Mention) -> tuple[list[str], list[str]]:
        """Three normalised words before (nearest last) and after a mention, computed once."""
        key = mention.norm_start * 2 + (norm is self.title)  # an int: clause() keys are tuples
        found = self._around.get(key)
        if found is None:
            before = norm.lower[max(0, mention.norm_start - 60):mention.norm_start].split()[-3:]
            after = norm.lower[mention.norm_end:mention.norm_end + 60].split()[:3]
            found = self._around[key] = (before, after)
        return found

    def origin_cues(self, where: str) -> list[int]:
        """End positions (normalised) of hometown cues such as 'hailed from' in a field, computed once."""
        return (self._cues.get(where) or self._cue_positions(where))[0]

    def negator_cues(self, where: str) -> list[int]:
        """Start positions (normalised) of negators ('no', 'not', 'never' ...) in a field, computed once."""
        return (self._cues.get(where) or self._cue_positions(where))[1]

    def _cue_positions(self, where: str) -> tuple[list[int], list[int]]:
        """Hometown cue ends and negator starts in a field: one pass of a small automaton, computed once.
        Cues do not overlap: a cue sharing its first space with the last space of the previous cue of the
        same kind is skipped ('no no' holds one negator), as a regular expression scan would."""
        found = self._cues.get(where)
        if found is None:
            origins: list[int] = []
            negators: list[int] = []
            origin_end = negator_end = 0
            for last, (length, is_origin) in _CUE_AUTOMATON.iter(self.norm(where).lower):
                start = last - length + 1
                if is_origin:
                    if start >= origin_end:
                        origin_end = last + 1
                        origins.append(origin_end)
                elif start >= negator_end:
                    negator_end = last + 1
                    negators.append(start)
            found = self._cues[where] = (origins, negators)
        return found

    def clause(self, where: str, mention: Mention) -> tuple[list[str], list[str]]:
        """Lower-cased words of the mention's sentence before it (nearest last, at most 12) and after
        it (at most 12), from the original text so that sentence ends are still visible."""
        key = (0 if where == "title" else 1, -mention.start - 1)
        found = self._around.get(key)
        if found is None:
            raw = self.raw_title if where == "title" else self.raw_text
            left = raw[max(0, mention.start - 120):mention.start]
            ends = list(_SENTENCE_END.finditer(left))
            if ends:
                left = left[ends[-1].end():]
            right = raw[mention.end:mention.end + 120]
            stop = _SENTENCE_END.search(right)
            if stop:
                right = right[:stop.start()]
            found = self._around[key] = (_WORD.findall(left.lower())[-12:], _WORD.findall(right.lower())[:12])
        return found

    def contains(self, key: str) -> bool:
        """Whether the normalised key occurs as whole words in title or text."""
        padded = f" {key} "
        return padded in self.title.lower or padded in self.text.lower


def words_before(story: Story, where: str, mention: Mention, count: int = 2) -> list[str]:
    """Up to ``count`` (at most 3) normalised words right before the mention, nearest last."""
    return story.around(story.norm(where), mention)[0][-count:]


def words_after(story: Story, where: str, mention: Mention, count: int = 2) -> list[str]:
    """Up to ``count`` (at most 3) normalised words right after the mention."""
    return story.around(story.norm(where), mention)[1][:count]


# -------------------------------------------------------------------------------- place rules
def ordinary_words(story: Story, where: str, mention: Mention) -> bool:
    """True when an ordinary-word place name (Tank, Hub, Swat) is used as a place."""
    after = words_after(story, where, mention, 3)
    reject = mention.term.reject_after
    if after and any(" ".join(after[:len(r.split())]) == r for r in reject):
        return False
    if _inside_longer_name(story, where, mention) or _heads_longer_name(story, where, mention, after):
        return False
    if where == "title" and mention.start == len(story.raw_title) - len(story.raw_title.lstrip()) \
            and story.raw_title[mention.end:mention.end + 1] == ":":
        return True  # "Hub: two workers injured"
    if not mention.term.needs_place_context or (after and after[0] in PLACE_NOUNS):
        return True
    before = words_before(story, where, mention, 1)
    return bool(before) and before[0] in LOCATIVE and (not after or after[0] != "of")


def _inside_longer_name(story: Story, where: str, mention: Mention) -> bool:
    """True when an ordinary-word place name is the tail of a longer proper name ('Karan Nagar',
    'Shalimar Bagh'): the word right before it is capitalised mid-sentence and is not a place word."""
    norm = story.norm(where)
    cut = norm.cased.rfind(" ", 0, mention.norm_start - 1)
    word = norm.cased[cut + 1:mention.norm_start - 1]
    if not word or not word[:1].isupper() or word.isupper() or word.lower() in LONG_NAME_OK:
        return False
    raw = story.raw_title if where == "title" else story.raw_text
    left = raw[max(0, mention.start - len(word) - 4):mention.start - len(word)].rstrip(" \"'\u2018\u201c(")
    return bool(left) and left[-1] not in ".!?:\n\u2014\u2013-"


def _heads_longer_name(story: Story, where: str, mention: Mention, after: list[str]) -> bool:
    """True when an ordinary-word place name opens a longer proper name ('Tank Al Khalid', 'Hub Power
    Company'): the next word follows in the same phrase, is capitalised and is not a place word."""
    if not after or after[0] in PLACE_NOUNS or after[0] in LONG_NAME_OK:
        return False
    raw = story.raw_title if where == "title" else story.raw_text
    gap = raw[mention.end:mention.end + 2]
    if not gap.startswith(" ") or not gap[1:2].isupper():
        return False
    return not any(w == where and m.start == mention.end + 1 and m.term.family == "province"
                   for w, m in story.mentions)


def negated_mention(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is where something is said NOT to have happened: the clause before it holds
    a negation governing an event word ('no militant attack was recorded in Sindh, Punjab and GB'),
    with no contrast ('but', 'while') in between."""
    cues = story.negator_cues(where)
    if not cues:
        return False
    index = bisect_right(cues, mention.norm_start)
    if not index or mention.norm_start - cues[index - 1] > NEGATION_REACH:
        return False
    before, _ = story.clause(where, mention)
    if not NEGATORS.intersection(before):
        return False
    last = max(i for i, word in enumerate(before) if word in NEGATORS)
    tail = before[last + 1:]
    if CONTRAST.intersection(tail):
        return False
    return bool(NEGATED_EVENTS.intersection(tail[:4]))  # "not a single attack", "no militant attack"


def figure_listing(story: Story, where: str, mention: Mention) -> bool:
    """True, outside militancy stories, when the place only heads a figure in a list ('Islamabad 17C,
    Lahore 27C', 'Lahore (36.4 percent)'): a statistic about the place, not an event in it."""
    if story.militant_context:
        return False
    _, after = story.around(story.norm(where), mention)
    if after and after[0][:1].isdigit():
        return True
    # "Islamabad/Rawalpindi (27 percent)": a second place of the list shares the figure
    return len(after) >= 2 and after[1][:1].isdigit() and any(
        w == where and m.norm_start == mention.norm_end + 1 and m.term.family == "province"
        for w, m in story.mentions)


def cross_border_places(story: Story, where: str, mention: Mention) -> bool:
    """True when a Pakistani place name is owned by a neighbour ("Iran's Balochistan")."""
    before = words_before(story, where, mention, 2)
    if not before:
        return False
    if mention.term.code == "BA" and (before[-1] in SISTAN or (
            len(before) == 2 and before[-1] in ("o", "e", "va", "and", "wa") and before[0] in SISTAN)):
        return True  # Sistan-o-Baluchistan, Seistan and Baluchestan: Iran
    if before[-1] == "s" and len(before) == 2:  # possessive: "Iran s Balochistan" after normalising
        return before[0] in FOREIGN_OWNERS
    return before[-1] in ("iranian", "afghan")


def foreign_namesakes(story: Story) -> frozenset[str]:
    """Pakistani place names the story uses for a place abroad: one mention placed in a foreign place
    ('Pishin county in the city of Sarbaz', 'Islamabad police station in Amritsar'), or a local police
    station named in a story set across the border ('the Islamabad police station' among Amritsar's)."""
    if not story.codes("foreign") - NO_NAMESAKES:
        return frozenset()
    found: set[str] = set()
    abroad: bool | None = None  # is the story set across the border? (computed when needed)
    facility = {"title": any(name in story.title.lower for name in LOCAL_FACILITY),
                "text": any(name in story.text.lower for name in LOCAL_FACILITY)}
    previous: tuple[str, Mention] | None = None
    for where, mention in story.mentions:
        family = mention.term.family
        if family == "foreign" and previous is not None and previous[0] == where:
            place = previous[1]
            if place.term.family == "province" and place.term.key not in found \
                    and mention.norm_start - place.norm_end <= NAMESAKE_REACH \
                    and NAMESAKE_LINK.match(story.norm(where).lower, place.norm_end, mention.norm_start):
                found.add(place.term.key)  # "Pishin county in the city of Sarbaz"
        elif family == "province" and facility[where] and mention.term.key not in found \
                and story.norm(where).lower.startswith(LOCAL_FACILITY, mention.norm_end):
            if abroad is None:
                ours = sum(1 for _, m in story.mentions if m.term.family == "province")
                foreign = foreign_setting_weight(story)
                abroad = foreign >= FOREIGN_MIN_NAMESAKE and foreign > ours
            if abroad:
                found.add(mention.term.key)  # "the Islamabad police station" in an Amritsar story
        previous = (where, mention)
    return frozenset(found)


def foreign_namesake(story: Story, mention: Mention) -> bool:
    """True when the place name is used, in this story, for its namesake abroad."""
    return mention.term.key in story.foreign_namesakes


def team_shorthand(story: Story, where: str, mention: Mention) -> bool:
    """True when a city alone stands for its sports franchise named in the story ('Lahore beat Quetta by
    nine wickets' next to 'Lahore Qalandars'), not used as a place ('played in Lahore', 'Lahore city')."""
    if mention.term.key not in story.team_cities:
        return False
    before, after = story.clause(where, mention)
    if before and (before[-1] in TEAM_PLACE_WORDS or before[-2:] == ["city", "of"]):
        return False
    return not (after and after[0] in PLACE_NOUNS)


def aside_line(story: Story, where: str, mention: Mention) -> str | None:
    """Name of the rule (photo_caption, related_headline) when the mention sits in a line that is not
    part of the story itself, else None. Only short lines are looked at, each once."""
    if where != "text" or not story.has_asides:
        return None
    starts, roles = story.lines
    index = bisect_right(starts, mention.start) - 1
    role = roles[index]
    if role is _UNSEEN:
        text = story.raw_text
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        role = roles[index] = line_role(text, start, end, (story.dateline_start, story.dateline_end))
    return role


def line_role(text: str, start: int, end: int, dateline: tuple[int, int] = (0, 0)) -> str | None:
    """PHOTO_CAPTION or RELATED_HEADLINE when the line ``text[start:end]`` is not part of the story.

    A photo caption opens with 'Representational image', 'File photo', 'Photo:', or is a short line or
    one of the first three ending with a photo credit ('Photo: AFP/File', '— X/File', '... on Saturday.
    Reuters') with the story going on below it. A related-story or tag line is a short line after the
    headline, set off as its own paragraph, without the full stop of a sentence ('27 terrorists killed in
    Balochistan operation: ISPR')."""
    line = text[start:end].strip()
    if not line or line[:1] in BULLETS or (dateline[0] < dateline[1] and start <= dateline[0] < end):
        return None
    if line[0] in CAPTION_INITIALS and CAPTION_START.match(line):
        return PHOTO_CAPTION
    if line[-1] in SENTENCE_ENDS:
        return None  # a sentence: neither a credit nor a headline ends so
    before = start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    first, last = before < 0, after >= len(text)
    short = len(line) <= ASIDE_CHARS
    if not last and (line[-1].isalnum() or line[-1] == ")") \
            and (short or _lines_before(text, start) < CAPTION_LINES) and CAPTION_END.search(line):
        return PHOTO_CAPTION  # a credit ends with a letter or a bracket
    if first or not short or " " not in line or line[:1] in QUOTES:
        return None  # the headline; a paragraph; a quotation
    if last and line.count(" ") >= ASIDE_CUT_WORDS and line[-1:].isalnum():
        return None  # the story's last sentence, cut off by the excerpt
    if line.rstrip(CLOSING_QUOTES)[-1:] in SENTENCE_MARKS:
        return None  # a quoted sentence
    if text.count("\n", before, start) < 2 and \
            text[max(0, before - 3):before + 1].rstrip(CLOSING_QUOTES)[-1:] not in ".!?":
        return None  # a line of hard-wrapped text, not a paragraph of its own
    if not last and text.count("\n", end, after) < 2 and not text[after].isupper():
        return None  # the next line goes on with the same sentence
    return RELATED_HEADLINE


def _lines_before(text: str, start: int) -> int:
    """Non-empty lines before offset ``start`` (counted up to CAPTION_LINES)."""
    count, position = 0, 0
    while count < CAPTION_LINES and position < start:
        end = text.find("\n", position, start)
        end = start if end == -1 else end
        if not text[position:end].isspace() and end > position:
            count += 1
        position = end + 1
    return count


def bracketed_repeat(story: Story, where: str, previous: Mention, mention: Mention) -> bool:
    """True when ``mention`` is the bracketed short form of the name just before it, same code:
    'Khyber Pakhtunkhwa (KP)', 'Tehreek-e-Taliban Pakistan (TTP)'."""
    if previous.term.code != mention.term.code or previous.end > mention.start:
        return False
    raw = story.raw_title if where == "title" else story.raw_text
    return raw[previous.end:mention.start].strip() == "(" and raw[mention.end:mention.end + 1] == ")"


def soft_mention(story: Story, where: str, mention: Mention) -> str | None:
    """Name of the rule under which a place is only a reference point, else None: a journey's end
    ('travelling from Quetta to Peshawar', 'bound for Lahore'), a hometown ('hailed from Swabi') or
    a landmark for distances ('200 km south of Islamabad'). Such mentions count only when nothing
    else locates the story (the tagger decides)."""
    near, after = story.around(story.norm(where), mention)
    if after and after[0] == "bound":
        return ROUTE_ENDPOINT  # "an Islamabad-bound bus"
    if not near:
        return None
    last = near[-1]
    if last == "of" and len(near) == 3 and near[1] in COMPASS and (
            near[0] in DISTANCE_UNITS or near[0].isdigit()):
        return DISTANCE_REFERENCE
    if last in BORDERING or (last == "with" and len(near) >= 2 and near[-2] in BOUNDARY_NOUNS):
        return BOUNDARY_REFERENCE
    if last in ("at", "in") and len(near) >= 2 and near[-2] in HALT_WORDS \
            and halted_traffic(story, where, mention):
        return ROUTE_ENDPOINT  # "Quetta-bound trains stopped at Jacobabad"
    cues = story.origin_cues(where)
    if cues:
        index = bisect_right(cues, mention.norm_start)
        if index and mention.norm_start - cues[index - 1] <= ORIGIN_REACH:
            return ORIGIN_MENTION
    if last in CONNECT_WORDS:
        return ROUTE_ENDPOINT  # rule route_description: "the train connects Quetta ..."
    if last in ("through", "via", "to", "with") and route_description(story, where, mention):
        return ROUTE_ENDPOINT  # "... through Punjab to Peshawar", "the highway linking Karachi with Quetta"
    if last in ("the", "of") and moved_from(story, where, mention):
        return ROUTE_ENDPOINT  # "had moved to Punjab from the tribal districts of Khyber Pakhtunkhwa"
    if last not in ("from", "to", "for"):
        return None
    if last != "from" and near[-2:-1] and (near[-2] in DESTINATION_LEAD or near[-2] == "route"
                                           or near[-2] in CARRIERS):
        return ROUTE_ENDPOINT  # "bound for Lahore", "en route to Karachi", "a train to Peshawar"
    lower = story.norm(where).lower
    window = lower[max(0, mention.norm_start - 100):mention.norm_start]
    if last != "from" and " from " not in window:
        return None
    before = window.split()[-12:]
    after = lower[mention.norm_end:mention.norm_end + 50].split()[:6]
    if last == "from":
        if any(word in MOVEMENT_WORDS for word in before[-8:-1]):
            return ROUTE_ENDPOINT
        if after and after[0] == "to" and any(word in MOVEMENT_WORDS for word in before[-8:-1] + after[:6]):
            return ROUTE_ENDPOINT
    elif "from" in before[-10:-1] and any(word in MOVEMENT_WORDS for word in before[-12:-1]):
        return ROUTE_ENDPOINT  # "from Quetta ... to Peshawar"
    return None


def moved_from(story: Story, where: str, mention: Mention) -> bool:
    """True when the place ends a 'from' phrase of a move, behind a few words that only narrow the
    place down ('moved to Punjab from the tribal districts of Khyber Pakhtunkhwa', 'fled from
    various parts of Sindh'): where someone came from, not where anything happened."""
    lower = story.norm(where).lower
    words = lower[max(0, mention.norm_start - 80):mention.norm_start].split()
    for index in range(len(words) - 1, max(-1, len(words) - 6), -1):
        if words[index] == "from":
            return all(word in PLACE_PHRASE_WORDS for word in words[index + 1:]) and any(
                word in MOVEMENT_WORDS for word in words[max(0, index - 8):index])
        if words[index] not in PLACE_PHRASE_WORDS:
            return False
    return False


def route_description(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is a later point of a route a road, railway or pipeline connects ('which
    connects Quetta in Balochistan through Punjab to Peshawar'): a connecting verb (CONNECT_WORDS) opens
    the clause within the last ten words, with no incident word after it."""
    window = story.norm(where).lower[max(0, mention.norm_start - CONNECT_CHARS):mention.norm_start]
    if not any(stem in window for stem in CONNECT_STEMS):
        return False  # cheap test first
    before, _ = story.clause(where, mention)
    for index in range(len(before) - 2, max(-1, len(before) - 11), -1):
        if before[index] in CONNECT_WORDS:
            return not any(word in INCIDENT_WORDS for word in before[index + 1:])
    return False


def halted_traffic(story: Story, where: str, mention: Mention) -> bool:
    """True when the place is only where trains, buses or flights were held ('trains stopped at
    Jacobabad', 'flights were diverted to Karachi'): a carrier just before, no incident after."""
    before, after = story.clause(where, mention)
    if not any(word in CARRIERS or word == "passengers" for word in before[-5:-2]):
        return False
    return not any(word in INCIDENT_WORDS for word in after[:8])


def chained_place(story: Story, where: str, previous: Mention, mention: Mention) -> bool:
    """True when ``mention`` only qualifies the place just before it ('Peshawar in Khyber Pakhtunkhwa',
    'Quetta, capital of Balochistan'), so it shares that place's role."""
    if previous.norm_end > mention.norm_start or mention.norm_start - previous.norm_end > 45:
        return False
    norm = story.norm(where)
    between = norm.lower[previous.norm_end:mention.norm_start].split()
    if between in (["and"], ["or"]):
        return True  # "from Quetta to Chaman and Peshawar": both ends of the journeys
    return not between or between[0] in ("in", "of", "s", "district", "city", "town", "province", "capital")


def incident_place(story: Story, where: str, mention: Mention, *, wide: bool = True) -> bool:
    """True when a lone place is the scene of an attack or incident in its own sentence ('killed in
    bomb attacks in Lahore', 'a similar incident in Kohistan', 'KP saw a rise in violence').

    ``wide=False`` (stories set across the border) looks only at the five words before the place,
    unless the place is marked as Pakistani ('Bajaur district of Pakistan')."""
    if wide or pakistani_marker(story, where, mention):
        if _incident_near(story, where, mention):
            return True
        first = listed_after(story, where, mention)  # "attacks in KP and Balochistan"
        return first is not None and _incident_near(story, where, first)
    return _incident_near(story, where, mention, reach=NARROW_REACH)


def listed_after(story: Story, where: str, mention: Mention) -> Mention | None:
    """The place just before ``mention`` when the two are joined as a pair or list ('in KP and
    Balochistan', 'in Lahore, Multan'), else None."""
    previous = None
    for other_where, other in story.mentions:
        if other is mention:
            break
        if other_where == where and other.term.family == "province":
            previous = other
    if previous is None or previous.end > mention.start:
        return None
    raw = story.raw_title if where == "title" else story.raw_text
    return previous if raw[previous.end:mention.start] in LIST_LINKS else None


def pakistani_marker(story: Story, where: str, mention: Mention) -> bool:
    """True when the text marks the place as Pakistani: 'Kurram district of Pakistan', 'Chaman in
    Pakistan', "Pakistan's Chaman"."""
    before, after = story.around(story.norm(where), mention)
    if after[:2] in (["of", "pakistan"], ["in", "pakistan"]) or after[1:3] == ["of", "pakistan"]:
        return True
    return before[-2:] == ["pakistan", "s"]


def _incident_near(story: Story, where: str, mention: Mention, reach: int = 0) -> bool:
    reach = reach or INCIDENT_REACH
    before, after = story.clause(where, mention)
    if before and before[-1] in ("the", "of") and len(before) > 1 and before[-2] in INCIDENT_LOCATIVE:
        before = before[:-1]  # "arrested in the Kohat region"
    elif len(before) > 2 and before[-1] == "of" and before[-2] in UNIT_NOUNS:
        for index in range(len(before) - 3, max(-1, len(before) - 8), -1):
            if before[index] in INCIDENT_LOCATIVE:
                before = before[:index + 1]  # "stormed a police academy in the Pakistani city of Lahore"
                break
    if before and before[-1] in INCIDENT_LOCATIVE and (
            any(word in INCIDENT_WORDS for word in _clause_tail(before[-reach:-1]))
            or (reach == INCIDENT_REACH and any(word in INCIDENT_WORDS for word in after[:3]))):
        return True  # "killed in bomb attacks in Lahore", "a family in Bajour were killed"
    if before[-1:] == ["from"] and before[-2:-1] not in (["is"], ["are"], ["was"], ["were"]) \
            and any(word in ARREST_WORDS for word in _clause_tail(before[-reach:-1])):
        return True  # "apprehended in a raid by the CTD from Bhakkar": arrested there
    if after[:1] and after[0] in INCIDENT_NOUNS and before[-1:] in (["the"], ["a"], ["after"], ["since"]):
        return True  # "said the Lahore attack was the beginning", "after the Quetta blast"
    if after[:1] == ["where"] and any(word in INCIDENT_WORDS for word in after[1:12]):
        return True  # "entered Rawalpindi, where they set a crane on fire"
    # the place opens its sentence: "KP and Balochistan saw a sharp rise in violence"
    return len(before) <= 2 and any(word in INCIDENT_WORDS for word in after[:8])


def _clause_tail(words: list[str]) -> list[str]:
    """The words after the last clause break (INCIDENT_STOP) in ``words``."""
    for index in range(len(words) - 1, -1, -1):
        if words[index] in INCIDENT_STOP:
            return words[index + 1:]
    return words


def foreign_setting_weight(story: Story) -> int:
    """How many mentions place the story across the border (countries and capitals standing for their
    governments excluded)."""
    return sum(1 for _, m in story.mentions
               if m.term.family == "foreign" and m.term.key not in NOT_A_SETTING)


def border_crossing(story: Story, mention: Mention) -> bool:
    """True when a border crossing named in a story told from across the border places nothing in
    Pakistan: no other place of the same unit is named."""
    if mention.term.key not in CROSSINGS:
        return False
    if not (story.afghan_cue or foreign_setting_weight(story)):
        return False
    return not any(m.term.family == "province" and m.term.code == mention.term.code
                   and m.term.key not in CROSSINGS for _, m in story.mentions)


def indian_punjab(story: Story, mention: Mention) -> bool:
    """True when a bare 'Punjab' belongs to an Indian Punjab story."""
    if mention.term.code != "PB" or mention.term.kind != "unit":
        return False
    if "india_punjab" not in story.codes("foreign"):
        return False
    # Pakistani Punjab towns in the same story keep the province, unless Indian Punjab places
    # outnumber them (Shahkot and Jalandhar both exist)
    ours = sum(1 for _, m in story.mentions if m.term.code == "PB" and m.term.kind == "place")
    indian = sum(1 for _, m in story.mentions if m.term.family == "foreign" and m.term.code == "india_punjab")
    return ours < indian


def hyderabad_telangana(story: Story, mention: Mention) -> bool:
    """True when 'Hyderabad' is the Indian city."""
    return mention.term.key == "hyderabad" and "india_telangana" in story.codes("foreign")


def indian_kashmir(story: Story, mention: Mention) -> bool:
    """True when an AJK name shared with Indian-administered Kashmir belongs to the Indian side."""
    if mention.term.code != "AJK" or mention.term.key not in INDIAN_KASHMIR_AMBIGUOUS:
        return False
    if "india_kashmir" not in story.codes("foreign"):
        return False
    return not any(m.term.code == "AJK" and m.term.key not in INDIAN_KASHMIR_AMBIGUOUS
                   for _, m in story.mentions)


def islamabad_as_government(story: Story, where: str, mention: Mention) -> bool:
    """True when 'Islamabad' stands for the federal government."""
    if mention.term.key != "islamabad":
        return False
    after = words_after(story, where, mention, 3)
    before = words_before(story, where, mention, 2)
    if after:
        if after[0] in GOVERNMENT_NEXT or (after[0].endswith("ly") and len(after) > 1
                                           and after[1] in GOVERNMENT_NEXT):
            return True  # "Islamabad said", "Islamabad occasionally carries out strikes"
        if after[0] == "s" and len(after) > 1 and after[1] in GOVERNMENT_POSSESSED:
            return True
        rest = " ".join(after[1:])
        if after[0] == "and" and rest.startswith(CAPITALS):
            return True
        state = after[2:3] if len(after) > 2 and after[1].endswith("ly") else after[1:2]  # "is fully ..."
        if after[0] in ("is", "was", "has") and state and (
                state[0] in GOVERNMENT_STATE or (state[0].endswith("ing") and state[0] != "being")):
            return True  # "Islamabad is racing against time", "Islamabad was behind the attack"
    if before:
        if before[-1] == "between":
            return True
        if before[-1] == "and" and len(before) == 2 and before[0] in CAPITALS:
            return True
        if before[-1] == "with" and len(before) == 2 and before[0] in RELATION_NOUNS:
            return True
        if before[-1] in GOVERNMENT_OBJECT_OF:
            return True
        if before[-1] in ("against", "on", "by") and len(before) == 2 and before[0] in ACCUSATION_NOUNS:
            return True  # "allegations against Islamabad"
        if before[-1] in ("by", "from") and len(before) == 2 and before[0] in ORDER_WORDS:
            return True  # "acting on instructions issued by Islamabad", "takes diktats from Islamabad"
    return False


def diplomatic_venue(story: Story, where: str, mention: Mention) -> bool:
    """True when 'Islamabad' is only where a briefing, talks or a visit took place ('addressing a press
    briefing in Islamabad', 'the IMF mission will visit Islamabad', 'a conference in Islamabad')."""
    if mention.term.key != "islamabad" or (story.militant_context and _incident_near(story, where, mention)):
        return False
    before, _ = story.clause(where, mention)
    if not before:
        return False
    if before[-1] in ("visit", "visits", "visited", "visiting", "reached", "reach", "reaches", "reaching"):
        return True
    if before[-1] not in ("in", "at", "to", "from"):
        return False
    return any(word in VENUE_WORDS for word in before[-7:-1])


def organisation_base(story: Story, where: str, mention: Mention) -> bool:
    """True when the place only locates an organisation ('Islamabad-based', 'based in Quetta',
    'the Foreign Office in Islamabad')."""
    norm = story.norm(where)
    # cheap test first: the word after is 'based' or the word before is 'in'
    if not (norm.lower.startswith(" based ", mention.norm_end)
            or (mention.norm_start >= 4 and norm.lower.startswith(" in ", mention.norm_start - 4))):
        return False
    before, after = story.around(norm, mention)
    if after and after[0] == "based":
        return True
    if not (len(before) >= 2 and before[-1] == "in" and before[-2] in INSTITUTIONS):
        return False
    # "laid siege to the army's headquarters in Rawalpindi": the institution is the scene of an attack
    return not (story.militant_context and _incident_near(story, where, mention))


def in_dateline(story: Story, where: str, mention: Mention) -> bool:
    """True when the mention sits in the story's dateline ("PESHAWAR:")."""
    return where == "text" and story.dateline_start <= mention.start < story.dateline_end


def dateline_end(text: str) -> int:
    """End offset of a leading dateline such as 'QUETTA:' or 'PESHAWAR, Pakistan (AP) —', else 0."""
    return dateline_span(text)[1]


def dateline_span(text: str) -> tuple[int, int]:
    """``(start, end)`` of the story's dateline, or ``(0, 0)``.

    The dateline opens the text ('QUETTA:', 'PESHAWAR, Pakistan (AP) —') or opens one of the first
    lines under a headline or byline: a wire line ('Lahore (Reuters) –', 'Islamabad [Pakistan], Aug 11
    (ANI):') or a line holding only a place and a date ('Islamabad, July 12').
    """
    start = 0
    headline = False  # the line before was a headline: short, without a full stop
    while start < DATELINE_SEARCH_CHARS:
        line_end = text.find("\n", start)
        line = text[start:] if line_end == -1 else text[start:line_end]
        found = _dateline_in_line(line, first=start == 0, after_headline=headline)
        if found:
            return start, start + found
        if line_end == -1:
            break
        if line.strip():
            headline = len(line) <= HEADLINE_CHARS and not line.rstrip().endswith((".", ":"))
        start = line_end + 1
    return 0, 0


def _dateline_in_line(line: str, *, first: bool, after_headline: bool = False) -> int:
    only_date = _PLACE_DATE_LINE.match(line)
    if only_date:
        return only_date.end()
    match = _DATELINE.match(line[:120])
    if not match:
        return 0
    place, head = match.group("place"), match.group(0)
    wire = bool(_WIRE.search(head))
    if first and (place.isupper() or head.rstrip().endswith(":")):
        return match.end()
    placed = head.rstrip().endswith(":") and ("," in head or "[" in head)  # "Islamabad, Pakistan:"
    if not first and (place.isupper() or wire or placed) and len(place.split()) <= 3:
        return match.end()
    if not first and after_headline and head.rstrip().endswith(":") and len(place.split()) <= 2 \
            and place.istitle():
        return match.end()  # "Islamabad: ..." opening the story under its headline
    return match.end() if wire else 0


def muzaffarabad_vs_muzaffargarh(key: str) -> str | None:
    """The unit an exact Muzaffarabad/Muzaffargarh spelling belongs to (no fuzzy matching anywhere)."""
    return {"muzaffarabad": "AJK", "muzaffargarh": "PB"}.get(key)


# -------------------------------------------------------------------------------- group rules
def taliban_alone_is_afghan(story: Story, province_tagged: bool) -> bool:
    """True when a bare 'Taliban' is the Afghan Taliban (the default).

    False only for a Pakistani militancy story (a Pakistani unit tagged, militant vocabulary)
    with no Afghan place or Afghan-government name anywhere.
    """
    return story.afghan_cue or not (province_tagged and story.militant_context)


def context_acronym(story: Story, mention: Mention, other_names: tuple[str, ...],
                    full_name_seen: bool) -> bool:
    """True when a colliding group acronym counts for the group."""
    if any(story.contains(name) for name in other_names):
        return False
    return full_name_seen or story.militant_context


def islamic_state_regional(story: Story, province_tagged: bool) -> bool:
    """True when generic Islamic State names can be read as the Khorasan branch."""
    return province_tagged or story.afghan_cue


def al_qaeda_regional(story: Story, province_tagged: bool) -> bool:
    """True when 'al-Qaeda' can be read as al-Qaeda core: the story is set in Pakistan or Afghanistan,
    or names no affiliate or theatre outside the region (AQAP, Yemen, Somalia, the Sahel, Syria)."""
    if province_tagged or story.afghan_cue:
        return True
    return not (OUT_OF_REGION_QAEDA.search(story.text.lower) or OUT_OF_REGION_QAEDA.search(story.title.lower))


def al_qaeda_affiliate(story: Story, where: str, mention: Mention) -> bool:
    """True when 'al-Qaeda' is followed by a theatre outside the region ('al Qaeda in Iraq', 'al-Qaeda
    in the Arabian Peninsula'): the affiliate, not al-Qaeda core."""
    lower = story.norm(where).lower
    return bool(QAEDA_AFFILIATE_AFTER.match(lower, mention.norm_end + 1))


def al_qaeda_as_aqis(story: Story, named_codes: set[str]) -> bool:
    """True when a bare 'al-Qaeda' is shorthand for AQIS: the story names AQIS and nothing of al-Qaeda
    core (its leaders, 'global al-Qaeda', 'al-Qaeda central')."""
    if "AQIS" not in named_codes:
        return False
    return not (QAEDA_CORE_CUES.search(story.text.lower) or QAEDA_CORE_CUES.search(story.title.lower))


def group_descriptor(story: Story, where: str, mention: Mention, previous: Mention | None) -> bool:
    """True when a group is named only to describe the group just before it ('the Hafiz Gul Bahadur
    Group (TTG) of the Pakistani Taliban', 'HGB, a faction allied to the TTP')."""
    if previous is None or previous.term.code == mention.term.code or previous.norm_end > mention.norm_start:
        return False
    between = story.norm(where).lower[previous.norm_end:mention.norm_start]
    if between.count(" ") > DESCRIPTOR_WORDS + 1:
        return False
    return bool(DESCRIPTOR_TAIL.search(between.strip() + " "))


def descriptor_prefix_cue(story: Story, where: str, mention: Mention) -> bool:
    """Cheap test: the word after a group is one that may make it a descriptor ('al-Qaeda-affiliated')."""
    return story.norm(where).lower.startswith(PREFIX_WORDS, mention.norm_end + 1)


def descriptor_prefix(story: Story, where: str, mention: Mention, following: Mention | None) -> bool:
    """True when a group only qualifies the group right after it ('the al-Qaeda-affiliated Lashkar-e-Jhangvi',
    'TTP-linked Jamaat-ul-Ahrar'): the second group acts, the first describes it."""
    if following is None or following.term.code == mention.term.code \
            or mention.norm_end > following.norm_start:
        return False
    lower = story.norm(where).lower
    return bool(DESCRIPTOR_PREFIX.match(lower[mention.norm_end:following.norm_start]))


def alliance_member(story: Story, where: str, mention: Mention, previous: Mention | None, *,
                    in_list: bool) -> bool:
    """True when the group is listed as a member of an alliance just named ('BRAS, an alliance of the BLA,
    BLF and BRG', 'an umbrella of four groups -- the BLF, ...'). ``in_list``: ``previous`` was itself a
    member, so the list goes on while only commas, 'and' or brackets separate the names."""
    if previous is None or previous.norm_end > mention.norm_start:
        return False
    between = story.norm(where).lower[previous.norm_end:mention.norm_start]
    if not in_list and not any(word in between[-ALLIANCE_CHARS:] for word in ALLIANCE_WORDS):
        return False  # cheap test first: no alliance word right before this group
    raw = story.raw_title if where == "title" else story.raw_text
    raw_between = raw[previous.end:mention.start]
    if "." in raw_between.replace("..", ""):
        # a new sentence about the alliance just named: "... IMP said. The alliance comprises the HGB, ..."
        tail = raw_between.replace("..", "").rsplit(".", 1)[1].lower().split()
        return not in_list and tail[:1] in (["the"], ["this"]) and tail[1:2] in ALLIANCE_SUBJECTS \
            and bool(ALLIANCE_TAIL.search(" " + " ".join(_WORD.findall(" ".join(tail[2:]))) + " "))
    if not in_list and len(between) > ALLIANCE_CHARS:
        return False
    words = between.split()
    if in_list:
        return len(words) <= 3 and all(word in LIST_JOINERS for word in words)
    if previous.term.code == mention.term.code or len(words) > ALLIANCE_REACH:
        return False
    if not any(word.startswith(ALLIANCE_WORDS) for word in words) or GOVERNMENT_NEXT.intersection(words[-4:]):
        return False  # "BRAS, an alliance of Baloch groups, said the BLA ...": a new clause
    if raw_between.rstrip().endswith(LIST_OPENERS):
        return True  # "an alliance of four Baloch armed organisations -- the BLF, ..."
    return bool(ALLIANCE_TAIL.search(" " + " ".join(words) + " "))


def unlisted_group_descriptor(story: Story, where: str, mention: Mention) -> bool:
    """True when the group only describes a group the taxonomy has no code for, in an apposition ('JA, a
    breakaway faction of the TTP') or a relative clause on a group noun ('Lashkar-i-Khurasan is a Sunni
    militant group, which is reportedly affiliated with ISIS')."""
    raw = story.raw_title if where == "title" else story.raw_text
    window = raw[max(0, mention.start - UNLISTED_REACH):mention.start].lower()
    if not any(cue in window for cue in UNLISTED_CUES):
        return False  # cheap test first
    return bool(UNLISTED_DESCRIPTOR.search(window))


def jundallah_iranian(story: Story, named_codes: set[str], province_tagged: bool = False) -> bool:
    """True when 'Jundallah' is the Iranian Baloch group (Jaish al-Adl's predecessor): the story names
    Jaish al-Adl or an Iranian place. Iran's name alone ('near the Pak-Iran border') is not enough in
    a story set in a Pakistani unit."""
    if "JAA" in named_codes or "iran" not in story.codes("foreign"):
        return "JAA" in named_codes
    return not province_tagged or any(m.term.family == "foreign" and m.term.code == "iran"
                                      and m.term.key not in NOT_A_SETTING for _, m in story.mentions)


SANCTIONS_BEFORE = re.compile(r"sanction[a-z]*\s+(?:list|regime|committee)\b[^.!?\n]{0,60}$")
SANCTIONS_AFTER = re.compile(r"^[\s'\u2019s]*(?:and\s+(?:the\s+)?taliban\s+)?sanctions\b")
SANCTIONS_REACH = 110  # characters before a name that may hold the sanctions list it names
DIPLOMATIC_OFFICES = (" foreign office ", " foreign ministry ", " ministry of foreign affairs ", " mofa ",
                      " fo spokesperson ", " fo spokesman ")
DIPLOMATIC_ACTS = (" briefing ", " spokesperson ", " spokesman ", " statement ")


def sanctions_regime(story: Story, where: str, mention: Mention) -> bool:
    """True when 'al-Qaeda' or 'the Taliban' is named only in the name of the UN sanctions regime ('its
    terrorism sanctions list of people and organisations linked to al Qaeda and the Taliban', 'the
    Al-Qaida Sanctions Committee')."""
    raw = story.raw_title if where == "title" else story.raw_text
    window = raw[max(0, mention.start - SANCTIONS_REACH):mention.start].lower()
    after = raw[mention.end:mention.end + 40].lower()
    if "sanction" not in window and "sanction" not in after:
        return False  # cheap test first
    return bool(SANCTIONS_BEFORE.search(window) or SANCTIONS_AFTER.match(after))


def diplomatic_briefing(story: Story) -> bool:
    """True when the story reports a diplomatic briefing or statement: it names the Foreign Office (or
    foreign ministry) and a briefing, a spokesperson or a statement."""
    text = story.text.lower
    return any(office in text for office in DIPLOMATIC_OFFICES) \
        and any(act in text for act in DIPLOMATIC_ACTS)


def state_label_applies(named_codes: set[str], unless_named: frozenset[str]) -> bool:
    """True when a state label (khwarij, Fitna al-Hindustan) should tag its target group."""
    return not (named_codes & unless_named)
