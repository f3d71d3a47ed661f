"""Small hand-written HTML pages for extraction tests (text written for newsmon, not copied)."""

from __future__ import annotations

PARAGRAPHS = (
    "Security forces said on Tuesday that they had cleared a compound on the outskirts of Bannu after "
    "an exchange of fire that lasted most of the night, according to a statement from the district police.",
    "Officials said two suspects were arrested and a quantity of explosives was recovered from a vehicle "
    "parked near the compound. Residents described hearing gunfire from about midnight until dawn.",
    "The provincial government announced compensation for families whose homes were damaged, and said "
    "that schools in the area would stay closed until the deputy commissioner reviewed the situation.",
    "Traders in the main bazaar reopened their shops by the afternoon, although checkpoints remained on "
    "the roads leading to the cantonment and travellers reported long queues at the entry points.",
    "Analysts in Peshawar said the operation followed weeks of rising tension in the district, where "
    "police stations have repeatedly come under attack since the beginning of the year.",
)
NAV_LINKS = ("Home", "Pakistan", "World", "Business", "Sport", "Opinion", "Weather")
FOOTER_TEXT = "Copyright 2025 The Frontier Ledger. All rights reserved. Terms of use and privacy policy."
COMMENT_TEXT = "Reader comment: this is a terrible development and someone should resign immediately today."


def article_page(*, title: str = "Security forces clear compound near Bannu after overnight clash") -> str:
    """A complete article page with metadata, navigation, related links, comments and a footer."""
    nav = "".join(f'<li><a href="/{name.lower()}">{name}</a></li>' for name in NAV_LINKS)
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en-PK">
<head>
<meta charset="utf-8">
<title>{title} | The Frontier Ledger</title>
<meta name="description" content="Two suspects arrested and explosives recovered, police say.">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Frontier Ledger">
<meta property="og:type" content="article">
<meta name="author" content="Ayesha Khan">
<meta property="article:published_time" content="2025-03-04T09:30:00+05:00">
<link rel="canonical" href="/pakistan/2025/03/04/bannu-compound-cleared">
</head>
<body>
<header><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By Ayesha Khan</p>
{body}
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/pakistan/a">Police station attacked in Lakki Marwat district overnight</a></li>
<li><a href="/pakistan/b">Curfew lifted in parts of North Waziristan after talks</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>{COMMENT_TEXT}</p></div>
</section>
</main>
<footer><p>{FOOTER_TEXT}</p></footer>
</body>
</html>"""


BLURBS = (
    "Police said patrols would continue in the district.",
    "Traders asked the administration to reopen the main road.",
    "The deputy commissioner chaired a meeting on school safety.",
    "Residents reported long queues at the checkpoints.",
)


def listing_page(links: int = 40) -> str:
    """A section front: many teaser headlines linking to articles, one short blurb each."""
    places = ("Quetta", "Bannu", "Karachi", "Lahore", "Peshawar", "Turbat", "Gwadar", "Swat")
    teasers = "".join(
        f'<article class="teaser"><h2><a href="/pakistan/story-{i}">Officials review security arrangements '
        f"in {places[i % len(places)]} ahead of week {i}</a></h2>"
        f"<p>{BLURBS[i % len(BLURBS)]} Updated {i + 1} hours ago.</p></article>"
        for i in range(links)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pakistan | The Frontier Ledger</title>
<meta property="og:type" content="website"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><h1>Pakistan</h1>{teasers}</main>
<footer><p>{FOOTER_TEXT}</p></footer></body></html>"""
