"""Report texts written for these tests (not copied from any outlet).

``ANNUAL`` and ``QUARTERLY`` are two different reports by the same (fictional) think tank on the
same subject, with different figures and one shared background paragraph: they must stay two
stories. ``CLASH`` is an unrelated report.
"""

from __future__ import annotations

import random

INSTITUTE = (
    "The Institute for Conflict and Security Analysis, an Islamabad-based research group founded in "
    "2009, compiles its figures from police records, hospital registers and reports in the national "
    "and regional press, and says it cross-checks each incident with at least two sources."
)

_ANNUAL = (
    "Militant violence in Pakistan killed 1,412 people in 2025, the highest annual toll in nine years, "
    "according to a report released on Tuesday by the Institute for Conflict and Security Analysis.",
    "The report said security personnel made up 571 of the dead, while 498 were civilians and 343 were "
    "militants killed in attacks or during counter-terrorism operations across the country.",
    "Khyber Pakhtunkhwa accounted for 63 percent of all fatalities, with the districts of Bannu, Lakki "
    "Marwat and North Waziristan recording the largest number of attacks on police stations and checkposts.",
    "Balochistan, where separatist groups stepped up attacks on highways and railway lines, accounted for "
    "27 percent of the deaths, the report said, with Kech and Kalat among the worst affected districts.",
    INSTITUTE,
    "The authors warned that the number of suicide attacks had doubled to 34 during the year and urged "
    "the federal and provincial governments to agree on a joint strategy before the summer.",
)
ANNUAL = "\n".join(_ANNUAL)

_QUARTERLY = (
    "Fatalities from militant attacks and security operations in Pakistan fell by nine percent in the "
    "third quarter of 2025, the Institute for Conflict and Security Analysis said in a report on Friday.",
    "The quarterly review recorded 386 deaths between July and September, compared with 424 in the "
    "previous three months, and counted 211 incidents of violence, down from 236.",
    "Civilians made up 139 of those killed, while 118 were members of the police and armed forces and "
    "129 were suspected militants, the institute said, adding that 302 people had been injured.",
    "Sindh saw a rise in targeted killings in Karachi, with 41 deaths in the city compared with 26 in the "
    "second quarter, while Punjab remained comparatively calm with 17 fatalities in the period.",
    INSTITUTE,
    "The report credited intelligence-based operations in the merged districts for the decline but said "
    "that extortion and kidnapping for ransom remained a serious concern for traders in the province.",
)
QUARTERLY = "\n".join(_QUARTERLY)

_CLASH = (
    "Security forces said on Wednesday that they had killed four militants in an overnight raid on a "
    "hideout in the Tirah valley of Khyber district, after a firefight that lasted several hours.",
    "A statement from the military's media wing said weapons, ammunition and explosives were recovered "
    "from the hideout and that a soldier was wounded in the exchange of fire.",
    "Local elders said residents of two nearby villages had been asked to stay indoors while the operation "
    "continued, and that mobile phone service in the valley had been suspended since the evening.",
    "The provincial police chief said the group had been involved in attacks on checkposts in the area and "
    "in the kidnapping of a government schoolteacher earlier this month.",
)
CLASH = "\n".join(_CLASH)

_WORDS = (
    "police",
    "district",
    "officials",
    "said",
    "market",
    "road",
    "council",
    "provincial",
    "report",
    "village",
    "checkpost",
    "tuesday",
    "residents",
    "minister",
    "budget",
    "water",
    "school",
    "court",
    "hearing",
    "traders",
    "convoy",
    "bridge",
    "election",
    "hospital",
    "protest",
    "governor",
    "highway",
    "wheat",
    "flood",
    "power",
)


def synthetic_report(seed: int, paragraphs: int = 5, words: int = 60) -> str:
    """A random but reproducible report text; different seeds give unrelated texts."""
    rng = random.Random(seed)
    return "\n".join(
        " ".join(
            rng.choice(_WORDS) + (str(rng.randrange(100)) if rng.random() < 0.3 else "") for _ in range(words)
        )
        for _ in range(paragraphs)
    )
