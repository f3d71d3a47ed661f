"""Site structure without a server: article pages, feed, sitemaps, listings, robots.txt."""

from __future__ import annotations

import gzip
import re

import feedparser
import pytest
from lxml import etree, html  # type: ignore[import-untyped]

from crawler.sample_outlet import (
    ARTICLE_PATTERN,
    FEED_PATH,
    NEWS_SITEMAP_PATH,
    PAGES_PATTERN,
    SITEMAP_INDEX_PATH,
    Page,
    Site,
    build_sample_site,
    build_site_from_pages,
    generate_articles,
    listing_path,
    load_sample_articles,
)

BASE = "http://127.0.0.1:8999"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(scope="module")
def site() -> Site:
    return build_sample_site(BASE)


def listing_links(site: Site, path: str) -> list[str]:
    tree = html.fromstring(site[path].body)
    return [str(h) for h in tree.xpath("//ul[@class='story-list']//h2/a/@href")]


def test_article_page_metadata_and_boilerplate(site: Site) -> None:
    article = load_sample_articles()[0]
    tree = html.fromstring(site[article.path].body)
    url = BASE + article.path
    assert tree.get("lang") == "en"
    assert tree.xpath("//link[@rel='canonical']/@href") == [url]
    assert tree.xpath("//meta[@property='og:url']/@content") == [url]
    assert tree.xpath("//meta[@property='og:title']/@content") == [article.title]
    assert tree.xpath("//meta[@name='author']/@content") == [article.author]
    assert tree.xpath("//meta[@property='article:published_time']/@content") == [
        article.published.isoformat()
    ]
    assert len(tree.xpath("//nav[@class='main-nav']//a")) >= 15
    assert len(tree.xpath("//footer//a")) >= 20
    assert 2 <= len(tree.xpath("//li[@class='comment']")) <= 3
    assert tree.xpath("//div[contains(@class, 'share-buttons')]//a")
    assert len(tree.xpath("//section[@class='most-read']//a[starts-with(@href, '/news/')]")) == 5
    paragraphs = [p.text_content() for p in tree.xpath("//div[@class='story__content']/p")]
    assert paragraphs == list(article.paragraphs)
    assert paragraphs[0].startswith("BANNU: ")


def test_article_paths_match_the_pattern(site: Site) -> None:
    for url in site.article_urls(include_private=True):
        assert re.search(ARTICLE_PATTERN, url)
    nav = html.fromstring(site["/"].body).xpath("//nav[@class='main-nav']//a/@href")
    assert not [h for h in nav if re.search(ARTICLE_PATTERN, str(h))], "nav links look like articles"


def test_feed_parses_with_feedparser(site: Site) -> None:
    parsed = feedparser.parse(site[FEED_PATH].body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    public = site.article_urls()
    assert [e.link for e in parsed.entries] == public
    first = parsed.entries[0]
    assert first.title and first.published_parsed and first.id == first.link
    assert not [e for e in parsed.entries if "/private/" in e.link]


def test_sitemap_index_news_and_gzipped_archive(site: Site) -> None:
    index = etree.fromstring(site[SITEMAP_INDEX_PATH].body)
    locs = [str(x) for x in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)]
    assert locs == [BASE + "/sitemaps/news.xml", BASE + "/sitemaps/archive.xml.gz"]
    news = etree.fromstring(site[NEWS_SITEMAP_PATH].body)
    urls = news.xpath("//sm:url", namespaces=NS)
    assert len(urls) == len(site.entries)
    dates = news.xpath("//news:publication_date/text()", namespaces=NS)
    assert len(dates) == len(urls) and all(str(d).endswith("+05:00") for d in dates)
    archive_page = site["/sitemaps/archive.xml.gz"]
    archive = etree.fromstring(gzip.decompress(archive_page.body))
    archived = [str(x) for x in archive.xpath("//sm:url/sm:loc/text()", namespaces=NS)]
    assert set(archived) == set(site.article_urls(include_private=True))
    assert any("/private/" in u for u in archived)


