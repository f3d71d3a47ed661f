"""Scrapy settings for a newsmon crawl, built once from the service settings."""

from __future__ import annotations

from typing import Any

from crawler.config.settings import ServiceSettings
from crawler.redact import SecretUrl


def scrapy_settings(
    settings: ServiceSettings, database_url: str, taxonomy_dir: str | None, crawl_timeout: float | None = None
) -> dict[str, Any]:
    """Plain Scrapy settings: politeness on by default, newsmon stages as item pipelines."""
    crawl = settings.crawl
    return {
        "BOT_NAME": "newsmon",
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "CONCURRENT_REQUESTS": crawl.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests_per_host,
        "DOWNLOAD_DELAY": crawl.download_delay,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawl.download_delay, 0.1),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": crawl.autothrottle_target_concurrency,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": crawl.max_page_bytes // 2,
        "RETRY_ENABLED": crawl.retry_times > 0,
        "RETRY_TIMES": crawl.retry_times,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        # A per-response limit (an article page yields one item, an index page only requests),
        # and Scrapy starts that many asyncio tasks for every response: 100 cost ~1 ms each.
        "CONCURRENT_ITEMS": 4,
        # http(s) only: no handler could read a local file or reach an FTP, S3 or data: URL
        "DOWNLOAD_HANDLERS": {"file": None, "ftp": None, "s3": None, "data": None},
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.AddressGuard": 60,  # after OffsiteMiddleware (50), before robots.txt
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "crawler.middlewares.HeadMetaRefreshMiddleware": 580,  # Scrapy's place for it
        },
        "NEWSMON_RETRY_BACKOFF": 1.0,
        "NEWSMON_RETRY_BACKOFF_MAX": 30.0,
        "TELNETCONSOLE_ENABLED": False,
        "CLOSESPIDER_TIMEOUT": crawl_timeout or crawl.crawl_timeout,
        "LOG_LEVEL": settings.log.level,
        "LOG_VERSIONS": [],
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "ITEM_PIPELINES": {
            "pipelines.extract.ExtractPipeline": 100,
            "pipelines.normalize.NormalizePipeline": 200,
            "pipelines.dedup.pipeline.DedupPipeline": 300,
            "pipelines.tag.TagPipeline": 400,
            "crawler.runrecord.DatabaseGate": 850,
            "pipelines.store.StorePipeline": 900,
        },
        "EXTENSIONS": {
            "crawler.runrecord.CrawlRunRecorder": 500,
            "crawler.parentwatch.ParentWatch": 510,
        },
        "NEWSMON_DATABASE_URL": SecretUrl(database_url),  # Scrapy logs settings: hide the password
        "NEWSMON_TAXONOMY_DIR": taxonomy_dir,
        "NEWSMON_LISTING_MAX_PAGES": crawl.listing_max_pages,
        "NEWSMON_MAX_ARTICLES_PER_RUN": crawl.max_articles_per_run,
        "NEWSMON_EXTRACT_WORKERS": crawl.extract_workers,
        "NEWSMON_MIN_TEXT_CHARS": settings.extraction.min_text_chars,
        "NEWSMON_MIN_WORDS": settings.extraction.min_words,
        "NEWSMON_DEDUP_NUM_PERM": settings.dedup.num_perm,
        "NEWSMON_DEDUP_SHINGLE_WORDS": settings.dedup.shingle_words,
        "NEWSMON_DEDUP_THRESHOLD": settings.dedup.threshold,
        "NEWSMON_DEDUP_STORY_WINDOW_DAYS": settings.dedup.story_window_days,
    }
