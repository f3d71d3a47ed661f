"""Helpers for tests that run newsmon as a user would: a config folder and the CLI in a subprocess.

Crawls run in subprocesses because a Twisted reactor cannot be restarted inside pytest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO_ROOT

FAST_CRAWL = """crawl:
  download_delay: 0
  autothrottle: false
  concurrent_requests_per_host: 8
  extract_workers: 1
"""


def write_config(
    directory: Path,
    base_url: str,
    *,
    feeds: bool = True,
    sitemaps: bool = True,
    listings: bool = True,
    pattern: str = r"/news/\d{4}/\d{2}/",
    settings: str = FAST_CRAWL,
    source_extra: str = "",
    extra_feeds: tuple[str, ...] = (),
    taxonomy: bool = True,
    source_id: str = "sample",
) -> Path:
    """A config folder for one source served at ``base_url``; returns the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [
        "sources:",
        f"  - id: {source_id}",
        "    name: Sample Outlet",
        f"    url: {base_url}/",
        "    feeds: ["
        + ", ".join(([f"{base_url}/feeds/latest.xml"] if feeds else []) + list(extra_feeds))
        + "]",
        f"    sitemaps: [{base_url}/sitemap.xml]" if sitemaps else "    sitemaps: []",
        f"    listings: [{base_url}/latest/]" if listings else "    listings: []",
        f"    article_pattern: '{pattern}'",
        "    every: 10s",
    ]
    if source_extra:
        lines.append(source_extra.rstrip())
    (directory / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    database = directory.parent / f"{directory.name}.sqlite"
    (directory / "newsmon.yaml").write_text(
        f"database_url: sqlite:///{database}\noutbox_dir: {directory.parent}/outbox\n{settings}",
        encoding="utf-8",
    )
    if taxonomy and not (directory / "taxonomy").exists():
        shutil.copytree(REPO_ROOT / "config" / "taxonomy", directory / "taxonomy")
    return directory


def newsmon(
    config_dir: Path,
    *args: str,
    timeout: float = 240,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``newsmon --config-dir CONFIG ARGS`` and return the finished process."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config_dir), *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        check=False,
    )


def export(config_dir: Path, *args: str) -> list[dict[str, Any]]:
    """Stored articles as dicts (``articles export``)."""
    result = newsmon(config_dir, "articles", "export", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
