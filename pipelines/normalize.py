"""URL identity: canonical URLs and the lookup key that makes two URLs one article."""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url
from scrapy.crawler import Crawler

from crawler.config.sources import host_allowed
from crawler.items import PageItem

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "source",
        "src",
        "cmpid",
        "cmp",
        "ito",
        "ncid",
        "sessionid",
        "session_id",
        "sid",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "s_cid",
        "amp",
        "outputtype",
        "output",
        "share",
        "from",
        "via",
        "at_medium",
        "at_campaign",
        "rss",
        "spm",
        "trk",
        "feature",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_")
_AMP_PATH = re.compile(r"(/amp)+/?$|\.amp(?=$|\.html?$)", re.IGNORECASE)
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.", re.IGNORECASE)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonicalize(url: str) -> str:
    """A normalised, still fetchable URL: lower-case host, no default port, no fragment,
    no tracking parameters, sorted query, no AMP suffix or mobile host, no trailing slash."""
    cleaned = normalize_url(_PATH_SESSION.sub("", url.strip()), trailing_slash=False)
    parts = urlsplit(cleaned)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(key)
    ]
    host = _MOBILE_HOST.sub("www.", parts.netloc.lower(), count=1)
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def url_key(url: str) -> str:
    """The identity of a URL for 'already seen' checks: canonical form without scheme and www."""
    parts = urlsplit(canonicalize(url))
    host = parts.netloc.removeprefix("www.")
    return urlunsplit(("", host, parts.path, parts.query, "")).removeprefix("//")


def choose_canonical(page_url: str, declared: str | None, allowed_hosts: tuple[str, ...]) -> str:
    """The page's own canonical link when it stays on the source's hosts, else the page URL;
    normalised either way."""
    if declared:
        absolute = urljoin(page_url, declared.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and host_allowed(parts.hostname or "", allowed_hosts):
            return canonicalize(absolute)
    return canonicalize(page_url)


def normalize_text(text: str) -> str:
    """Text as compared for exact duplicates: case and whitespace folded."""
    return " ".join(text.split()).casefold()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


class NormalizePipeline:
    """Sets the canonical URL, the identity keys of every URL of the page and the content hash."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        spider = self.crawler.spider
        allowed = tuple(getattr(spider, "allowed_domains", ()) or ())
        declared = item.article.canonical_url if item.article else None
        item.canonical_url = choose_canonical(item.url, declared, allowed)
        urls = (item.requested_url, item.url, item.canonical_url)
        item.url_keys = tuple(dict.fromkeys(url_key(url) for url in urls))
        if item.article is not None:
            item.content_hash = content_hash(item.article.text)
        return item
