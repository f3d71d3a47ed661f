"""``newsmon status``: per-source runs and health, the service's heartbeat and config error."""

from __future__ import annotations

import argparse
import json
from typing import Any

from crawler.config.settings import ConfigPaths, ServiceSettings, apply_env, load_settings
from crawler.config.sources import load_sources
from crawler.config.yamlfile import ConfigError
from pipelines.storage.repository import Store
from scheduler.state import read_service_state
from scheduler.status import source_health


def build_status(config_dir: str | None) -> dict[str, Any]:
    """The status report as plain data (the JSON form of `newsmon status`)."""
    paths = ConfigPaths.from_env(config_dir)
    config_error = None
    try:
        settings = load_settings(paths.settings)
    except ConfigError as exc:
        config_error, settings = str(exc), apply_env(ServiceSettings())
    source_ids: list[tuple[str, bool]] = []
    try:
        source_ids = [(s.id, s.enabled) for s in load_sources(paths.sources).sources]
    except ConfigError as exc:
        config_error = "\n".join(filter(None, [config_error, str(exc)]))
    store = Store.for_url(settings.database_url)
    service = read_service_state(store)
    if service is not None and service.get("alive") and service.get("config_error"):
        config_error = service["config_error"]
    next_runs = (service or {}).get("next_runs", {}) if service and service.get("alive") else {}
    with store.sessions() as session:
        if not source_ids:
            from sqlalchemy import select

            from pipelines.storage.models import Source

            source_ids = [(sid, True) for sid in session.scalars(select(Source.id).order_by(Source.id))]
        sources = []
        for source_id, enabled in source_ids:
            health = source_health(session, source_id, settings.health)
            sources.append(
                {
                    "id": source_id,
                    "enabled": enabled,
                    "runs": health.runs,
                    "last_run": health.last_run,
                    "next_run": next_runs.get(source_id),
                    "health": health.health,
                    "health_reason": health.reason,
                }
            )
    return {"config_error": config_error, "service": service, "sources": sources}


def cmd_status(args: argparse.Namespace) -> int:
    """Print the status report as a table or JSON."""
    report = build_status(args.config_dir)
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    service = report["service"]
    if service and service.get("alive"):
        print(f"service: running pid={service['pid']} on {service['host']} since {service['started_at']}")
    else:
        print("service: not running")
    if report["config_error"]:
        print(f"config_error:\n{report['config_error']}")
    for entry in report["sources"]:
        last = entry["last_run"]
        when = last["started_at"][:19] if last else "never"
        outcome = (
            f"{last['outcome']}, {last['articles_new']} new, {last['error_count']} errors" if last else "-"
        )
        if last and last["errors"]:
            outcome += ": " + ", ".join(f"{kind}={count}" for kind, count in sorted(last["errors"].items()))
        next_run = (entry["next_run"] or "-")[:19]
        print(
            f"{entry['id']:<20} {entry['health']:<9} runs={entry['runs']:<5} last={when} ({outcome})"
            f" next={next_run}"
        )
    return 0
