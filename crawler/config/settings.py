"""Service settings (``config/newsmon.yaml``): the one place that holds every default.

Environment overrides: ``NEWSMON_CONFIG_DIR`` (where the config files are),
``NEWSMON_DATABASE_URL``, ``NEWSMON_SMTP_HOST``, ``NEWSMON_SMTP_PORT`` and
``NEWSMON_SMTP_PASSWORD`` (the password is never read from a file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from crawler.config.yamlfile import ConfigError, ConfigIssue, load_yaml, validate

DEFAULT_CONFIG_DIR = Path("config")
DEFAULT_DATABASE_URL = "sqlite:///data/newsmon.db"
USER_AGENT = "newsmon/0.1 (news monitoring crawler; +https://github.com/newsmon/newsmon)"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CrawlSettings(_Section):
    """How the crawler behaves towards outlets."""

    user_agent: str = USER_AGENT
    download_timeout: float = Field(default=30.0, gt=0, le=300)
    max_page_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    concurrent_requests: int = Field(default=16, ge=1)
    concurrent_requests_per_host: int = Field(default=4, ge=1)
    download_delay: float = Field(default=0.25, ge=0)
    autothrottle: bool = True
    autothrottle_target_concurrency: float = Field(default=2.0, gt=0)
    obey_robots_txt: bool = True
    retry_times: int = Field(default=2, ge=0)
    listing_max_pages: int = Field(default=5, ge=1)
    max_articles_per_run: int = Field(default=0, ge=0, description="0 = no limit")
    extract_workers: int = Field(default=0, ge=0, description="0 = one per CPU core")
    crawl_timeout: float = Field(default=900.0, gt=0, description="seconds a crawl may run")
    max_concurrent_crawls: int = Field(default=2, ge=1)
    queue: str | None = None


class ExtractionSettings(_Section):
    """What counts as an article."""

    min_text_chars: int = Field(default=250, ge=0)
    min_words: int = Field(default=40, ge=0)


class DedupSettings(_Section):
    """Near-duplicate detection (MinHash + LSH): an article joins a story when its estimated
    Jaccard similarity (word shingles) to a member is at least ``threshold``.

    Measured on ../shared/data/news-pages (tests/dedup, bench/dedup_cost.py): rewrites (new
    headline, last paragraph cut, one word in 25 changed, wire credit) score 0.52-0.90, distinct
    articles at most 0.07 (same-topic reports, e.g. the two CRSS seeds: 0.02); 0.4 sits between
    with a margin for the estimate's error (±0.04 at 128 permutations).
    """

    num_perm: int = Field(default=128, ge=16, le=1024)
    shingle_words: int = Field(default=3, ge=1, le=10)
    threshold: float = Field(default=0.4, gt=0, lt=1)
    story_window_days: float = Field(default=7.0, gt=0)


class HealthSettings(_Section):
    """When a source is flagged in ``newsmon status`` and digests."""

    stale_after_runs: int = Field(default=5, ge=1)
    failing_after_runs: int = Field(default=3, ge=1)


class SmtpSettings(_Section):
    """Outgoing mail; no host = digests go to ``outbox_dir`` as .eml files."""

    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    sender: str = "newsmon@localhost"
    timeout: float = Field(default=30.0, gt=0)


class HttpSettings(_Section):
    """Optional /healthz and /metrics endpoint on localhost (off by default)."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=8787, ge=1, le=65535)


class LogSettings(_Section):
    """Log level and optional file."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: str | None = None


class ServiceSettings(_Section):
    """Everything in ``newsmon.yaml``; every field has a working default."""

    database_url: str = DEFAULT_DATABASE_URL
    timezone: str = "Asia/Karachi"
    outbox_dir: str = "data/outbox"
    reload_interval: float = Field(default=5.0, gt=0, le=60)
    shutdown_grace: float = Field(default=20.0, ge=0)
    crawl: CrawlSettings = CrawlSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    dedup: DedupSettings = DedupSettings()
    health: HealthSettings = HealthSettings()
    smtp: SmtpSettings = SmtpSettings()
    http: HttpSettings = HttpSettings()
    log: LogSettings = LogSettings()

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a known time zone (e.g. Asia/Karachi)") from None
        return value


@dataclass(frozen=True)
class ConfigPaths:
    """Where each config file lives."""

    root: Path

    @property
    def settings(self) -> Path:
        return self.root / "newsmon.yaml"

    @property
    def sources(self) -> Path:
        return self.root / "sources.yaml"

    @property
    def digests(self) -> Path:
        return self.root / "digests.yaml"

    @property
    def taxonomy(self) -> Path:
        return self.root / "taxonomy"

    @classmethod
    def from_env(cls, override: str | Path | None = None) -> ConfigPaths:
        """``override``, else ``$NEWSMON_CONFIG_DIR``, else ``./config``."""
        root = override or os.environ.get("NEWSMON_CONFIG_DIR") or DEFAULT_CONFIG_DIR
        return cls(Path(root))


def load_settings(path: Path) -> ServiceSettings:
    """Load ``newsmon.yaml`` (a missing file means all defaults) and apply env overrides."""
    if path.exists():
        document = load_yaml(path)
        data = document.data or {}
        if not isinstance(data, dict):
            raise ConfigError([ConfigIssue(str(path), 1, "", "the file must be a mapping of settings")])
        settings = validate(ServiceSettings, data, document)
    else:
        settings = ServiceSettings()
    return apply_env(settings)


def apply_env(settings: ServiceSettings) -> ServiceSettings:
    """Environment variables win over the file."""
    updates: dict[str, object] = {}
    if url := os.environ.get("NEWSMON_DATABASE_URL"):
        updates["database_url"] = url
    smtp_updates: dict[str, object] = {}
    if host := os.environ.get("NEWSMON_SMTP_HOST"):
        smtp_updates["host"] = host
    if port := os.environ.get("NEWSMON_SMTP_PORT"):
        try:
            smtp_updates["port"] = int(port)
        except ValueError:
            raise ConfigError(
                [ConfigIssue("NEWSMON_SMTP_PORT", None, "", f"{port!r} is not a port number")]
            ) from None
    if smtp_updates:
        updates["smtp"] = settings.smtp.model_copy(update=smtp_updates)
    return settings.model_copy(update=updates) if updates else settings


def smtp_password() -> str | None:
    """The SMTP password, only ever from ``NEWSMON_SMTP_PASSWORD``."""
    return os.environ.get("NEWSMON_SMTP_PASSWORD") or None
