"""Config and database helpers shared by the scale-out tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from crawler.sample_outlet import OutletServer
from tests.support import write_config

QUEUE_SETTINGS = """reload_interval: 1
shutdown_grace: 5
crawl:
  download_delay: 0
  autothrottle: false
  concurrent_requests_per_host: 8
  extract_workers: 1
  queue: {queue}
"""


def queue_config(directory: Path, base_url: str, queue_url: str) -> Path:
    """A config folder for one source at ``base_url`` in scale-out mode."""
    return write_config(directory, base_url, settings=QUEUE_SETTINGS.format(queue=queue_url))


def article_gets(server: OutletServer) -> Counter[str]:
    """How often each article page was fetched."""
    return Counter(r.path for r in server.requests.snapshot() if r.method == "GET" and "/news/" in r.path)


def query(database_url: str, sql: str) -> list[Any]:
    """Rows of one SQL query."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql)))
    finally:
        engine.dispose()


def count(database_url: str, table: str) -> int:
    return int(query(database_url, f"SELECT count(*) FROM {table}")[0][0])