def test_listing_pagination(site: Site) -> None:
    total = len(site.entries)
    pages = site.listing_pages
    assert pages == -(-total // 10) >= 2
    seen: list[str] = []
    for n in range(1, pages + 1):
        tree = html.fromstring(site[listing_path(n)].body)
        links = listing_links(site, listing_path(n))
        assert len(links) == (10 if n < pages else total - 10 * (pages - 1))
        seen += links
        nxt = tree.xpath("//a[@rel='next']/@href")
        head_next = tree.xpath("//link[@rel='next']/@href")
        if n < pages:
            assert nxt == [listing_path(n + 1)] and head_next == [BASE + listing_path(n + 1)]
        else:
            assert not nxt and not head_next
    assert sorted(BASE + p for p in seen) == sorted(site.article_urls(include_private=True))
    assert any(p.startswith("/private/") for p in seen)
    nav = html.fromstring(site[listing_path(1)].body).xpath("//div[@class='section-tabs']/a/@href")
    assert "/pakistan/balochistan/" in nav
    assert site[listing_path(1)] is site["/latest/?page=1"]


def test_robots_txt(site: Site) -> None:
    text = site["/robots.txt"].body.decode()
    assert "User-agent: *" in text
    assert "Disallow: /private/" in text
    assert f"Sitemap: {BASE}/sitemap.xml" in text


def test_nav_targets_are_served(site: Site) -> None:
    tree = html.fromstring(site["/"].body)
    for href in tree.xpath("//nav[@class='main-nav']//a/@href | //footer//a[starts-with(@href, '/')]/@href"):
        assert str(href) in site, href


def test_add_articles_regenerates_feed_sitemaps_and_listings() -> None:
    site = build_sample_site(BASE)
    before = {p: site[p] for p in (FEED_PATH, NEWS_SITEMAP_PATH, listing_path(1))}
    old_article = site.entries[0]
    urls = site.add_articles(generate_articles(31))
    assert len(urls) == 31
    for path, page in before.items():
        assert site[path].entity_tag != page.entity_tag
        newer, older = site[path].last_modified, page.last_modified
        assert newer is not None and older is not None and newer > older
    feed = feedparser.parse(site[FEED_PATH].body)
    assert {e.link for e in feed.entries} >= set(urls)
    assert site.listing_pages == -(-(17 + 31) // 10)
    assert site[old_article.path].body == old_article.body, "old article pages stay as they were"


def test_overrides_survive_regeneration() -> None:
    site = build_sample_site(BASE)
    site["/moved"] = Page.redirect("/latest/")
    stall = Page(body=b"late", delay=5)
    site[FEED_PATH] = stall
    site.add_articles(generate_articles(2))
    assert site[FEED_PATH] is stall
    assert site["/moved"].headers["Location"] == "/latest/"
    del site["/robots.txt"]
    assert "/robots.txt" not in site


def test_site_from_given_pages() -> None:
    bodies = [
        b"<html><head><title>First page</title></head><body><p>One</p></body></html>",
        gzip.compress(b'<html><head><meta property="og:title" content="Second"></head><body></body></html>'),
        b"<html><body><h1>Third</h1></body></html>",
    ]
    site = build_site_from_pages(BASE, bodies * 2)
    urls = site.article_urls()
    assert len(urls) == 6 and all(re.search(PAGES_PATTERN, u) for u in urls)
    paths = sorted(u.removeprefix(BASE) for u in urls)
    assert "/news/1/first-page" in paths and "/news/5/second" in paths and "/news/6/third" in paths
    assert site["/news/2/second"].body.startswith(b"<html><head><meta")
    assert site["/news/4/first-page"].body == bodies[0]
    added = site.add_pages(bodies[:1])
    assert added == [BASE + "/news/7/first-page"]
    assert added[0] == site.article_urls()[0], "newest first"
    assert feedparser.parse(site[FEED_PATH].body).entries[0].link == added[0]
