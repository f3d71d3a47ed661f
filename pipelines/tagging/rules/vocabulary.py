"""Word lists, patterns and reaches (in words or characters) that the rules and :class:`Story` share.

This module imports only the normaliser of the package, so every other module may import it.
"""

from __future__ import annotations

import re

from pipelines.tagging.normalize import normalize_term

LOCATIVE = frozenset({
    "in", "at", "near", "from", "outside", "to", "into", "across", "around", "between", "of", "inside",
    "within", "via", "toward", "towards", "off",
})
PLACE_NOUNS = frozenset({
    "district", "districts", "city", "town", "tehsil", "tehsils", "area", "areas", "valley", "cantonment",
    "cantt", "bazaar", "subdivision", "sub", "division", "police", "region", "agency", "pass", "road",
    "highway", "bypass", "border", "village", "villages", "chowki", "chowk", "market", "jail", "prison",
    "airport", "station", "check", "post", "checkpost", "tribal", "city's", "river", "motorway", "expressway",
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
    "instructed", "instructs", "yet",
    "demanding", "urging", "accusing", "blaming", "insisting", "pressing", "seeking", "warning",
})
GOVERNMENT_OBJECT_OF = frozenset({
    "urged", "urges", "asked", "asks", "told", "tells", "warned", "warns", "accused", "accuses", "blamed",
    "blames", "informed", "pressed", "presses", "praised", "praises", "criticised", "criticises",
    "slammed", "slams", "assured", "assures", "reassured", "promised", "promises",
})
INSTITUTIONS = frozenset({
    "based", "headquartered", "office", "ministry", "government", "embassy", "mission", "commission",
    "headquarters", "secretariat", "delegation", "envoy", "ambassador",
})
GOVERNMENT_POSSESSED = frozenset({
    "position", "stance", "policy", "policies", "decision", "relations", "allegations", "accusations",
    "demand", "demands", "concerns", "claims", "claim", "response", "ties", "approach", "view", "views",
    "diplomatic", "foreign", "narrative", "patience", "tensions", "ongoing", "efforts", "objections",
    "refusal", "role", "reaction", "move", "plan", "plans", "strategy", "request", "protest", "complaint",
    "side", "interests", "security", "commitment", "stand", "demarche", "insistence", "delegation", "envoy",
    "negotiators", "negotiating",
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
    "hopeful", "optimistic", "confident", "disappointed", "satisfied", "dissatisfied", "eager", "prepared",
})
ORDER_WORDS = frozenset({  # "instructions issued by Islamabad", "diktats from Islamabad"
    "issued", "instructions", "directions", "directives", "orders", "ordered", "diktats", "diktat",
    "dictation", "dictated", "directed", "instructed",
})
RESPONSE_NOUNS = frozenset({  # "a move that faced opposition from Islamabad": the government answering
    "opposition", "criticism", "condemnation", "response", "reaction", "objection", "objections", "protests",
    "pushback", "assurance", "assurances", "approval", "permission", "clearance", "nod",
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
CARRIER_CHARS = 240  # how far back a sentence about a service may name its carrier and 'from'
SERVICE_NOUNS = frozenset({"operation", "operations"})  # "flight operations": a service, not a raid
DESTINATION_LEAD = frozenset({"bound", "headed", "heading", "destined", "leaving"})
# Urdu "<place> (کو) جانے والی": going to the place, as in "the pipeline going to Punjab"
URDU_TOWARD = frozenset({"کو", "تک"})
URDU_GOING = frozenset({"جانے", "آنے"})
URDU_PARTICIPLE = frozenset({"والی", "والے", "والا"})
# Urdu "<place> سے ملحق", adjoining the place, also through the place's district: "خیبر پختونخوا کے ضلع
# مانسہرہ سے ملحق" (adjoining Mansehra district of Khyber Pakhtunkhwa)
URDU_ADJOINING = re.compile(
    r"^(?: (?:کے|کی) (?:ضلع|ضلعے|صوبے|علاقے|شہر)(?: [^ ]+){1,3}?)? سے (?:ملحق|ملحقہ|متصل)(?: |$)"
)
# Urdu "<place> میں (بھی) دھماکہ": an incident in the place; "کے علاقے میں": in the area of the place
URDU_IN = frozenset({"میں", "پر"})
URDU_AREA = frozenset({"علاقے", "قریب", "شہر", "ضلع", "مقام", "نواح", "نواحی"})
URDU_INCIDENT_WORDS = frozenset({
    "دھماکہ", "دھماکے", "دھماکوں", "حملہ", "حملے", "حملوں", "فائرنگ", "جھڑپ", "جھڑپیں", "جھڑپوں", "آپریشن",
    "کارروائی", "خودکش", "ہلاک", "جاں", "شہید", "زخمی", "اغوا", "دہشت", "احتجاج", "ہڑتال",
})
# hometown cues, normalised: "hailed from Swabi", "the victims were reportedly from Punjab"
ORIGIN_PHRASES = (
    *(f"{verb}{ending} {particle}" for verb, particle in (("hail", "from"), ("belong", "to"))
      for ending in ("", "ed", "s", "ing")),
    "a resident of", "the resident of", "native of", "natives of", "home town", "hometown", "native town",
    "native village", "native district", "native city", "home district", "home village", "domiciled in",
    "domicile of", "refugees from", "displaced from",
    "registered in",  # "the car used in the blast was registered in Chakwal"
    "visitors from", "tourists from", "pilgrims from", "holidaymakers from",  # where they came from
    "group from", "family from", "families from", "people from", "labourers from", "workers from",
    "students from", "men from",
    *(f"{number} from" for number in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                      "ten")),  # "six from Mardan", in a list of victims
    *(f"{verb} {hedge}from" for verb in ("was", "were", "are", "is")
      for hedge in ("", "all ", "reportedly ", "originally ", "said to be ", "believed to be ")),
)
OFFICE_TITLES = frozenset({  # after a unit's name: an office holder, not a place ("KP Chief Minister")
    "chief minister", "cm", "governor", "chief secretary", "police chief", "police constable",
    "police constables", "ig", "igp", "inspector general", "home minister", "information minister",
    "law minister", "finance minister", "health minister", "minister", "ministers", "advocate general",
    "chief justice",
})
ORIGIN_REACH = 60  # characters from an origin cue to the places it governs (a list continues by chaining)
# a distance from a landmark, on the normalised text before the place: "200km north-west of the capital",
# "some 300 kilometres north of the federal capital", "60 miles from"
_COMPASS = r"(?:(?:north|south)(?: ?(?:east|west))?|east|west)(?:wards?)?"
DISTANCE_LEAD = re.compile(
    r"\b\d+(?: \d+)? ?(?:km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile)"
    rf"(?: (?:away|or so))?(?: (?:{_COMPASS} of|(?:{_COMPASS} )?from))"
    r" (?:the )?(?:(?:federal|provincial) )?(?:capital (?:city )?(?:of )?)?$"
)
DISTANCE_CHARS = 90  # characters before a place that may hold its distance phrase
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
    "told", "tells", "telling",
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
_GROUP_ADJECTIVES = (r"(?:(?:banned|outlawed|proscribed|defunct|militant|terrorist|global|transnational"
                     r"|jihadi|jihadist|islamist|sectarian|main|parent) )*")
# the group another left or rejoined ("JuA split from the TTP"), and the one it fights beside
_LEFT_OR_REJOINED = (r"(?:(?:split|splintered|broke|broken|breaking|parted|separated|defected|walked out)"
                     r"(?: ways)?(?: away)? (?:from|with)|quit|left|rejoined|re-joined|joined hands with"
                     r"|merged (?:back )?(?:into|with))")
_WORKS_ALONGSIDE = (r"(?:(?:known|said|believed) to )?(?:work|works|working|operate|operates|operating"
                    r"|fighting|fights|fought) (?:in alliance with|alongside)")
DESCRIPTOR_TAIL = re.compile(
    r"(?:^| )(?:faction|offshoot|splinter|wing|branch|affiliate|ally|part|arm|front|group) of (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:allied|linked|affiliated|aligned|associated|close|loyal|tied|attached) (?:to|with) (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:breakaway|splinter|dissident)(?: faction| group)? (?:of|from) (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:" + _LEFT_OR_REJOINED + "|" + _WORKS_ALONGSIDE + r") (?:the )?" + _GROUP_ADJECTIVES + r"$|"
    r"(?:^| )(?:comprised|composed|made up|consisting) of (?:[a-z]+ )?(?:from|of) (?:the )?"
    + _GROUP_ADJECTIVES + r"$|"
    r"^(?:[a-z0-9]+ )?of (?:the )?$"  # "HGB (TTG) of the Pakistani Taliban"
)
DESCRIPTOR_WORDS = 7  # words between the acting group and the one that describes it
PREFIX_WORDS = ("affiliated ", "linked ", "allied ", "aligned ", "backed ", "inspired ", "sponsored ", "led ")
DESCRIPTOR_PREFIX = re.compile(  # "the al-Qaeda-affiliated LeJ", "TTP-linked JuA": the first group describes
    r"^ (?:affiliated|linked|allied|aligned|backed|inspired|sponsored|led) " + _GROUP_ADJECTIVES
    + r"(?:(?:group|outfit|organi[sz]ation|faction|network) )?$"
)
# "al-Qaeda-affiliated terrorist outfits have claimed ...": the group describes groups the text leaves
# unnamed. One such group ("a Hafiz Gul Bahadur-affiliated group claimed the attack") is the named
# group acting under another name, and tags it.
DESCRIPTOR_OF_UNNAMED = re.compile(
    r" (?:affiliated|linked|allied|aligned|backed|inspired|sponsored) " + _GROUP_ADJECTIVES
    + r"(?:groups|outfits|organi[sz]ations|factions|networks)\b"
)
UNLISTED_DESCRIPTOR = re.compile(  # on the raw text before a group, lower-cased
    r"(?:,\s*(?:a|an)\s+(?:[a-z]+\s+)?(?:breakaway|splinter|dissident|offshoot|off-shoot)"
    r"(?:\s+(?:faction|group|outfit|wing))?\s+(?:of|from)\s+"
    r"|(?:group|outfit|organi[sz]ation|faction|militia|network)s?,?\s+(?:[-\u2013\u2014]\s*)?"
    r"(?:(?:which|that)\s+(?:is|was|are|were|has been)\s+)?"
    r"(?:(?:also|reportedly|allegedly|said to be|believed to be)\s+)*"
    r"(?:affiliated|linked|allied|aligned|associated|tied|loyal)\s+(?:with|to)\s+(?:[a-z-]+\s+){0,4}?"
    r"|(?:group|outfit|organi[sz]ation|faction|militia|network)s?,?\s+(?:(?:which|that)\s+)?"
    r"(?:is\s+|are\s+|was\s+|were\s+)?" + _WORKS_ALONGSIDE + r"\s+(?:[a-z-]+\s+){0,3}?"
    r"|(?:who|which|it|they)\s+(?:had\s+|has\s+|have\s+)?(?:later\s+)?" + _LEFT_OR_REJOINED + r"\s+"
    r"|(?:^|[^a-z])(?:a|an|the)\s+(?:[a-z]+\s+)?(?:breakaway|splinter|dissident|offshoot|off-shoot)"
    r"(?:\s+(?:faction|group|outfit|wing))?\s+(?:of|from)\s+)"
    r"(?:the\s+)?" + _GROUP_ADJECTIVES.replace(" )", "\\s+)") + r"$"
)
UNLISTED_CUES = ("faction", "offshoot", "off-shoot", "splinter", "breakaway", "dissident", "wing",
                 "affiliate",
                 "linked", "allied", "aligned", "associated", "tied", "loyal", "alongside", "quit", "left",
                 "parted", "split", "broke", "defected", "joined", "merged")
UNLISTED_REACH = 90  # characters before a group that may hold the descriptor
ALLIANCE_TAIL = re.compile(  # "BRAS, an alliance of the BLA ...", "an umbrella group comprising BLF ..."
    # "BNA ... has been formed by a merger of the banned BRA and UBA": the groups it came from
    r"(?:^| )(?:merger|merging|amalgamation) (?:of|between)(?: the)?(?: [a-z0-9]+){0,3} $|"
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
                  "draw", "drew", "merg", "amalgamat")
ALLIANCE_SUBJECTS = (["alliance"], ["umbrella"], ["coalition"], ["grouping"], ["group"], ["outfit"])
ALLIANCE_REACH = 15  # words from the alliance's name to its first member
ALLIANCE_CHARS = 120  # ... in characters, for a cheap first test
LIST_OPENERS = ("--", "\u2014", "\u2013", ":")
LIST_JOINERS = frozenset({"and", "the", "as", "well", "or", "along", "with", "plus"})
QAEDA_AFFILIATE_AFTER = re.compile(
    r"(?:in|of) (?:the )?(?:iraq|yemen|syria|arabian peninsula|islamic maghreb|maghreb|mesopotamia|"
    r"levant|sahel|somalia|east africa)\b"
)
INCIDENT_LOCATIVE = frozenset({"in", "at", "near", "across", "on", "inside", "outside"})
PLACE_MODIFIERS = frozenset({  # words between a locative and the place it governs
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northwestern",
    "north-western", "northwest", "north-west", "southwestern", "south-western", "southwest", "south-west",
    "northeastern", "north-eastern", "southeastern", "south-eastern", "central", "restive", "remote",
    "volatile", "troubled", "neighbouring", "neighboring", "insurgency-hit", "militancy-hit", "mountainous",
    "tribal", "upper", "lower",
})
UNIT_NOUNS = frozenset({  # "in the Pakistani city of Lahore", "in the northwestern district of Bannu"
    "city", "town", "district", "province", "village", "region", "area", "valley", "tehsil", "cities",
    "towns", "districts", "provinces",
})
HALT_WORDS = frozenset({"stopped", "halted", "stranded", "held", "parked", "diverted", "suspended", "stuck"})
# a Pakistani name placed abroad: "Pishin county in the city of Sarbaz", "Pishin, a small town located in
# Sarbaz County", "Islamabad police station in Amritsar", "the Nowshera sector of Rajouri district"
NAMESAKE_LINK = re.compile(
    r" (?:(?:sector|area|town|village|locality) of (?:the )?|"  # "the Nowshera sector of Rajouri district"
    r"(?:(?:police station|police post|police chowki|county|town|village|area|locality|neighbourhood|"
    r"neighborhood|mohalla|colony|road|chowk|sector) )?"
    r"(?:(?:a|an|the) (?:[a-z]+ ){0,2}(?:town|village|city|county|area|locality|neighbourhood) )?"
    r"(?:(?:located|situated|lying) )?in (?:the (?:[a-z]+ )?(?:city|district|county|province|state) of )?)$"
)
NO_NAMESAKES = frozenset({"afghanistan"})  # areas across the border that share no names with ours
NAMESAKE_REACH = 60  # characters from the name to the foreign place that holds it
LOCAL_FACILITY = (" police station ", " police post ", " police chowki ", " thana ")
TEAM_PLACE_WORDS = frozenset({"in", "at", "near", "inside", "outside", "to", "from", "across", "around",
                              "visit", "visited", "reached", "left", "venue", "host", "hosted", "stadium",
                              "ground", "city", "اسٹیڈیم", "سٹیڈیم", "شہر"})
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
FULL_STOPS = ".!?\u06d4\u061f"  # with the Urdu full stop and question mark
SENTENCE_MARKS = frozenset(FULL_STOPS + ";,:\u061b\u060c")
SENTENCE_ENDS = frozenset(FULL_STOPS + ";,:\u061b\u060c\"'\u201d\u2019")
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
PAKISTANI_SIDE = ("pakistani side", "pakistan side", "pakistan s side")  # where a crossing story is told from
# Foreign terms that name a country, its people or a capital standing for its government: they do
# not show that a story is set across the border.
# the city's own name in each script (Sindh's Hyderabad and Telangana's are spelt alike: rule
# hyderabad_telangana); its localities (Latifabad, Qasimabad) are Sindh's alone
HYDERABAD_NAMES = frozenset(normalize_term(name) for name in (
    "hyderabad", "حیدرآباد", "حیدر آباد", "حيدر أباد", "حيدر اباد",
))
# the neighbours' names themselves: naming them does not set a story abroad ("Pakistan closed Torkham
# with Afghanistan"), in any script the taxonomy reads (the keys are normalised as names are)
NOT_A_SETTING = frozenset(normalize_term(name) for name in (
    "afghanistan", "afghan", "kabul", "iran", "iranian", "tehran", "new delhi", "delhi", "durand line",
    "افغانستان", "افغان", "کابل", "ایران", "ایرانی", "تہران", "نئی دہلی", "دہلی", "ڈیورنڈ لائن",  # Urdu
    "أفغانستان", "الأفغانية", "الأفغاني", "إيران", "الإيرانية", "الإيراني", "طهران", "نيودلهي",  # Arabic
    "अफ़ग़ानिस्तान", "अफगानिस्तान", "अफ़ग़ान", "अफगान", "काबुल", "ईरान", "ईरानी", "तेहरान", "नई दिल्ली",
    "दिल्ली", "अफगाणिस्तान", "इराण",  # Hindi and Marathi
))
QAEDA_CORE_CUES = re.compile(
    r" (?:zawahiri|bin laden|osama|saif al adel|global al qa[ei]da|al qa[ei]da core|core al qa[ei]da|"
    r"al qa[ei]da central|central al qa[ei]da) "
)
# al-Qaeda in the story of 2001: a year mark and an ouster word within QAEDA_HISTORY_CHARS of the name
HISTORY_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?|responsibility)\b", re.IGNORECASE)
HISTORY_REACH = 250  # characters each side of a group mention searched for its sentence's year
HISTORY_YEAR = re.compile(r"(?<![\w/-])(?:19[4-9]\d|20[0-4]\d)(?![\w/-])")
# a year right after these is a date of the story's own events, or reaches the present
HISTORY_YEAR_OPENER = re.compile(
    r"(?:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|since|\d{1,2}(?:st|nd|rd|th)?)\.?,?\s*)\Z",
    re.IGNORECASE)
