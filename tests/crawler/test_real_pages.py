"""The issue's acceptance crawl: 150 real pages, then 31 new ones; and the extract/tag commands."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from crawler.sample_outlet import PAGES_PATTERN, OutletServer, build_site_from_pages
from tests.conftest import NEWS_PAGES_DIR, requires_news_pages
from tests.support import export, newsmon, write_config


def real_pages(count: int, skip: int = 0) -> list[bytes]:
    rows = json.loads((NEWS_PAGES_DIR / "index.json").read_text())
    return [gzip.decompress((NEWS_PAGES_DIR / row["html"]).read_bytes()) for row in rows[skip : skip + count]]


@requires_news_pages
def test_150_real_pages_then_31_new_ones(tmp_path: Path) -> None:
    with OutletServer(lambda base: build_site_from_pages(base, real_pages(150), feed_limit=200)) as server:
        config = write_config(
            tmp_path / "config",
            server.base_url,
            pattern=PAGES_PATTERN,
            settings="crawl:\n  download_delay: 0\n"
            "  autothrottle: false\n  concurrent_requests_per_host: 16\n",
        )
        first = newsmon(config, "crawl", timeout=600)
        assert first.returncode == 0, first.stderr
        fetched = [r.path for r in server.requests.snapshot() if r.path.startswith("/news/")]
        assert len(fetched) == len(set(fetched)) == 150
        stored = export(config)
        report = json.loads(newsmon(config, "status", "--format", "json").stdout)["sources"][0]["last_run"]
        # every page is either stored once or dropped with a reason (a page whose text lives in a script)
        assert len(stored) + sum(report["dropped"].values()) == 150
        assert len(stored) >= 148
        assert len({r["canonical_url"] for r in stored}) == len(stored)

        server.requests.clear()
        new_urls = server.site.add_pages(real_pages(31, skip=150))
        second = newsmon(config, "crawl", timeout=600)
        assert second.returncode == 0, second.stderr
        requests = server.requests.snapshot()
        refetched = sorted(server.base_url + r.path for r in requests if r.path.startswith("/news/"))
        assert refetched == sorted(new_urls)
        feed = [r for r in requests if r.path == "/feeds/latest.xml"]
        assert feed and feed[0].conditional
        assert len(export(config)) >= len(stored) + 30


@requires_news_pages
def test_extract_command_prints_fields_and_tags(tmp_path: Path) -> None:
    rows = json.loads((NEWS_PAGES_DIR / "index.json").read_text())[:3]
    paths = [str(NEWS_PAGES_DIR / row["html"]) for row in rows]
    result = newsmon(Path("config"), "extract", "--format", "jsonl", *paths)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == paths
    for record in records:
        assert {"title", "text", "published_at", "author", "language", "provinces", "groups"} <= record.keys()
        assert len(record["text"]) > 200


def test_extract_reports_unreadable_input(tmp_path: Path) -> None:
    result = newsmon(Path("config"), "extract", str(tmp_path / "missing.html"))
    assert result.returncode == 1
    assert "error" in json.loads(result.stdout)


def test_tag_command_reads_jsonl(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a",
            "title": "Blast in Turbat",
            "text": "A roadside bomb in Turbat, Kech district, killed two "
            "soldiers. The Balochistan Liberation Front claimed the attack.",
        },
        {
            "id": "b",
            "title": "Kabul signs deal",
            "text": "The Taliban government in Kabul signed a mining deal.",
        },
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    result = newsmon(Path("config"), "tag", str(source))
    assert result.returncode == 1  # the bad line is reported, the good ones are still tagged
    assert f"{source}:3:" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["id"] == "a" and out[0]["provinces"] == ["BA"] and out[0]["groups"] == ["BLF"]
    assert out[0]["evidence"]
    assert out[1]["provinces"] == [] and out[1]["groups"] == []
    piped = newsmon(Path("config"), "tag", stdin=json.dumps(lines[0]) + "\n")
    assert json.loads(piped.stdout)["groups"] == ["BLF"]
