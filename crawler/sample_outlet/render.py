"""Builders of the fixture outlet: the bundled sample site, or a site serving given HTML pages.

URL layout (every site):

- ``/news/<yyyy>/<mm>/<slug>-<id>``   article pages (``/news/<n>/<slug>`` for pages given as bytes)
- ``/private/news/...``              an article robots.txt disallows (linked from listing and sitemap)
- ``/feeds/latest.xml``              RSS 2.0, newest first (private articles left out)
- ``/sitemap.xml``                   sitemap index -> ``/sitemaps/news.xml`` (Google News) and
                                      ``/sitemaps/archive.xml.gz`` (gzipped urlset)
- ``/latest/``, ``/latest/?page=N``  listing pages, 10 stories each, ``rel=next``/``rel=prev``
- ``/``, ``/pakistan/``, ``/world/``, ``/business/``, ``/sport/`` and the other nav targets
- ``/robots.txt``                    disallows ``/private/``
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from crawler.sample_outlet.articles import SampleArticle, load_sample_articles
from crawler.sample_outlet.generator import generate_articles
from crawler.sample_outlet.page import Entry, Outlet, Page
from crawler.sample_outlet.site import (
    ARCHIVE_SITEMAP_PATH,
    FEED_PATH,
    LISTING_PATH,
    NEWS_SITEMAP_PATH,
    ROBOTS_PATH,
    SITEMAP_INDEX_PATH,
    Site,
    listing_path,
)

ARTICLE_PATTERN = r"/news/\d{4}/\d{2}/"
PAGES_PATTERN = r"/news/\d+/"

__all__ = [
    "ARCHIVE_SITEMAP_PATH",
    "ARTICLE_PATTERN",
    "FEED_PATH",
    "LISTING_PATH",
    "NEWS_SITEMAP_PATH",
    "PAGES_PATTERN",
    "ROBOTS_PATH",
    "SITEMAP_INDEX_PATH",
    "Entry",
    "Outlet",
    "Page",
    "SampleArticle",
    "Site",
    "build_sample_site",
    "build_site_from_pages",
    "generate_articles",
    "listing_path",
    "load_sample_articles",
]


def build_sample_site(
    base_url: str,
    articles: Iterable[SampleArticle] | None = None,
    *,
    per_page: int = 10,
    feed_limit: int = 50,
) -> Site:
    """The outlet at `base_url` with `articles` (default: the bundled `articles.yaml`)."""
    site = Site(base_url, per_page=per_page, feed_limit=feed_limit)
    site.add_articles(load_sample_articles() if articles is None else articles)
    return site


def build_site_from_pages(
    base_url: str,
    pages: Sequence[bytes],
    *,
    titles: Sequence[str] | None = None,
    start: datetime | None = None,
    interval: timedelta = timedelta(minutes=30),
    per_page: int = 10,
    feed_limit: int = 50,
) -> Site:
    """An outlet serving `pages` (HTML bodies, gzipped ones are unpacked) as ``/news/<n>/<slug>``.

    Feed, sitemaps, listings and robots.txt are built as for the sample site; the pages are
    served byte for byte. The same body may be passed several times (each gets its own URL).
    Use ``site.add_pages(...)`` to publish more later.
    """
    site = Site(base_url, per_page=per_page, feed_limit=feed_limit)
    site.add_pages(pages, titles=titles, start=start, interval=interval)
    return site
