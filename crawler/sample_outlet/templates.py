"""HTML of the fixture outlet: article pages with realistic boilerplate, listings, section pages."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from html import escape

from crawler.sample_outlet.articles import SampleArticle, slugify
from crawler.sample_outlet.page import Entry, Outlet

NAV: tuple[tuple[str, str], ...] = (
    ("Home", "/"),
    ("Latest", "/latest/"),
    ("Pakistan", "/pakistan/"),
    ("Khyber Pakhtunkhwa", "/pakistan/khyber-pakhtunkhwa/"),
    ("Balochistan", "/pakistan/balochistan/"),
    ("Sindh", "/pakistan/sindh/"),
    ("Punjab", "/pakistan/punjab/"),
    ("Islamabad", "/pakistan/islamabad/"),
    ("Gilgit-Baltistan", "/pakistan/gilgit-baltistan/"),
    ("Azad Kashmir", "/pakistan/azad-kashmir/"),
    ("World", "/world/"),
    ("Business", "/business/"),
    ("Sport", "/sport/"),
    ("Opinion", "/opinion/"),
    ("Editorial", "/opinion/editorial/"),
    ("Videos", "/multimedia/videos/"),
    ("Podcasts", "/multimedia/podcasts/"),
    ("E-Paper", "/epaper/"),
    ("Archive", "/archive/"),
)
FOOTER: tuple[tuple[str, str], ...] = (
    ("About us", "/about/"),
    ("Contact", "/contact/"),
    ("Advertise", "/advertise/"),
    ("Careers", "/careers/"),
    ("Code of ethics", "/code-of-ethics/"),
    ("Corrections", "/corrections/"),
    ("Privacy policy", "/privacy/"),
    ("Terms of use", "/terms/"),
    ("Newsletters", "/newsletters/"),
    ("RSS feeds", "/feeds/"),
    ("Site map", "/site-map/"),
)
SECTIONS: dict[str, str] = {
    "pakistan": "Pakistan",
    "world": "World",
    "business": "Business",
    "sport": "Sport",
}
_SOCIAL = (
    ("Facebook", "https://www.facebook.com/indussentinel"),
    ("X", "https://x.com/indussentinel"),
    ("YouTube", "https://www.youtube.com/@indussentinel"),
    ("Instagram", "https://www.instagram.com/indussentinel"),
    ("WhatsApp channel", "https://whatsapp.com/channel/indussentinel"),
)
_COMMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "pakistan": (
        (
            "Farhan K.",
            "May the martyrs rest in peace. Our police need better equipment, not just condolences.",
        ),
        ("Sadia", "Every week the same news. When will the people of these districts get lasting peace?"),
        (
            "Umar Farooq",
            "Salute to the men who stood their ground. The government must look after their families.",
        ),
        (
            "Zarmina",
            "Schools and markets stay closed for days after each incident. Nobody reports that part.",
        ),
        (
            "Arif from Karachi",
            "Intelligence sharing between provinces has to improve. Too many warnings are ignored.",
        ),
        ("Bilal", "Thank you for the detailed reporting. Please follow up on the compensation promises."),
    ),
    "business": (
        ("Kamran", "Rates are still too high for small manufacturers. Exports cannot compete like this."),
        ("Hina", "Savers are happy, borrowers are not. The budget will decide where inflation goes."),
        ("Naveed A.", "Reserves look better but most of it is borrowed. Structural reform is still missing."),
    ),
    "sport": (
        ("Qalandar fan", "What a night at Gaddafi! Raza finishing it off was the perfect ending."),
        ("Hamza", "Quetta deserved better after topping the table. Death bowling let them down again."),
        ("Ali R.", "Best final in years. PCB should schedule more matches outside the big cities."),
    ),
    "world": (
        ("Observer", "Big announcements, but without roads and power these mines will stay on paper."),
        ("Yasir", "Regional trade benefits everyone if the border crossings stay open."),
        ("Nida", "Investors will wait for banking channels to reopen before committing real money."),
    ),
}


def _nav() -> str:
    links = "".join(f'<li><a href="{path}">{escape(label)}</a></li>' for label, path in NAV)
    return f'<nav class="main-nav" aria-label="Sections"><ul>{links}</ul></nav>'


def _header(outlet: Outlet) -> str:
    return (
        '<header class="site-header">'
        '<div class="top-bar"><span class="date-line">Pakistan edition</span>'
        '<a href="/epaper/">Today\'s paper</a> <a href="/newsletters/">Newsletters</a>'
        ' <a href="/login/">Sign in</a></div>'
        f'<a class="logo" href="/"><img src="/static/logo.svg" alt="{escape(outlet.name)}"></a>'
        '<form class="search" action="/search/" method="get"><input type="search" name="q"'
        ' placeholder="Search"><button type="submit">Search</button></form>'
        f"{_nav()}</header>"
    )


def _footer(outlet: Outlet) -> str:
    links = "".join(f'<li><a href="{path}">{escape(label)}</a></li>' for label, path in FOOTER)
    sections = "".join(f'<li><a href="{path}">{escape(label)}</a></li>' for label, path in NAV[2:12])
    social = "".join(f'<li><a href="{url}" rel="noopener">{escape(label)}</a></li>' for label, url in _SOCIAL)
    return (
        '<footer class="site-footer">'
        f'<div class="footer-sections"><h4>Sections</h4><ul>{sections}</ul></div>'
        f'<div class="footer-links"><h4>{escape(outlet.name)}</h4><ul>{links}</ul></div>'
        f'<div class="footer-social"><h4>Follow us</h4><ul>{social}</ul></div>'
        f'<p class="copyright">Copyright © 2025 {escape(outlet.name)}. All rights reserved.'
        " Reproduction without permission is prohibited.</p></footer>"
    )


def _document(outlet: Outlet, title: str, head: str, main: str) -> bytes:
    feed = outlet.url("/feeds/latest.xml")
    html = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - {escape(outlet.name)}</title>\n"
        f'<link rel="alternate" type="application/rss+xml" title="{escape(outlet.name)}" href="{feed}">\n'
        '<link rel="stylesheet" href="/static/site.css">\n'
        f"{head}</head>\n<body>\n{_header(outlet)}\n{main}\n{_footer(outlet)}\n"
        '<script src="/static/site.js" defer></script>\n</body>\n</html>\n'
    )
    return html.encode("utf-8")


def _display_time(entry_or_article: Entry | SampleArticle) -> str:
    stamp = entry_or_article.published
    return f"{stamp:%B} {stamp.day}, {stamp:%Y} {stamp:%I:%M%p}".replace("AM", "am").replace("PM", "pm")


def _story_item(entry: Entry, with_summary: bool = True) -> str:
    section = SECTIONS.get(entry.section, entry.section.title())
    summary = f'<p class="excerpt">{escape(entry.summary)}</p>' if with_summary and entry.summary else ""
    return (
        '<li class="story-item"><article>'
        f'<a class="section-label" href="/{entry.section}/">{escape(section)}</a>'
        f'<h2 class="story-item__title"><a href="{entry.path}">{escape(entry.title)}</a></h2>'
        f'<time datetime="{entry.published.isoformat()}">{_display_time(entry)}</time>'
        f"{summary}</article></li>"
    )


def summary_of(article: SampleArticle) -> str:
    """The teaser used in feeds and listings: the lead paragraph without its dateline."""
    lead = article.paragraphs[0]
    head, sep, rest = lead.partition(": ")
    return rest if sep and head.isupper() else lead


def render_article(article: SampleArticle, outlet: Outlet, related: Sequence[Entry]) -> bytes:
    """The article page, with navigation, share buttons, related links and reader comments."""
    url = outlet.url(article.path)
    published = article.published.isoformat()
    section = SECTIONS.get(article.section, article.section.title())
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": published,
        "dateModified": published,
        "author": {"@type": "Person", "name": article.author},
        "publisher": {"@type": "Organization", "name": outlet.name},
        "mainEntityOfPage": url,
        "articleSection": section,
    }
    head = (
        f'<meta name="description" content="{escape(summary_of(article))}">\n'
        f'<meta name="author" content="{escape(article.author)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{escape(outlet.name)}">\n'
        f'<meta property="og:title" content="{escape(article.title)}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:description" content="{escape(summary_of(article))}">\n'
        f'<meta property="article:published_time" content="{published}">\n'
        f'<meta property="article:section" content="{escape(section)}">\n'
        f'<link rel="canonical" href="{url}">\n'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'
    )
    if article.private:
        head += '<meta name="robots" content="noindex">\n'
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    author = escape(article.author)
    share = "".join(
        f'<a class="share share--{name.lower()}" href="{target}{url}" rel="nofollow noopener">{name}</a>'
        for name, target in (
            ("Facebook", "https://www.facebook.com/sharer/sharer.php?u="),
            ("X", "https://x.com/intent/tweet?url="),
            ("WhatsApp", "https://api.whatsapp.com/send?text="),
            ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url="),
            ("Email", "mailto:?subject=Shared%20story&body="),
        )
    )
    tags = "".join(
        f'<a href="/tags/{slugify(word)}/">{escape(word)}</a>'
        for word in (section, article.paragraphs[0].split(":")[0].title())
        + (("Security",) if article.section == "pakistan" else ())
    )
    most_read = "".join(_story_item(e, with_summary=False) for e in related)
    main = (
        '<main class="content">'
        '<nav class="breadcrumb"><a href="/">Home</a> › '
        f'<a href="/{article.section}/">{escape(section)}</a></nav>'
        '<article class="story">'
        f'<h1 class="story__title">{escape(article.title)}</h1>'
        f'<div class="story__byline"><span class="author">By <a href="/authors/{slugify(article.author)}/"'
        f' rel="author">{author}</a></span> <span class="timestamp">Published'
        f' <time datetime="{published}">{_display_time(article)}</time></span></div>'
        f'<div class="share-buttons top" aria-label="Share">{share}</div>'
        f'<div class="story__content">\n{body}\n</div>'
        f'<div class="story__tags">Tags: {tags}</div>'
        f'<div class="share-buttons bottom" aria-label="Share">{share}</div>'
        "</article>"
        '<aside class="sidebar"><section class="most-read"><h3>Most read</h3>'
        f'<ol class="story-list">{most_read}</ol></section>'
        '<section class="newsletter-box"><h3>Get the morning briefing</h3><p>The day\'s top stories in your'
        ' inbox before 7am.</p><a class="button" href="/newsletters/">Subscribe</a></section></aside>'
        f"{_comments(article)}"
        "</main>"
    )
    return _document(outlet, article.title, head, main)


def _comments(article: SampleArticle) -> str:
    pool = _COMMENTS.get(article.section, _COMMENTS["pakistan"])
    seed = zlib.crc32(article.id.encode())
    count = 2 + seed % 2
    picked = [pool[(seed + i * 2) % len(pool)] for i in range(count)]
    items = "".join(
        f'<li class="comment"><div class="comment__author">{escape(name)}</div>'
        f'<div class="comment__meta">{i + 1}h ago</div><p class="comment__text">{escape(text)}</p>'
        '<a class="comment__reply" href="#comment-form">Reply</a></li>'
        for i, (name, text) in enumerate(picked)
    )
    return (
        f'<section id="comments" class="comments"><h3>Comments ({count})</h3>'
        '<p class="comments__policy">Comments are moderated and generally will be posted if they are on-topic'
        " and not abusive.</p>"
        f'<ol class="comment-list">{items}</ol>'
        '<form id="comment-form" class="comment-form" action="/comments/" method="post">'
        '<textarea name="comment" placeholder="Your comment"></textarea>'
        '<button type="submit">Post comment</button></form></section>'
    )


def render_listing(
    outlet: Outlet,
    title: str,
    entries: Sequence[Entry],
    *,
    prev_url: str | None = None,
    next_url: str | None = None,
    canonical: str | None = None,
) -> bytes:
    """A listing page: story links plus optional ``rel=prev/next`` pagination (links and head)."""
    head = f'<meta property="og:title" content="{escape(title)}">\n'
    if canonical:
        head += f'<link rel="canonical" href="{outlet.url(canonical)}">\n'
    pager = ""
    if prev_url:
        head += f'<link rel="prev" href="{outlet.url(prev_url)}">\n'
        pager += f'<a rel="prev" class="pager__prev" href="{prev_url}">« Newer stories</a>'
    if next_url:
        head += f'<link rel="next" href="{outlet.url(next_url)}">\n'
        pager += f'<a rel="next" class="pager__next" href="{next_url}">Older stories »</a>'
    items = "".join(_story_item(e) for e in entries)
    section_links = "".join(f'<a href="{path}">{escape(label)}</a>' for label, path in NAV[2:12])
    main = (
        '<main class="content listing">'
        f'<h1 class="listing__title">{escape(title)}</h1>'
        f'<div class="section-tabs">{section_links}</div>'
        f'<ul class="story-list">{items}</ul>'
        f'<nav class="pager" aria-label="Pages">{pager}</nav>'
        "</main>"
    )
    return _document(outlet, title, head, main)


def render_static(outlet: Outlet, title: str, text: str) -> bytes:
    """A boilerplate page (about, contact, ...) with no stories."""
    main = f'<main class="content static"><h1>{escape(title)}</h1><p>{escape(text)}</p></main>'
    return _document(outlet, title, "", main)
