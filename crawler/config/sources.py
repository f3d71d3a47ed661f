"""The source list (``config/sources.yaml``): schema, schedule parsing and loading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from crawler.config.yamlfile import ConfigError, ConfigIssue, YamlDocument, load_yaml, validate

SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
ALLOWED_SCHEMES = ("http", "https")
MAX_DURATION_SECONDS = 366 * 86400


def parse_duration(text: str) -> timedelta:
    """``"15m"`` -> 15 minutes. Units: s, m, h, d."""
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration; use a number and a unit s, m, h or d, e.g. 15m")
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    if seconds <= 0:
        raise ValueError("duration must be positive")
    if seconds > MAX_DURATION_SECONDS:
        raise ValueError(f"{text!r} is longer than a year")
    return timedelta(seconds=seconds)


def check_http_url(url: str) -> str:
    """Accept only absolute http(s) URLs with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise ValueError(f"{url!r}: only http and https URLs are allowed")
    if not parts.hostname:
        raise ValueError(f"{url!r}: URL has no host")
    try:
        parts.port  # noqa: B018 - raises on a port out of range or not a number
    except ValueError as exc:
        raise ValueError(f"{url!r}: {exc}") from None
    return url


def host_of(url: str) -> str:
    """Lower-case host name of ``url`` without port."""
    return (urlsplit(url).hostname or "").lower()


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed`` or a subdomain of one (www. is ignored)."""
    host = host.lower().removeprefix("www.")
    for base in allowed:
        base = base.lower().removeprefix("www.")
        if host == base or host.endswith("." + base):
            return True
    return False


class SourceConfig(BaseModel):
    """One outlet, as written in ``sources.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    url: str
    hosts: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    article_pattern: str | None = None
    every: str | None = None
    cron: str | None = None
    enabled: bool = True
    timeout: str | None = Field(default=None, description="crawl time limit override, e.g. 20m")
    language: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not SOURCE_ID.match(value):
            raise ValueError(f"{value!r} is not a valid id; use lower-case letters, digits and '-'")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_http_url(value)

    @field_validator("feeds", "sitemaps", "listings")
    @classmethod
    def _urls(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            check_http_url(value)
        return values

    @field_validator("hosts")
    @classmethod
    def _hosts(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not re.match(r"^[a-z0-9.-]+$", value.lower()) or ("." not in value and value != "localhost"):
                raise ValueError(f"{value!r} is not a host name (write it without scheme or path)")
        return tuple(value.lower() for value in values)

    @field_validator("article_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"{value!r} is not a valid regular expression: {exc}") from None
        return value

    @field_validator("every", "timeout")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            parse_duration(value)
        return value

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a crontab expression (5 fields): {exc}") from None
        return value

    @model_validator(mode="after")
    def _checks(self) -> SourceConfig:
        if self.every and self.cron:
            raise ValueError("give either 'every' or 'cron', not both")
        if not (self.feeds or self.sitemaps or self.listings):
            raise ValueError("a source needs at least one of feeds, sitemaps or listings")
        if self.listings and not self.article_pattern:
            raise ValueError("listings need an article_pattern to tell article links from the rest")
        return self

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """The host of ``url`` plus ``hosts``: the crawl never leaves these."""
        return (host_of(self.url), *self.hosts)

    @property
    def interval(self) -> timedelta | None:
        """The ``every`` schedule as a timedelta (None when ``cron`` is used)."""
        return parse_duration(self.every) if self.every else None

    @property
    def timeout_seconds(self) -> float | None:
        """Per-source crawl time limit in seconds, if overridden."""
        return parse_duration(self.timeout).total_seconds() if self.timeout else None

    @property
    def article_regex(self) -> re.Pattern[str] | None:
        """Compiled ``article_pattern``."""
        return re.compile(self.article_pattern) if self.article_pattern else None


@dataclass(frozen=True)
class SourceList:
    """All sources from one file, in file order."""

    path: Path
    sources: tuple[SourceConfig, ...]

    def get(self, source_id: str) -> SourceConfig:
        """The source with ``source_id``; KeyError if unknown."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    @property
    def enabled(self) -> tuple[SourceConfig, ...]:
        """Sources with ``enabled: true``."""
        return tuple(source for source in self.sources if source.enabled)


def _check_hosts(source: SourceConfig, index: int, document: YamlDocument) -> list[ConfigIssue]:
    issues = []
    for key in ("feeds", "sitemaps", "listings"):
        for position, url in enumerate(getattr(source, key)):
            host = host_of(url)
            if not host_allowed(host, source.allowed_hosts):
                issues.append(
                    document.issue(
                        ("sources", index, key, position),
                        f"host {host!r} is outside the source; allowed: "
                        f"{', '.join(source.allowed_hosts)} (add it to 'hosts' if the outlet uses it)",
                    )
                )
    return issues


def parse_sources(document: YamlDocument) -> SourceList:
    """Validate a parsed ``sources.yaml``; every problem is reported, not just the first."""
    data = document.data
    if data is None:
        data = {"sources": []}
    if not isinstance(data, dict):
        raise ConfigError([document.issue((), "the file must be a mapping with a 'sources' list")])
    unknown = [key for key in data if key != "sources"]
    issues = [document.issue((key,), "unknown key (allowed: sources)") for key in unknown]
    raw = data.get("sources") or []
    if not isinstance(raw, list):
        raise ConfigError([*issues, document.issue(("sources",), "must be a list of sources")])
    sources: list[SourceConfig] = []
    first_line: dict[str, int | None] = {}
    for index, entry in enumerate(raw):
        try:
            source = validate(SourceConfig, entry, document, base=("sources", index))
        except ConfigError as exc:
            issues.extend(exc.issues)
            continue
        if source.id in first_line:
            issues.append(
                document.issue(
                    ("sources", index, "id"),
                    f"duplicate id {source.id!r} (first used on line {first_line[source.id]})",
                )
            )
            continue
        first_line[source.id] = document.line_of(("sources", index, "id"))
        issues.extend(_check_hosts(source, index, document))
        sources.append(source)
    if issues:
        raise ConfigError(issues)
    return SourceList(document.path, tuple(sources))


def load_sources(path: Path) -> SourceList:
    """Load and validate ``sources.yaml``."""
    return parse_sources(load_yaml(path))


def source_to_dict(source: SourceConfig) -> dict[str, Any]:
    """Plain-data form of a source (for JSON output and subprocess hand-off)."""
    return source.model_dump(mode="json", exclude_none=True)
