"""Names for the ways a request can fail, as counted on a crawl run."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

ERROR_STAT_PREFIX = "newsmon/errors/"


def failure_kind(failure: Failure) -> str:
    """A short stable name for a request failure: ``http_500``, ``timeout``, ``dns`` ..."""
    if failure.check(HttpError):
        response = getattr(failure.value, "response", None)
        return f"http_{response.status}" if response is not None else "http_error"
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    if failure.check(ConnectionLost, ResponseFailed):
        return "connection_lost"
    if failure.check(IgnoreRequest):
        return str(failure.value).split(":")[0].strip().lower().replace(" ", "_")[:40] or "ignored"
    return type(failure.value).__name__.lower()
