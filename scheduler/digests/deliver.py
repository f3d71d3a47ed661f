"""Sending digests: which period is due, claim it, build, render, deliver, record."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from crawler.config.settings import ServiceSettings
from pipelines.storage.models import utcnow
from pipelines.storage.repository import Store
from scheduler.app import AppConfig
from scheduler.digests import log as digest_log
from scheduler.digests.config import DigestConfig
from scheduler.digests.names import group_names
from scheduler.digests.period import FIRST_WINDOW, Period, current_period, latest_period
from scheduler.digests.render import RenderedDigest, build_message, message_id, render
from scheduler.digests.sections import DigestContent, build_content
from scheduler.digests.send import DeliveryError, Transport, transport_for

log = logging.getLogger("newsmon.digests")


@dataclass(frozen=True)
class Outcome:
    """What happened to one period of one digest."""

    digest_id: str
    period: str
    status: str  # sent, empty, failed, already_sent, busy
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        """One line for the command's output."""
        return f"digest={self.digest_id} period={self.period} {self.status}" + (
            f": {self.detail}" if self.detail else ""
        )


class DigestSender:
    """Delivers the digests of one configuration through one transport."""

    def __init__(
        self,
        config: AppConfig,
        *,
        transport: Transport | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.settings: ServiceSettings = config.settings
        self.store = Store.for_url(config.settings.database_url)
        self.source_ids = [source.id for source in config.sources.enabled]
        self.group_names = group_names(config.taxonomy_dir)
        self.transport = transport or transport_for(config.settings)
        self.clock = clock

    # -- content -------------------------------------------------------------------------

    def content(self, digest: DigestConfig, start: datetime, end: datetime) -> DigestContent:
        """The digest's stories in ``[start, end)``, arranged."""
        with self.store.sessions() as session:
            return build_content(
                session,
                digest,
                start,
                end,
                source_ids=self.source_ids,
                thresholds=self.settings.health,
                group_names=self.group_names,
            )

    def preview(self, digest: DigestConfig) -> tuple[DigestContent, RenderedDigest]:
        """What the digest would say if sent now (since the last one); nothing is recorded."""
        now = self.clock()
        start = digest_log.covered_until(self.store, digest.id) or now - FIRST_WINDOW
        content = self.content(digest, min(start, now), now)
        return content, render(content, generated_at=now)

    # -- sending -------------------------------------------------------------------------

    def send(
        self,
        digest: DigestConfig,
        *,
        now_period: bool = False,
        open_new: bool = True,
        ignore_backoff: bool = False,
    ) -> list[Outcome]:
        """Send what is due for ``digest``: the latest period (``now_period``: the current one,
        up to now) and earlier periods whose retry is due. Each period at most once."""
        now = self.clock()
        if now_period:
            period, window_end = current_period(digest.send_time, digest.zone, now), now
        else:
            period = latest_period(digest.send_time, digest.zone, now)
            window_end = period.end
        if open_new and digest_log.find(self.store, digest.id, period.start) is None:
            msg_id = message_id(digest, period, self.settings.smtp.sender)
            digest_log.open_period(
                self.store, digest.id, period, window_end=window_end, message_id=msg_id, now=now
            )
        outcomes = [
            self._attempt(digest, row_id, now, ignore_backoff)
            for row_id in digest_log.actionable(self.store, digest.id, now, ignore_backoff=ignore_backoff)
        ]
        if not outcomes:
            row = digest_log.find(self.store, digest.id, period.start)
            if row is not None and row.status in digest_log.SETTLED:
                outcomes.append(Outcome(digest.id, period.key, "already_sent", row.status))
            elif row is not None and row.status == digest_log.SENDING:
                outcomes.append(Outcome(digest.id, period.key, "busy", "another sender is delivering it"))
            elif row is not None and row.status == digest_log.FAILED:
                when = row.next_attempt_at.isoformat() if row.next_attempt_at else "?"
                outcomes.append(
                    Outcome(digest.id, period.key, "failed", f"retry at {when}: {row.last_error}")
                )
        return outcomes

    def send_all(self, digests: Sequence[DigestConfig], **options: bool) -> list[Outcome]:
        """:meth:`send` for every digest; one digest's failure never stops the others."""
        return [outcome for digest in digests for outcome in self.send(digest, **options)]

    def _attempt(self, digest: DigestConfig, row_id: int, now: datetime, ignore_backoff: bool) -> Outcome:
        claimed = digest_log.claim(self.store, row_id, now, ignore_backoff=ignore_backoff)
        if claimed is None:
            return Outcome(digest.id, "?", "busy", "another sender has this period")
        key = claimed.period_end.astimezone(digest.zone).date().isoformat()
        period = Period(claimed.period_start, claimed.period_end, key)
        try:
            content = self.content(digest, claimed.window_start, claimed.window_end)
            if content.total == 0 and not digest.options.send_when_empty:
                digest_log.mark_empty(self.store, claimed, now)
                log.info("digest=%s period=%s: no stories, nothing sent", digest.id, key)
                return Outcome(digest.id, key, "empty", "no stories; send_when_empty is off")
            rendered = render(content, generated_at=now)
            message = build_message(
                rendered, digest, period, self.settings.smtp, msg_id=claimed.message_id, date=now
            )
            where = self.transport.deliver(message, digest.addresses, f"{digest.id}-{key}")
        except DeliveryError as exc:
            return self._failed(digest, key, claimed, now, str(exc))
        except Exception as exc:  # a bug or database error: record it, never leave it 'sending'
            log.exception("digest=%s period=%s: could not build the digest", digest.id, key)
            return self._failed(digest, key, claimed, now, f"{type(exc).__name__}: {exc}")
        if not digest_log.mark_sent(self.store, claimed, self.clock(), content.total):
            log.warning("digest=%s period=%s: sent, but the log row changed meanwhile", digest.id, key)
        log.info(
            "digest=%s period=%s sent to %s via %s (%d stories)",
            digest.id,
            key,
            ", ".join(digest.addresses),
            where,
            content.total,
        )
        return Outcome(
            digest.id, key, "sent", f"{content.total} stories to {', '.join(digest.addresses)} via {where}"
        )

    def _failed(
        self, digest: DigestConfig, key: str, claimed: digest_log.Claim, now: datetime, error: str
    ) -> Outcome:
        retry = digest_log.mark_failed(self.store, claimed, now, error)
        log.error(
            "digest=%s period=%s attempt %d failed: %s; retry at %s",
            digest.id,
            key,
            claimed.attempts,
            error,
            retry.isoformat(),
        )
        return Outcome(
            digest.id, key, "failed", f"{error} (attempt {claimed.attempts}; retry at {retry.isoformat()})"
        )
