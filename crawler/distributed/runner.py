"""Running one queue worker (``newsmon worker``) until SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import warnings

from scheduler.app import AppConfig


def run_worker(config: AppConfig) -> None:
    """Crawl from the shared queue until stopped (Scrapy handles SIGTERM: in-flight pages finish,
    crawl-run records are written). Starts the Twisted reactor: call once per process."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.reactor import install_reactor

    from crawler.distributed.settings import worker_settings
    from crawler.runner import ASYNCIO_REACTOR
    from pipelines.storage.repository import Store

    settings = config.settings
    queue_url = settings.crawl.queue
    if not queue_url:
        raise ValueError("crawl.queue is not set")
    Store.for_url(settings.database_url)  # migrate before the spider opens
    taxonomy = str(config.taxonomy_dir) if config.taxonomy_dir else None
    base = worker_settings(settings, settings.database_url, taxonomy, queue_url)
    base["LOG_LEVEL"] = "DEBUG" if settings.log.level == "DEBUG" else "WARNING"
    install_reactor(ASYNCIO_REACTOR)

    from crawler.distributed.spider import WorkerSpider

    base["LOG_INSTALL_ROOT_HANDLER"] = False
    # scrapy-redis 0.9 still passes ``spider=`` to the stats and calls Spider.log()
    warnings.filterwarnings("ignore", message=r"(Passing a 'spider' argument|Spider\.log\(\) is deprecated)")
    process = CrawlerProcess(base)
    logging.getLogger("scrapy").setLevel(base["LOG_LEVEL"])
    process.crawl(WorkerSpider, config_dir=str(config.paths.root))
    process.start()
