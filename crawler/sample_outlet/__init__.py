"""A fixture news outlet served over real HTTP on 127.0.0.1 (demo, tests, benchmarks).

    with OutletServer(lambda base_url: build_sample_site(base_url)) as server:
        ...  # crawl server.base_url; inspect server.requests

See `render` for the URL layout and `articles.yaml` for the articles.
"""

from __future__ import annotations

from crawler.sample_outlet.articles import SampleArticle, load_sample_articles
from crawler.sample_outlet.generator import generate_articles
from crawler.sample_outlet.page import Entry, Page
from crawler.sample_outlet.render import (
    ARTICLE_PATTERN,
    FEED_PATH,
    LISTING_PATH,
    NEWS_SITEMAP_PATH,
    PAGES_PATTERN,
    ROBOTS_PATH,
    SITEMAP_INDEX_PATH,
    build_sample_site,
    build_site_from_pages,
    listing_path,
)
from crawler.sample_outlet.server import OutletServer, RequestLog, RequestRecord
from crawler.sample_outlet.site import Site

__all__ = [
    "ARTICLE_PATTERN",
    "FEED_PATH",
    "LISTING_PATH",
    "NEWS_SITEMAP_PATH",
    "PAGES_PATTERN",
    "ROBOTS_PATH",
    "SITEMAP_INDEX_PATH",
    "Entry",
    "OutletServer",
    "Page",
    "RequestLog",
    "RequestRecord",
    "SampleArticle",
    "Site",
    "build_sample_site",
    "build_site_from_pages",
    "generate_articles",
    "listing_path",
    "load_sample_articles",
]
