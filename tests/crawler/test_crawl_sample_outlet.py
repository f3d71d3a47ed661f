"""End-to-end crawls of the sample outlet over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_outlet import OutletServer, Page, build_sample_site, load_sample_articles
from tests.support import export, newsmon, write_config

PUBLIC_ARTICLES = [a for a in load_sample_articles() if not a.path.startswith("/private/")]


@pytest.fixture
def outlet() -> Iterator[OutletServer]:
    with OutletServer(build_sample_site) as server:
        yield server


def article_fetches(server: OutletServer) -> list[str]:
    return [r.path for r in server.requests.snapshot() if "/news/" in r.path and r.method == "GET"]


def test_crawl_stores_every_public_article_once(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url)
    result = newsmon(config, "crawl")
    assert result.returncode == 0, result.stderr
    assert "sample: ok" in result.stdout
    records = export(config)
    stored_paths = sorted(r["url"].removeprefix(outlet.base_url) for r in records)
    assert stored_paths == sorted(a.path for a in PUBLIC_ARTICLES)
    # feed, sitemaps and listing all list the same articles, yet each page is fetched once
    fetched = article_fetches(outlet)
    assert len(fetched) == len(set(fetched))


@pytest.mark.parametrize("kind", ["feeds", "sitemaps", "listings"])
def test_each_index_kind_discovers_articles(outlet: OutletServer, tmp_path: Path, kind: str) -> None:
    only = {"feeds": kind == "feeds", "sitemaps": kind == "sitemaps", "listings": kind == "listings"}
    config = write_config(tmp_path / "config", outlet.base_url, **only)
    result = newsmon(config, "crawl")
    assert result.returncode == 0, result.stderr
    assert len(export(config)) == len(PUBLIC_ARTICLES)


def test_robots_txt_disallowed_article_is_never_fetched(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url)
    newsmon(config, "crawl")
    paths = [r.path for r in outlet.requests.snapshot()]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith("/private/")]
    status = json.loads(newsmon(config, "status", "--format", "json").stdout)
    assert status["sources"][0]["last_run"]["errors"].get("forbidden_by_robots.txt") == 1


def test_recrawl_is_conditional_and_fetches_no_stored_article(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url)
    assert newsmon(config, "crawl").returncode == 0
    outlet.requests.clear()
    second = newsmon(config, "crawl")
    assert second.returncode == 0, second.stderr
    requests = outlet.requests.snapshot()
    assert article_fetches(outlet) == []
    feed = [r for r in requests if r.path == "/feeds/latest.xml"]
    assert feed and feed[0].conditional and feed[0].status == 304
    assert "0 new" in second.stdout


def test_new_articles_are_the_only_pages_fetched_next_time(outlet: OutletServer, tmp_path: Path) -> None:
    first_batch, later = PUBLIC_ARTICLES[:-3], PUBLIC_ARTICLES[-3:]
    site = build_sample_site(outlet.base_url, first_batch)
    outlet.site = site
    config = write_config(tmp_path / "config", outlet.base_url)
    assert newsmon(config, "crawl").returncode == 0
    outlet.requests.clear()
    site.add_articles(later)
    second = newsmon(config, "crawl")
    assert second.returncode == 0, second.stderr
    assert sorted(article_fetches(outlet)) == sorted(a.path for a in later)
    assert len(export(config)) == len(PUBLIC_ARTICLES)


def test_offsite_links_and_redirects_are_refused(outlet: OutletServer, tmp_path: Path) -> None:
    # "localhost" is another host name for the same loopback server: the crawl must not use it.
    site = build_sample_site(outlet.base_url)
    port = outlet.base_url.rsplit(":", 1)[1]
    offsite = f"http://localhost:{port}"
    site["/news/2025/06/moved-away-1"] = Page.redirect(f"{offsite}/news/2025/06/elsewhere-2")
    outlet.site = site
    config = write_config(tmp_path / "config", outlet.base_url, extra_feeds=(f"{outlet.base_url}/extra.xml",))
    # a second feed that lists one offsite article and one on-site redirect to the other host
    extra = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        f"<item><title>a</title><link>{offsite}/news/2025/06/offsite-3</link></item>"
        f"<item><title>b</title><link>{outlet.base_url}/news/2025/06/moved-away-1</link></item>"
        "</channel></rss>"
    )
    site["/extra.xml"] = Page(body=extra.encode(), content_type="application/rss+xml")
    result = newsmon(config, "crawl")
    assert result.returncode == 0, result.stderr + result.stdout
    hosts = {r.headers.get("Host", "") for r in outlet.requests.snapshot()}
    assert not [h for h in hosts if h.startswith("localhost")]
    assert "/news/2025/06/moved-away-1" in [r.path for r in outlet.requests.snapshot()]
    assert len(export(config)) == len(PUBLIC_ARTICLES)


def test_meta_refresh_on_a_large_page_is_followed(outlet: OutletServer, tmp_path: Path) -> None:
    # The refresh tag sits in the head of a page far longer than the part the middleware reads.
    site = build_sample_site(outlet.base_url)
    article = PUBLIC_ARTICLES[0]
    moved = f"/news/2099/01/{article.path.rsplit('/', 1)[1]}-moved"
    site[moved] = site[article.path]
    padding = "<p>" + "Archive notice. " * 4000 + "</p>"
    site[article.path] = Page(
        body=(
            f'<html><head><meta http-equiv="refresh" content="0; url={moved}"></head>'
            f"<body>{padding}</body></html>"
        ).encode()
    )
    outlet.site = site
    config = write_config(tmp_path / "config", outlet.base_url)
    assert newsmon(config, "crawl").returncode == 0
    stored = {r["url"].removeprefix(outlet.base_url) for r in export(config)}
    assert moved in stored
    assert article.path not in stored
    assert len(stored) == len(PUBLIC_ARTICLES)


def test_stored_fields_and_exports(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url)
    assert newsmon(config, "crawl").returncode == 0
    records = {r["url"].removeprefix(outlet.base_url): r for r in export(config, "--text")}
    for article in PUBLIC_ARTICLES:
        record = records[article.path]
        assert record["title"] == article.title
        assert record["published_at"] is not None
        assert (
            record["published_at"][:10]
            == article.published.astimezone(__import__("datetime").UTC).date().isoformat()
        )
        assert record["language"] == "en"
        assert record["canonical_url"].endswith(article.path)
        assert article.paragraphs[1][:60] in record["text"]
        assert "Most read" not in record["text"]
    # filters
    some = export(config, "--source", "sample", "--since", "1d")
    assert len(some) == len(PUBLIC_ARTICLES)
    assert export(config, "--source", "another") == []
    kp = export(config, "--province", "KP")
    assert kp and all("KP" in r["provinces"] for r in kp)
    csv_out = newsmon(config, "articles", "export", "--format", "csv")
    assert csv_out.returncode == 0
    assert csv_out.stdout.splitlines()[0].startswith("id,url,canonical_url,source,title")
    assert len(csv_out.stdout.strip().splitlines()) >= len(PUBLIC_ARTICLES) + 1


def test_status_reports_runs(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url)
    newsmon(config, "crawl")
    report = json.loads(newsmon(config, "status", "--format", "json").stdout)
    assert report["config_error"] is None
    [source] = report["sources"]
    assert source["id"] == "sample" and source["runs"] == 1
    last = source["last_run"]
    assert last["outcome"] == "ok" and last["articles_new"] == len(PUBLIC_ARTICLES)
    assert last["started_at"] and last["finished_at"]


def test_unreachable_source_makes_crawl_exit_non_zero(tmp_path: Path) -> None:
    with OutletServer(build_sample_site) as server:
        base_url = server.base_url
    config = write_config(tmp_path / "config", base_url, settings="crawl:\n  retry_times: 0\n")
    result = newsmon(config, "crawl")
    assert result.returncode == 1
    assert "sample: failed" in result.stdout
