"""Extension: a crawl started by the service stops when the service is gone.

The service starts each crawl in its own session (so the watchdog can signal the crawl's whole
process group). If the service is killed, the crawl would run on unwatched and overlap with the
restarted service's next crawl of the same source; instead it notices that its parent changed
and shuts down gracefully (items in flight are stored, the run is recorded ``interrupted``).
"""

from __future__ import annotations

import logging
import os
import signal

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

ENV = "NEWSMON_PARENT_PID"
log = logging.getLogger(__name__)
_stopping = False  # one SIGTERM per process: a second one would force an unclean stop


class ParentWatch:
    """Checks every second that the process that started the crawl is still its parent."""

    def __init__(self, parent_pid: int):
        self.parent_pid = parent_pid
        self.loop = task.LoopingCall(self.check)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParentWatch:
        value = os.environ.get(ENV, "")
        if not value.isdigit():
            raise NotConfigured(f"{ENV} not set")
        watch = cls(int(value))
        crawler.signals.connect(watch.opened, signal=signals.spider_opened)
        crawler.signals.connect(watch.closed, signal=signals.spider_closed)
        return watch

    def opened(self) -> None:
        self.loop.start(1.0, now=True)

    def closed(self) -> None:
        if self.loop.running:
            self.loop.stop()

    def check(self) -> None:
        global _stopping
        if os.getppid() == self.parent_pid:
            return
        self.closed()
        if not _stopping:
            _stopping = True
            log.error("the service (pid %s) is gone; stopping this crawl", self.parent_pid)
            os.kill(os.getpid(), signal.SIGTERM)  # Scrapy's graceful shutdown