QAEDA_HISTORY_YEAR = re.compile(r" (?:2001|9 11|sept 11|september 11) ")
QAEDA_HISTORY_WORDS = re.compile(
    r" (?:ousted|ouster|toppled|overthrown|overthrew|invasion|invaded|hand over|handing over|sheltering|"
    r"sheltered|harbouring|harboring|harboured|harbored) "
)
QAEDA_HISTORY_CHARS = 160
ISLAMIC_STATE_ABROAD = re.compile(  # theatres of the Islamic State outside Pakistan and Afghanistan
    r"\b(?:syria|syrian|iraq|iraqi|erbil|mosul|raqqa|levant|libya|sinai|nigeria|mozambique|sahel|"
    r"somalia|philippines)\b", re.IGNORECASE)
ISLAMIC_STATE_LONG_NAME = re.compile(r"\bof iraq and (?:the levant|syria|al[- ]?sham|sham)\b", re.IGNORECASE)
OUT_OF_REGION_QAEDA = re.compile(
    r" (?:aqap|aqim|arabian peninsula|islamic maghreb|yemen|yemeni|somalia|al shabaab|shabaab|sahel|mali|"
    r"nusra|syria|iraq) "
)

# a word: Latin letters and digits, or Urdu letters
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z]+)*|[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5]+")
IZAFAT = frozenset({"-e-", "-i-"})  # joins a name to the next word: "Bagh-e-Korangi" is not Bagh
# given names that, after a place name, make it part of a person's name ("Mir Ali Hassan Zehri")
GIVEN_NAMES = frozenset({
    "hassan", "hasan", "hussain", "husain", "khan", "muhammad", "mohammad", "ahmed", "ahmad", "shah", "jan",
    "raza", "akbar", "nawaz", "haider", "gul", "bakhsh", "baksh", "murad", "asghar", "abbas", "madad",
    "sher", "dost", "nasir", "zaman", "hyder", "mehmood", "mahmood",
})
FIRST_NAMES = frozenset({  # first names that stand right before a surname taken from a town ('Tariq Kachhi')
    "tariq", "imran", "asif", "zahid", "khalid", "javed", "javaid", "rashid", "nadeem", "naveed", "waseem",
    "saleem", "aslam", "akram", "arshad", "irfan", "kamran", "faisal", "usman", "umar", "bilal", "hamid",
    "sajid", "shahid", "zubair", "yasir", "fahad", "naeem", "qasim", "saeed",
})
LONG_NAME_OK = frozenset({  # capitalised words that may stand before a place name
    "in", "at", "near", "from", "to", "of", "the", "district", "tehsil", "city", "town", "lower", "upper",
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "restive",
    "remote", "neighbouring", "neighboring", "nearby", "police", "and", "or",
})
KASHMIR_UMBRELLA = frozenset({  # AJK names some outlets also use for Gilgit-Baltistan
    "pok", "pojk", "pak", "pakistan occupied kashmir", "pakistan occupied jammu and kashmir",
    "pakistan occupied jammu & kashmir", "pakistan administered kashmir",
    "pakistan administered jammu and kashmir", "pakistan administered jammu & kashmir",
})
INDIAN_KASHMIR_AMBIGUOUS = frozenset({
    "poonch", "kotli", "neelum", "bagh", "haveli", "mirpur",
})
MILITANT_CONTEXT = re.compile(
    r" (?:militants?|militancy|terrorists?|terrorism|terror|attacks?|attacked|attackers?|claimed|blast|bomb|"
    r"bombing|suicide|insurgents?|insurgency|banned|proscribed|outfits?|gunmen|killed|martyred|ambush(?:ed)?|"
    r"fighters|hideouts?|commanders?|kidnapped|abducted|grenade|ied|explosives?) "
)
