"""CLI commands not covered elsewhere: sources test (dry run), db upgrade, demo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.sample_outlet import OutletServer, build_sample_site
from tests.support import newsmon, write_config


def test_sources_test_is_a_dry_run(tmp_path: Path) -> None:
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url)
        result = newsmon(config, "sources", "test", "sample", "--limit", "3")
    assert result.returncode == 0, result.stderr
    assert "sample: ok" in result.stdout
    new = int(result.stdout.split(" new,")[0].rsplit(" ", 1)[1])
    # --limit caps article requests (one of them may be refused by robots.txt)
    assert 1 <= new <= 3
    assert result.stdout.count(f"{server.base_url}/news/") == new
    assert not (tmp_path / "config.sqlite").exists(), "the dry run must not touch the real database"
    unknown = newsmon(config, "sources", "test", "nope")
    assert unknown.returncode == 2 and "unknown source 'nope'" in unknown.stderr


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", "http://127.0.0.1:9")
    result = newsmon(config, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout
    with sqlite3.connect(tmp_path / "config.sqlite") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "crawl_runs", "seen_urls", "alembic_version"} <= tables
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_demo_runs_offline_end_to_end(tmp_path: Path) -> None:
    result = newsmon(tmp_path, "demo", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "sample: ok" in result.stdout
    assert "stored 16 articles" in result.stdout
    assert "[KP TTP]" in result.stdout or "KP" in result.stdout


def test_crawl_with_a_broken_taxonomy_stops_at_once_naming_file_and_line(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", "http://127.0.0.1:9")  # never contacted
    groups = config / "taxonomy" / "groups.yaml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(text.replace("    acronyms: [TTP]\n", "    acronyms: [TTP]\n    spelings: [TTP]\n", 1))
    line = groups.read_text(encoding="utf-8").splitlines().index("    spelings: [TTP]") + 1
    result = newsmon(config, "crawl", timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"groups.yaml:{line}" in result.stderr
    assert "spelings" in result.stderr
