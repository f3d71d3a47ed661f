"""The digest list (``config/digests.yaml``): schema and loading, with file:line errors."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import time
from email.utils import formataddr, parseaddr
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, field_validator

from crawler.config.settings import ServiceSettings
from crawler.config.yamlfile import ConfigError, ConfigIssue, YamlDocument, load_yaml, validate
from scheduler.app import AppConfig

DIGEST_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,15}$")
PROVINCE_CODES = ("PB", "SD", "KP", "BA", "ICT", "GB", "AJK")
SUBJECT_FIELDS = frozenset({"name", "id", "date", "stories", "provinces", "groups"})
DEFAULT_SUBJECT = "[newsmon] {name}, {date}: {stories}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_address(value: str) -> str:
    """``a@b.org`` or ``Name <a@b.org>``, syntax checked (no DNS); returns it normalised."""
    name, address = parseaddr(value)
    if not address or "@" not in address:
        raise ValueError(f"{value!r} is not an e-mail address")
    try:
        normalized = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"{value!r} is not a valid e-mail address: {exc}") from None
    return formataddr((name, normalized)) if name else normalized


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    out = tuple(str(value).strip().upper() for value in values)
    for code in out:
        if not CODE.match(code):
            raise ValueError(f"{code!r} is not a code (e.g. KP, TTP)")
    return out


class DigestFilters(_Strict):
    """Which stories a digest covers; an empty list means all."""

    provinces: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    match: Literal["all", "any"] = Field(
        default="all", description="all: province AND group filters; any: province OR group"
    )

    @field_validator("provinces")
    @classmethod
    def _provinces(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        codes = _codes(values)
        for code in codes:
            if code not in PROVINCE_CODES:
                raise ValueError(f"unknown province {code!r} (known: {', '.join(PROVINCE_CODES)})")
        return codes

    @field_validator("groups")
    @classmethod
    def _groups(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _codes(values)


class DigestOptions(_Strict):
    """How a digest looks and when it goes out empty."""

    max_stories: int = Field(default=50, ge=1, le=1000)
    send_when_empty: bool = False
    subject: str = DEFAULT_SUBJECT
    unsubscribe: str | None = Field(default=None, description="mailto: or https: URL for List-Unsubscribe")

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("the subject must be one line")
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"invalid subject template: {exc}") from None
        for name in fields:
            if name not in SUBJECT_FIELDS:
                raise ValueError(
                    f"unknown placeholder {{{name}}} (known: {', '.join(sorted(SUBJECT_FIELDS))})"
                )
        return value

    @field_validator("unsubscribe")
    @classmethod
    def _unsubscribe(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("mailto:", "https://")):
            raise ValueError("use a mailto: address or an https:// URL")
        return value


class DigestConfig(_Strict):
    """One digest (one recipient list) as written in ``digests.yaml``."""

    id: str
    name: str | None = None
    to: tuple[str, ...]
    at: str = "07:00"
    timezone: str | None = None
    enabled: bool = True
    filters: DigestFilters = DigestFilters()
    options: DigestOptions = DigestOptions()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not DIGEST_ID.match(value):
            raise ValueError(f"{value!r} is not a valid id; use lower-case letters, digits and '-'")
        return value

    @field_validator("to", mode="before")
    @classmethod
    def _to_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("to")
    @classmethod
    def _to(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if not values:
            raise ValueError("at least one address is needed")
        return tuple(check_address(value) for value in values)

    @field_validator("at")
    @classmethod
    def _at(cls, value: str) -> str:
        if not re.match(r"^\d{1,2}:\d{2}$", str(value)):
            raise ValueError(f'{value!r} is not a time of day; write HH:MM, e.g. "07:00"')
        hour, minute = (int(part) for part in str(value).split(":"))
        if hour > 23 or minute > 59:
            raise ValueError(f"{value!r} is not a time of day")
        return f"{hour:02d}:{minute:02d}"

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"{value!r} is not a known time zone (e.g. Asia/Karachi)") from None
        return value

    @property
    def title(self) -> str:
        """Display name (the id when no name is given)."""
        return self.name or self.id

    @property
    def send_time(self) -> time:
        """``at`` as a time of day."""
        hour, minute = (int(part) for part in self.at.split(":"))
        return time(hour, minute)

    @property
    def zone(self) -> ZoneInfo:
        """The digest's time zone (filled from ``newsmon.yaml`` by :func:`load_digests`)."""
        return ZoneInfo(self.timezone or "Asia/Karachi")

    @property
    def addresses(self) -> tuple[str, ...]:
        """Bare addresses of ``to`` (the SMTP envelope)."""
        return tuple(parseaddr(value)[1] for value in self.to)


