"""Optional ``/healthz`` and ``/metrics`` (Prometheus) endpoint on localhost, off by default."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger("newsmon.http")
HEALTH_VALUES = {"ok": 0, "never_run": 0, "stale": 1, "failing": 2}


class StatusCollector:
    """Prometheus metrics computed from the status report at scrape time."""

    def __init__(self, report: Callable[[], dict[str, Any]]):
        self.report = report

    def collect(self) -> Iterator[GaugeMetricFamily]:
        data = self.report()
        runs = GaugeMetricFamily("newsmon_source_runs", "Crawl runs recorded per source", labels=["source"])
        new = GaugeMetricFamily(
            "newsmon_source_last_run_articles_new", "New articles in the last run", labels=["source"]
        )
        errors = GaugeMetricFamily(
            "newsmon_source_last_run_errors", "Errors in the last run", labels=["source"]
        )
        health = GaugeMetricFamily(
            "newsmon_source_health", "0 ok, 1 stale, 2 failing", labels=["source", "health"]
        )
        for source in data["sources"]:
            last = source["last_run"] or {}
            runs.add_metric([source["id"]], source["runs"])
            new.add_metric([source["id"]], last.get("articles_new", 0))
            errors.add_metric([source["id"]], last.get("error_count", 0))
            health.add_metric([source["id"], source["health"]], HEALTH_VALUES.get(source["health"], 0))
        config_error = GaugeMetricFamily("newsmon_config_error", "1 while the config on disk is broken")
        config_error.add_metric([], 1 if data["config_error"] else 0)
        yield from (runs, new, errors, health, config_error)


def serve(host: str, port: int, report: Callable[[], dict[str, Any]]) -> ThreadingHTTPServer:
    """Start the endpoint in a daemon thread; ``report`` builds the status report."""
    registry = CollectorRegistry()
    registry.register(StatusCollector(report))  # type: ignore[arg-type]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                if self.path.split("?")[0] == "/healthz":
                    data = report()
                    body = json.dumps(
                        {
                            "status": "ok" if not data["config_error"] else "config_error",
                            "config_error": data["config_error"],
                            "sources": {s["id"]: s["health"] for s in data["sources"]},
                        }
                    ).encode()
                    self._answer(200, "application/json", body)
                elif self.path.split("?")[0] == "/metrics":
                    self._answer(200, "text/plain; version=0.0.4", generate_latest(registry))
                else:
                    self._answer(404, "text/plain", b"not found\n")
            except Exception:  # the endpoint must never take the service down
                log.exception("status endpoint failed")
                self._answer(500, "text/plain", b"error\n")

        def _answer(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug(format, *args)

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name="newsmon-http", daemon=True).start()
    log.info("status endpoint on http://%s:%s/healthz and /metrics", host, server.server_address[1])
    return server
