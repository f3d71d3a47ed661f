"""``newsmon worker``: a scale-out crawl worker taking work from the shared Redis queue."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from scheduler.app import load_app_config, setup_logging

log = logging.getLogger("newsmon.worker")
EXIT_OK, EXIT_CONFIG = 0, 2


def cmd_worker(args: argparse.Namespace) -> int:
    """Wait for Redis, then crawl from the queue until SIGTERM/SIGINT."""
    config = load_app_config(args.config_dir)
    settings = config.settings
    setup_logging("DEBUG" if args.verbose else settings.log.level, settings.log.file)
    if not settings.crawl.queue:
        print(f"{config.paths.settings}: crawl.queue is not set (e.g. redis://host:6379/0)", file=sys.stderr)
        return EXIT_CONFIG
    try:
        import redis  # noqa: F401
        import scrapy_redis  # noqa: F401
    except ImportError:
        print("scale-out needs scrapy-redis and redis: pip install 'newsmon[scaleout]'", file=sys.stderr)
        return EXIT_CONFIG
    from crawler.distributed.queue import wait_for_redis

    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    if not wait_for_redis(settings.crawl.queue, stop):
        return EXIT_OK
    for sig, handler in previous.items():
        signal.signal(sig, handler)

    from crawler.distributed.runner import run_worker

    log.info("worker started; queue %s", _shown(settings.crawl.queue))
    run_worker(config)
    return EXIT_OK


def _shown(url: str) -> str:
    from crawler.redact import hide_password

    return hide_password(url)
