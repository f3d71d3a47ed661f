"""`generate_articles`: any number of further short reports, distinct from each other.

Each report is put together from ten paragraph slots with five phrasings each, chosen by a hash
of the article number, and filled with its own place, force, figures and names. Meant for "new
articles appear" and volume tests, not as a tagging gold standard.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

from crawler.sample_outlet.articles import PKT, SampleArticle, slugify

_PLACES: tuple[tuple[str, str, str, str], ...] = (
    # (town, district, province, group named in the claim)
    ("Lakki Marwat", "Lakki Marwat", "Khyber Pakhtunkhwa", "Tehreek-i-Taliban Pakistan (TTP)"),
    ("Tank", "Tank", "Khyber Pakhtunkhwa", "Tehreek-i-Taliban Pakistan (TTP)"),
    ("Miranshah", "North Waziristan", "Khyber Pakhtunkhwa", "Hafiz Gul Bahadur group"),
    ("Wana", "South Waziristan", "Khyber Pakhtunkhwa", "Tehreek-i-Taliban Pakistan (TTP)"),
    ("Khar", "Bajaur", "Khyber Pakhtunkhwa", "Islamic State Khorasan Province (ISKP)"),
    ("Parachinar", "Kurram", "Khyber Pakhtunkhwa", "Tehreek-i-Taliban Pakistan (TTP)"),
    ("Panjgur", "Panjgur", "Balochistan", "Balochistan Liberation Front (BLF)"),
    ("Mastung", "Mastung", "Balochistan", "Balochistan Liberation Army (BLA)"),
    ("Kalat", "Kalat", "Balochistan", "Balochistan Liberation Army (BLA)"),
    ("Zhob", "Zhob", "Balochistan", "Tehreek-i-Taliban Pakistan (TTP)"),
    ("Khuzdar", "Khuzdar", "Balochistan", "Balochistan Liberation Army (BLA)"),
    ("Kashmore", "Kashmore", "Sindh", "Sindhudesh Revolutionary Army (SRA)"),
    ("Chaman", "Killa Abdullah", "Balochistan", "Tehreek-i-Taliban Pakistan (TTP)"),
)
_FORCES = ("police", "Frontier Corps", "Levies", "Counter-Terrorism Department", "army")
_TARGETS = ("checkpost", "patrol vehicle", "police station", "convoy", "picket")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight")
_NAMES = (
    "Abdul Qadir",
    "Fazal Rabi",
    "Noor Muhammad",
    "Shah Faisal",
    "Amjad Ali",
    "Zafar Iqbal",
    "Rahim Dad",
    "Gul Zaman",
    "Haider Khan",
    "Khalil Ahmed",
    "Wazir Gul",
    "Saifullah",
    "Asghar Baloch",
    "Nasir Mehmood",
    "Javed Akhtar",
    "Qaiser Abbas",
    "Ikramullah",
    "Mir Hassan",
    "Dilawar Shah",
    "Ehsanullah",
)
_SLOTS: tuple[tuple[str, ...], ...] = (
    (
        "{town_uc}: {killed_cap} {force} personnel were martyred and {injured} injured when militants"
        " attacked a {target} in {district} district on {day}, officials said.",
        "{town_uc}: Militants killed {killed} {force} personnel and wounded {injured} others in an attack on"
        " a {target} in the outskirts of {town} on {day} night, according to officials.",
        "{town_uc}: An assault on a {force} {target} near {town} left {killed} personnel dead and {injured}"
        " injured on {day}, the latest in a string of attacks on security forces in {district}.",
        "{town_uc}: {killed_cap} personnel of the {force} lost their lives on {day} after gunmen stormed a"
        " {target} close to {town}; {injured} more were hurt, a district official confirmed.",
        "{town_uc}: Gunmen ambushed a {force} {target} outside {town} on {day}, martyring {killed} personnel"
        " and wounding {injured}, officials in {district} said.",
    ),
    (
        "The attackers opened fire from several directions before dawn and the exchange went on for about"
        " {hours} hours, a senior official said, adding that reinforcements were rushed in.",
        "About {attackers} gunmen armed with rifles and grenades took part in the raid and slipped into"
        " nearby fields when more personnel arrived {hours} hours later, initial reports said.",
        "Residents reported heavy gunfire for nearly {hours} hours; officials put the number of assailants at"
        " {attackers}, saying they came on foot in the dark and pulled back after meeting resistance.",
        "A quadcopter was seen over the {target} shortly before the firing began, an official said, and the"
        " {attackers} attackers kept up the assault for roughly {hours} hours.",
        "The {target} had been reinforced only last month, yet the {attackers} raiders managed to reach its"
        " outer wall before being pushed back after a {hours}-hour gun battle.",
    ),
    (
        "The martyred were identified as {name1} and {name2}.",
        "Officials named two of the dead as {name1} and {name2}, both serving in {district}.",
        "Among those martyred were {name1}, who had joined the force eight years ago, and {name2}.",
        "{name1} and {name2} were among the personnel who lost their lives, a list released by officials"
        " showed.",
        "Relatives of {name1} and {name2} gathered at the hospital as news of the attack spread.",
    ),
    (
        "The injured were taken to the district headquarters hospital in {town}, where an emergency was"
        " declared and off-duty doctors were summoned.",
        "Rescue workers shifted the wounded to hospital in {town}; two were later referred onwards because of"
        " the seriousness of their injuries.",
        "Hospital sources said most of the wounded were stable, though one underwent surgery for a gunshot"
        " wound to the chest.",
        "A doctor at the {town} hospital said blood donors had been called in as the injured arrived in"
        " private vehicles and ambulances.",
        "The wounded were airlifted to a military hospital, officials said, adding that one of them remained"
        " in intensive care.",
    ),
    (
        "The {group} claimed responsibility in a message to reporters.",
        "Officials blamed the {group}, which has claimed a series of similar attacks in the region.",
        "A statement attributed to the {group} claimed the attack, though its authenticity could not be"
        " verified.",
        "There was no immediate claim, but investigators said the method pointed to the {group}.",
        "Security officials said the {group} was behind the raid, citing intercepted communications.",
    ),
    (
        "The {province} home department condemned the attack and ordered an inquiry into the arrangements at"
        " the {target}.",
        "The provincial government announced compensation for the families of the martyred personnel and said"
        " the attackers would be traced.",
        "Senior officials visited the site and directed that security at every {target} in {district} be"
        " reviewed.",
        "The chief minister of {province} sought a report from the police chief and called the attack"
        " cowardly.",
        "Opposition lawmakers in the {province} assembly demanded a debate on the security situation in"
        " {district}.",
    ),
    (
        "A search operation was launched and the roads leading out of {town} were sealed, officials said.",
        "Security forces cordoned off the area and began searching houses in nearby villages; mobile internet"
        " was suspended in parts of {district}.",
        "Markets in {town} stayed shut for the rest of the day and traffic on the main road remained"
        " suspended until evening.",
        "Checkpoints were set up on all entry points to {town} and motorcyclists were being stopped and"
        " searched.",
        "Police said {suspects} suspects had been detained in raids overnight and were being questioned.",
    ),
    (
        "{district} has seen a rise in militant violence in {year}, with {incidents} incidents of terrorism"
        " recorded since January.",
        "Local elders said repeated attacks had hurt trade and schooling in {district}, where {incidents}"
        " violent incidents have been reported this year.",
        "Police data shows {incidents} attacks on law enforcers in {district} since the start of {year}, most"
        " of them at night.",
        "The district has lost {incidents} personnel to militant attacks over the past three years, according"
        " to figures shared by the police.",
        "Officials said {incidents} intelligence-based operations had been carried out in {district} this"
        " year, yet attacks on posts continued.",
    ),
    (
        '"We heard the firing and stayed inside all night," said {name3}, a shopkeeper in {town}.',
        '"Our children cannot go to school when this happens," {name3}, a resident of {town}, said.',
        '"The post is only a few hundred metres from our homes," said {name3}, who lives near the {target}.',
        '"Every few weeks there is another attack and another funeral," said {name3}, a teacher from {town}.',
        '"We want peace and nothing else," said {name3}, a tribal elder from {district}.',
    ),
    (
        "Funeral prayers were offered at the police lines in {town} on {day} evening.",
        "The bodies were sent to the personnel's native villages after funeral prayers in {town}.",
        "A guard of honour was presented at the funeral, attended by senior officers and relatives.",
        "The martyred were laid to rest in their ancestral graveyards with official honours.",
        "Funeral prayers were led by the district khateeb and attended by hundreds of residents of {town}.",
    ),
)


def _choose(n: int, slot: int, size: int) -> int:
    return zlib.crc32(f"{n}:{slot}".encode()) % size


def generate_articles(
    count: int, *, start: datetime | None = None, first_id: int = 2_000_001, interval_minutes: int = 37
) -> list[SampleArticle]:
    """`count` reports, each published `interval_minutes` after the one before, from `start`.

    Deterministic. `start` defaults to 2025-06-20 08:00 +05:00, after every bundled article;
    ids run from `first_id`.
    """
    begin = start or datetime(2025, 6, 20, 8, 0, tzinfo=PKT)
    out: list[SampleArticle] = []
    for n in range(count):
        town, district, province, group = _PLACES[n % len(_PLACES)]
        published = begin + timedelta(minutes=interval_minutes * n)
        killed = _NUMBERS[_choose(n, 90, 4)]
        killed_cap = killed.capitalize()
        values = {
            "town": town,
            "town_uc": town.upper(),
            "district": district,
            "province": province,
            "group": group,
            "force": _FORCES[_choose(n, 91, len(_FORCES))],
            "target": _TARGETS[_choose(n, 92, len(_TARGETS))],
            "killed": killed,
            "killed_cap": killed_cap,
            "injured": _NUMBERS[_choose(n, 93, len(_NUMBERS))],
            "day": _WEEKDAYS[published.weekday()],
            "hours": _NUMBERS[_choose(n, 94, 3)],
            "attackers": 6 + _choose(n, 95, 14),
            "suspects": 3 + _choose(n, 96, 12),
            "incidents": 17 + _choose(n, 97, 90),
            "year": published.year,
            "name1": _NAMES[n % len(_NAMES)],
            "name2": _NAMES[(n * 7 + 3) % len(_NAMES)],
            "name3": _NAMES[(n * 3 + 11) % len(_NAMES)],
        }
        paragraphs = tuple(slot[_choose(n, i, len(slot))].format(**values) for i, slot in enumerate(_SLOTS))
        title = (
            f"{killed_cap} {values['force']} personnel martyred in attack on {values['target']} near {town}"
        )
        out.append(
            SampleArticle(
                id=str(first_id + n),
                slug=slugify(title),
                title=title,
                section="pakistan",
                author="Correspondent",
                published=published,
                paragraphs=paragraphs,
                role="generated",
            )
        )
    return out
