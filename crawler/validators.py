"""Index-page validators (ETag / Last-Modified) kept back until their articles are settled.

A feed answered 200 lists articles; once its validators are stored, the next crawl gets a 304
and does not see that list again. Storing them while articles from it are still unfetched
(then the crawl is killed, times out or loses its database) or failed for a passing reason
(timeout, 5xx) would lose those articles for good. So validators are written only when the
crawl finishes normally, and only for index pages none of whose articles failed transiently.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pipelines.storage.repository import Store

log = logging.getLogger(__name__)
INDEX_URL = "newsmon_index_url"  # request meta key: the index page that listed an article
# failure kinds that may pass: the article is worth asking for again soon
TRANSIENT_KINDS = frozenset(
    {"timeout", "connection_refused", "connection_lost", "truncated_response", "dns", "too_many_requests"}
)


def is_transient(kind: str) -> bool:
    """True for failures worth retrying next crawl (timeouts, 5xx, 408, 429, lost connections)."""
    if kind.startswith("http_"):
        code = kind.removeprefix("http_")
        return code.startswith("5") or code in ("408", "429")
    return kind in TRANSIENT_KINDS


@dataclass
class PendingValidators:
    """Validators of the index pages fetched in this crawl, written at its clean end."""

    answers: dict[str, tuple[str, int, str | None, str | None]] = field(default_factory=dict)
    unsettled: set[str] = field(default_factory=set)

    def answered(self, url: str, source_id: str, status: int, etag: str | None, modified: str | None) -> None:
        """Remember an index page's answer (200 or 304)."""
        self.answers[url] = (source_id, status, etag, modified)

    def unsettle(self, index_url: str | None) -> None:
        """An article listed by ``index_url`` is not settled: ask for that page in full next time."""
        if index_url:
            self.unsettled.add(index_url)

    def flush(self, store: Store, finished: bool) -> int:
        """Write what may be written; returns how many pages got their validators stored."""
        written = 0
        if not finished:
            return written
        for url, (source_id, status, etag, modified) in self.answers.items():
            if url in self.unsettled:
                continue
            store.save_validators(url, source_id, status, etag, modified)
            written += 1
        self.answers.clear()
        return written
