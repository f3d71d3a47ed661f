"""AddressGuard for the worker: the configured home addresses of every source are allowed."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import CannotResolveHostError

from crawler.middlewares import AddressGuard, resolve


class WorkerAddressGuard(AddressGuard):
    """Like AddressGuard, with the union of the sources' own addresses (a worker crawls them all)."""

    _hosts: tuple[str, ...] = ()

    async def _allowed_addresses(self) -> tuple[str, ...]:
        sources = getattr(self.crawler.spider, "sources", {})
        hosts = tuple(sorted({urlsplit(s.url).hostname or "" for s in sources.values()} - {""}))
        if self._allowed is None or hosts != self._hosts:
            allowed = set()
            for host in hosts:
                try:
                    allowed.add(await resolve(host))
                except CannotResolveHostError:
                    continue
            self._allowed, self._hosts = tuple(sorted(allowed)), hosts
        return self._allowed
