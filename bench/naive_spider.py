"""The baseline a user would write: a plain Scrapy sitemap + feed spider, trafilatura inline, no storage.

    .venv/bin/python bench/naive_spider.py --sitemap URL --feed URL [--pattern REGEX] [--no-extract]

Runs one crawl in this process (a Twisted reactor cannot restart: the bench starts it as a
subprocess) and prints one JSON line: pages fetched, articles extracted, seconds, CPU seconds.
``--no-extract`` only downloads (the bench's fetch-stage measurement). Settings match the
bench's newsmon config: 16 concurrent requests per host, no delay, no autothrottle, robots on.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import trafilatura
from scrapy import Request, signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class NaiveNewsSpider(SitemapSpider):
    """Sitemap index and RSS feed to article pages; ``bare_extraction`` in the callback."""

    name = "naive"

    def __init__(self, sitemap: str, feed: str, pattern: str, extract: bool = True, **kwargs: Any):
        self.sitemap_urls = [sitemap]
        self.sitemap_rules = [(pattern, "parse_article")]
        super().__init__(**kwargs)  # compiles sitemap_rules
        self.feed = feed
        self.pattern = re.compile(pattern)
        self.extract = extract
        self.articles = 0

    async def start(self) -> AsyncIterator[Any]:
        yield Request(self.feed, callback=self.parse_feed)
        async for request in super().start():
            yield request

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Every ``<item><link>`` of the feed."""
        for link in response.xpath("//item/link/text()").getall():
            if self.pattern.search(link):
                yield response.follow(link.strip(), callback=self.parse_article)

    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        """Title, text and date of the page (nothing when trafilatura finds no text)."""
        if not self.extract:
            return
        doc = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True)
        if doc is not None and doc.text:
            self.articles += 1
            yield {"url": response.url, "title": doc.title, "date": doc.date, "text": doc.text}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Crawl once; print one JSON line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitemap", required=True)
    parser.add_argument("--feed", required=True)
    parser.add_argument("--pattern", default=r"/news/\d+/")
    parser.add_argument("--no-extract", action="store_true", help="download only (fetch-stage cost)")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    process = CrawlerProcess(
        {
            "BOT_NAME": "naive",
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "WARNING",
        }
    )
    crawler = process.create_crawler(NaiveNewsSpider)
    opened: list[float] = []

    def on_open() -> None:
        opened.append(_cpu_seconds())

    crawler.signals.connect(on_open, signal=signals.spider_opened)  # weak reference: keep on_open alive
    process.crawl(
        crawler, sitemap=args.sitemap, feed=args.feed, pattern=args.pattern, extract=not args.no_extract
    )
    process.start()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider = crawler.spider
    print(
        json.dumps(
            {
                "pages": stats.get("response_received_count", 0),
                "articles": getattr(spider, "articles", 0),
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu, 3),
                "crawl_cpu_seconds": round(cpu - (opened[0] if opened else 0.0), 3),
                "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
