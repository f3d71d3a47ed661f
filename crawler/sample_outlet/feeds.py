"""Machine-readable parts of the outlet: RSS feed, sitemaps and robots.txt."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape

from crawler.sample_outlet.page import Entry, Outlet

_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def render_rss(outlet: Outlet, entries: Sequence[Entry], built: datetime) -> bytes:
    """RSS 2.0 feed with link, title, description, pubDate, guid, author and category per item."""
    items = "".join(
        "<item>"
        f"<title>{escape(e.title)}</title>"
        f"<link>{outlet.url(e.path)}</link>"
        f"<description>{escape(e.summary)}</description>"
        f"<pubDate>{format_datetime(e.published)}</pubDate>"
        f'<guid isPermaLink="true">{outlet.url(e.path)}</guid>'
        + (f"<dc:creator>{escape(e.author)}</dc:creator>" if e.author else "")
        + f"<category>{escape(e.section.title())}</category>"
        "</item>\n"
        for e in entries
    )
    xml = (
        f'{_XML}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{escape(outlet.name)} - Latest</title>\n"
        f"<link>{outlet.url('/')}</link>\n"
        f"<description>Latest news from {escape(outlet.name)}</description>\n"
        "<language>en</language>\n"
        f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>\n"
        f'<atom:link href="{outlet.url("/feeds/latest.xml")}" rel="self" type="application/rss+xml"/>\n'
        f"{items}</channel>\n</rss>\n"
    )
    return xml.encode("utf-8")


def render_sitemap_index(outlet: Outlet, paths: Sequence[str], lastmod: datetime) -> bytes:
    """Sitemap index pointing at `paths`."""
    maps = "".join(
        f"<sitemap><loc>{outlet.url(p)}</loc><lastmod>{lastmod.isoformat()}</lastmod></sitemap>\n"
        for p in paths
    )
    return f'{_XML}<sitemapindex xmlns="{SITEMAP_NS}">\n{maps}</sitemapindex>\n'.encode()


def render_news_sitemap(outlet: Outlet, entries: Sequence[Entry]) -> bytes:
    """Google News sitemap (``news:publication_date``, ``news:title``)."""
    urls = "".join(
        f"<url><loc>{outlet.url(e.path)}</loc><news:news><news:publication>"
        f"<news:name>{escape(outlet.name)}</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{e.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(e.title)}</news:title></news:news></url>\n"
        for e in entries
    )
    xml = f'{_XML}<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n{urls}</urlset>\n'
    return xml.encode("utf-8")


def render_archive_sitemap(outlet: Outlet, entries: Sequence[Entry]) -> bytes:
    """Plain urlset with ``lastmod``, gzipped (deterministic bytes)."""
    urls = "".join(
        f"<url><loc>{outlet.url(e.path)}</loc><lastmod>{e.published.isoformat()}</lastmod></url>\n"
        for e in entries
    )
    xml = f'{_XML}<urlset xmlns="{SITEMAP_NS}">\n{urls}</urlset>\n'
    return gzip.compress(xml.encode("utf-8"), mtime=0)


def render_robots(outlet: Outlet) -> bytes:
    """robots.txt: everything but ``/private/`` (and the search and comment endpoints)."""
    text = (
        "# robots.txt for the newsmon fixture outlet\n"
        "User-agent: *\n"
        "Disallow: /private/\n"
        "Disallow: /search/\n"
        "Disallow: /comments/\n"
        "Allow: /\n\n"
        f"Sitemap: {outlet.url('/sitemap.xml')}\n"
    )
    return text.encode("ascii")
