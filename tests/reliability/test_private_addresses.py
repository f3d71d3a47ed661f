"""Issue #9.4: a public outlet cannot send the crawler into the local network.

The decision is unit-tested on addresses of every internal kind without any traffic; the crawl
test uses loopback only: a source configured on 127.0.0.1 whose feed links (and redirects) to
127.0.0.2, another loopback address where an "internal" server listens and must hear nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.addresses import refusal
from crawler.sample_outlet import OutletServer, Page, build_sample_site, load_sample_articles
from tests.reliability import hostile
from tests.support import export, newsmon, write_config

GOOD = [a for a in load_sample_articles() if not a.private]


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "127.0.0.1",
        "127.0.0.2",
        "0.0.0.0",
        "100.64.0.1",  # carrier-grade NAT
        "224.0.0.1",  # multicast
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "[::ffff:127.0.0.1]",
    ],
)
def test_internal_addresses_are_refused(address: str) -> None:
    assert refusal(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(address) is None  # a decision only: nothing is sent anywhere


def test_the_sources_own_internal_address_is_allowed() -> None:
    assert refusal("10.1.2.3", ["10.1.2.3"]) is None
    assert refusal("127.0.0.1", ["127.0.0.1"]) is None
    assert refusal("::ffff:127.0.0.1", ["127.0.0.1"]) is None
    assert refusal("10.1.2.4", ["10.1.2.3"]) is not None
    assert refusal("127.0.0.2", ["127.0.0.1"]) is not None


def test_links_and_redirects_to_another_internal_address_are_refused(tmp_path: Path) -> None:
    with OutletServer(build_sample_site, host="127.0.0.2") as internal, OutletServer() as server:
        site = build_sample_site(server.base_url)
        inside = f"http://127.0.0.2:{internal.port}/news/2025/06"
        site["/news/2025/06/to-inside-2"] = Page.redirect(f"{inside}/inside-3")
        links = [f"{inside}/inside-1", server.url("/news/2025/06/to-inside-2")]
        site["/feeds/more.xml"] = Page(body=hostile.rss(links), content_type="application/rss+xml")
        server.site = site
        # 127.0.0.2 is listed in `hosts`, so the offsite filter lets it through: the guard must stop it
        config = write_config(
            tmp_path / "config",
            server.base_url,
            extra_feeds=(server.url("/feeds/more.xml"),),
            source_extra="    hosts: [127.0.0.2]",
        )
        result = newsmon(config, "crawl")
        assert result.returncode == 0, result.stderr[-3000:]
        assert len(internal.requests) == 0
        assert "/news/2025/06/to-inside-2" in server.requests.paths()
    run = json.loads(newsmon(config, "status", "--format", "json").stdout)["sources"][0]["last_run"]
    assert run["errors"]["private_address"] == 2
    assert len(export(config)) == len(GOOD)  # the source's own address (127.0.0.1) is crawled
