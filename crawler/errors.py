"""Names for the ways a request can fail, as counted on a crawl run."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
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
# IgnoreRequest messages of Scrapy's own middlewares -> kind
_IGNORED = {
    "max redirections reached": "redirect_loop",
    "filtered offsite request": "offsite",
    "forbidden by robots.txt": "forbidden_by_robots.txt",
}


class RefusedRequest(IgnoreRequest):
    """A request newsmon refuses on purpose; ``kind`` names why (counted on the crawl run)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def failure_kind(failure: Failure) -> str:
    """A short stable name for a request failure: ``http_500``, ``timeout``, ``too_large`` ..."""
    if failure.check(HttpError):
        response = getattr(failure.value, "response", None)
        return f"http_{response.status}" if response is not None else "http_error"
    if failure.check(RefusedRequest):
        return str(getattr(failure.value, "kind", "refused"))
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(DownloadCancelledError, CancelledError):
        # Scrapy cancels a download when the body is (or announces to be) over DOWNLOAD_MAXSIZE.
        return "too_large"
    if failure.check(ResponseDataLossError):
        return "truncated_response"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused"
    if failure.check(ConnectionLost, ResponseFailed):
        return "connection_lost"
    if failure.check(IgnoreRequest):
        message = str(failure.value).strip().lower()
        for prefix, kind in _IGNORED.items():
            if message.startswith(prefix):
                return kind
        return message.split(":")[0].strip().replace(" ", "_")[:40] or "ignored"
    return type(failure.value).__name__.lower()
