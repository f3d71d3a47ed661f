"""Issue #9.4: hostile feeds, sitemaps, pages and URLs.

Entity bombs and external entities are refused before any XML parser sees them (counted as
``unsafe_xml``); only http(s) is ever requested; deeply nested and malformed HTML and a
10,000-item feed are handled without harm.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.config.sources import parse_sources
from crawler.config.yamlfile import ConfigError, load_yaml
from crawler.sample_outlet import OutletServer, Page, build_sample_site, load_sample_articles
from crawler.xmlguard import unsafe_xml
from pipelines.extraction import Rejection, extract_article
from tests.reliability import hostile
from tests.support import export, newsmon, write_config

GOOD = [a for a in load_sample_articles() if not a.private]
SECRET = "xxe-marker-5d41402abc"  # the content of the local file the external entity names
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
RSS_ITEM = (
    '<rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>'
    "<item><title>BOMB</title><link>LINK</link></item></channel></rss>"
)


def test_the_guard_refuses_entity_declarations_in_any_encoding() -> None:
    bomb = hostile.billion_laughs(RSS_ITEM)
    tracemalloc.start()
    started = time.perf_counter()
    assert unsafe_xml(bomb) is not None
    assert time.perf_counter() - started < 0.5
    assert tracemalloc.get_traced_memory()[1] < 5_000_000  # nothing was expanded
    tracemalloc.stop()
    assert unsafe_xml(hostile.external_entity(RSS_ITEM.replace("BOMB", "XXE"), "/etc/passwd")) is not None
    wide = bomb.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    assert unsafe_xml(wide.encode("utf-16")) is not None
    assert unsafe_xml(wide.encode("utf-16-be")) is not None
    # ordinary documents pass, a DOCTYPE naming an external DTD included (RSS 0.91)
    assert unsafe_xml(hostile.rss(["http://127.0.0.1/news/2025/06/a-1"])) is None
    rss091 = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel/></rss>'
    )
    assert unsafe_xml(rss091) is None


@pytest.mark.parametrize(
    "page",
    [
        hostile.nested_page(200_000),
        hostile.malformed_page(),
        b"<html>" + b"<p>" * 50_000,
        b"\x00\xff" * 1000,
    ],
    ids=["nested-200k", "malformed", "50k-open-p", "binary"],
)
def test_hostile_html_is_extracted_or_rejected_quickly(page: Page | bytes) -> None:
    body = page.body if isinstance(page, Page) else page
    started = time.perf_counter()
    result = extract_article(body, "http://127.0.0.1/news/2025/06/x-1")
    assert time.perf_counter() - started < 10
    assert isinstance(result, Rejection) or len(result.text) > 200


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "javascript:alert(1)", "data:text/xml,<rss/>"]
)
def test_config_refuses_non_http_urls(tmp_path: Path, url: str) -> None:
    text = f"sources:\n  - id: x\n    name: X\n    url: http://127.0.0.1/\n    feeds: ['{url}']\n"
    with pytest.raises(ConfigError, match="only http and https"):
        parse_sources(load_yaml(tmp_path / "sources.yaml", text=text))
    text = f"sources:\n  - id: x\n    name: X\n    url: '{url}'\n    feeds: [http://127.0.0.1/f]\n"
    with pytest.raises(ConfigError, match="only http and https"):
        parse_sources(load_yaml(tmp_path / "sources.yaml", text=text))


@pytest.fixture
def outlet(tmp_path: Path) -> Iterator[tuple[OutletServer, Path]]:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    with OutletServer() as server:
        site = build_sample_site(server.base_url)
        article = f"{server.base_url}/news/2025/06/"
        site["/feeds/bomb.xml"] = Page(
            body=hostile.billion_laughs(RSS_ITEM.replace("LINK", article + "bomb-1")),
            content_type="application/rss+xml",
        )
        site["/feeds/xxe.xml"] = Page(
            body=hostile.external_entity(RSS_ITEM.replace("LINK", article + "XXE"), str(secret_file)),
            content_type="application/rss+xml",
        )
        site["/sitemaps/xxe.xml"] = Page(
            body=hostile.external_entity(
                f'<urlset xmlns="{SITEMAP_NS}"><url><loc>{article}XXE</loc></url></urlset>', str(secret_file)
            ),
            content_type="application/xml",
        )
        # a sitemap index whose child is a local file (on the source's own host name)
        local_sitemap = tmp_path / "local-sitemap.xml"
        local_sitemap.write_text(
            f'<urlset xmlns="{SITEMAP_NS}"><url><loc>{article}leaked-local-file-1</loc></url></urlset>'
        )
        site["/sitemaps/index-file.xml"] = Page(
            body=(
                f'<sitemapindex xmlns="{SITEMAP_NS}"><sitemap><loc>file://127.0.0.1{local_sitemap}</loc>'
                "</sitemap></sitemapindex>"
            ).encode(),
            content_type="application/xml",
        )
        # 10,000 items: every good article 300+ times over, plus links that are not articles
        links = [server.url(a.path) for a in GOOD] * (10_000 // len(GOOD))
        links += [server.url(f"/about/{n}") for n in range(10_000 - len(links))]
        site["/feeds/huge.xml"] = Page(body=hostile.rss(links), content_type="application/rss+xml")
        server.site = site
        yield server, tmp_path


def test_hostile_feeds_and_sitemaps_do_nothing(outlet: tuple[OutletServer, Path]) -> None:
    server, tmp_path = outlet
    feeds = tuple(server.url(p) for p in ("/feeds/bomb.xml", "/feeds/xxe.xml", "/feeds/huge.xml"))
    sitemaps = ", ".join(server.url(p) for p in ("/sitemaps/xxe.xml", "/sitemaps/index-file.xml"))
    config = write_config(
        tmp_path / "config",
        server.base_url,
        sitemaps=False,
        listings=False,
        extra_feeds=feeds,
        source_extra=f"    sitemaps: [{sitemaps}]",
    )
    text = (config / "sources.yaml").read_text().replace("    sitemaps: []\n", "")
    (config / "sources.yaml").write_text(text)
    started = time.monotonic()
    result = newsmon(config, "crawl")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    assert elapsed < 90

    paths = [r.path for r in server.requests.snapshot()]
    leaks = [p for p in paths if p.startswith("/news/") and ("xxe" in p or "leaked" in p or "bomb-1" in p)]
    assert not leaks and not [p for p in paths if SECRET in p]
    articles = [p for p in paths if p.startswith("/news/")]
    assert sorted(articles) == sorted(a.path for a in GOOD)  # each once, whatever the repeats
    records = export(config, "--text")
    assert len(records) == len(GOOD)
    assert not [r for r in records if SECRET in json.dumps(r) or "lol" in r["text"]]
    assert SECRET not in result.stdout + result.stderr

    errors = json.loads(newsmon(config, "status", "--format", "json").stdout)["sources"][0]["last_run"][
        "errors"
    ]
    assert errors["unsafe_xml"] == 3  # bomb feed, XXE feed, XXE sitemap
    assert errors["unsafe_scheme"] == 1  # the file: sitemap
