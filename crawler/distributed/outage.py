"""Logging a Redis outage once when it starts and once when it ends."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("newsmon.worker")


class Outage:
    """Tracks whether Redis answered the last call of one component."""

    def __init__(self, what: str):
        self.what = what
        self.since: float | None = None

    def failed(self, exc: Exception) -> None:
        """Redis did not answer; logged on the first failure only."""
        if self.since is None:
            self.since = time.monotonic()
            log.warning(
                "redis unavailable (%s: %s); %s waits and retries", type(exc).__name__, exc, self.what
            )

    def recovered(self) -> None:
        """Redis answered again."""
        if self.since is not None:
            log.warning(
                "redis reachable again after %.0fs; %s goes on", time.monotonic() - self.since, self.what
            )
            self.since = None

    @property
    def down(self) -> bool:
        """True while the last call failed."""
        return self.since is not None
