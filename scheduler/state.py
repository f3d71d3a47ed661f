"""The service's published state (heartbeat, config error, next runs) in ``service_state``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pipelines.storage.models import ServiceState, utcnow
from pipelines.storage.repository import Store

SERVICE_KEY = "service"


def write_service_state(store: Store, value: dict[str, Any] | None) -> None:
    """Publish (or, with None, withdraw) the running service's state."""
    with store.sessions.begin() as session:
        row = session.get(ServiceState, SERVICE_KEY)
        if value is None:
            if row is not None:
                session.delete(row)
            return
        if row is None:
            session.add(ServiceState(key=SERVICE_KEY, value=value, updated_at=utcnow()))
        else:
            row.value, row.updated_at = value, utcnow()


def read_service_state(store: Store) -> dict[str, Any] | None:
    """The last published state, with ``alive`` set from the heartbeat's age."""
    with store.sessions() as session:
        row = session.get(ServiceState, SERVICE_KEY)
        if row is None:
            return None
        value = dict(row.value)
    interval = float(value.get("heartbeat_interval") or 5.0)
    beat = datetime.fromisoformat(value["heartbeat_at"]) if value.get("heartbeat_at") else None
    value["alive"] = bool(beat and utcnow() - beat < timedelta(seconds=max(30.0, 3 * interval)))
    return value