@dataclass(frozen=True)
class DigestList:
    """All digests from one file, in file order."""

    path: Path
    digests: tuple[DigestConfig, ...]

    def get(self, digest_id: str) -> DigestConfig:
        """The digest with ``digest_id``; KeyError if unknown."""
        for digest in self.digests:
            if digest.id == digest_id:
                return digest
        raise KeyError(digest_id)

    @property
    def enabled(self) -> tuple[DigestConfig, ...]:
        """Digests with ``enabled: true``."""
        return tuple(digest for digest in self.digests if digest.enabled)


def _cross_checks(
    digest: DigestConfig,
    index: int,
    document: YamlDocument,
    source_ids: frozenset[str] | None,
    group_codes: frozenset[str] | None,
) -> list[ConfigIssue]:
    issues = []
    base = ("digests", index, "filters")
    for position, source in enumerate(digest.filters.sources):
        if source_ids is not None and source not in source_ids:
            issues.append(document.issue((*base, "sources", position), f"unknown source {source!r}"))
    for position, group in enumerate(digest.filters.groups):
        if group_codes is not None and group not in group_codes:
            issues.append(document.issue((*base, "groups", position), f"unknown group {group!r}"))
    return issues


def parse_digests(
    document: YamlDocument,
    settings: ServiceSettings,
    *,
    source_ids: frozenset[str] | None = None,
    group_codes: frozenset[str] | None = None,
) -> DigestList:
    """Validate a parsed ``digests.yaml``; every problem is reported, not just the first."""
    data = document.data if document.data is not None else {"digests": []}
    if not isinstance(data, dict):
        raise ConfigError([document.issue((), "the file must be a mapping with a 'digests' list")])
    issues = [document.issue((key,), "unknown key (allowed: digests)") for key in data if key != "digests"]
    raw = data.get("digests") or []
    if not isinstance(raw, list):
        raise ConfigError([*issues, document.issue(("digests",), "must be a list of digests")])
    digests: list[DigestConfig] = []
    first_line: dict[str, int | None] = {}
    for index, entry in enumerate(raw):
        try:
            digest = validate(DigestConfig, entry, document, base=("digests", index))
        except ConfigError as exc:
            issues.extend(exc.issues)
            continue
        if digest.id in first_line:
            issues.append(
                document.issue(
                    ("digests", index, "id"),
                    f"duplicate id {digest.id!r} (first used on line {first_line[digest.id]})",
                )
            )
            continue
        first_line[digest.id] = document.line_of(("digests", index, "id"))
        issues.extend(_cross_checks(digest, index, document, source_ids, group_codes))
        if digest.timezone is None:
            digest = digest.model_copy(update={"timezone": settings.timezone})
        digests.append(digest)
    if issues:
        raise ConfigError(issues)
    return DigestList(document.path, tuple(digests))


def load_digests(
    path: Path,
    settings: ServiceSettings,
    *,
    source_ids: frozenset[str] | None = None,
    group_codes: frozenset[str] | None = None,
) -> DigestList:
    """Load and validate ``digests.yaml`` (a missing file means no digests).

    ``source_ids`` / ``group_codes``, when given, are what filters may name.
    """
    if not path.exists():
        return DigestList(path, ())
    return parse_digests(load_yaml(path), settings, source_ids=source_ids, group_codes=group_codes)


def load_app_digests(config: AppConfig) -> DigestList:
    """``digests.yaml`` of an app config, checked against its sources and taxonomy."""
    from scheduler.digests.names import group_names

    groups = group_names(config.taxonomy_dir)
    return load_digests(
        config.paths.digests,
        config.settings,
        source_ids=frozenset(source.id for source in config.sources.sources),
        group_codes=frozenset(groups) if groups else None,
    )
