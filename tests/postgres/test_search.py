"""`newsmon articles search`: SQLite FTS5 and PostgreSQL's full-text GIN index, with filters."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from crawler.sample_outlet import OutletServer, build_sample_site
from pipelines.storage.database import make_engine
from pipelines.storage.search import PG_DOCUMENT, fts5_query
from tests.support import newsmon, write_config


def search(config: Path, *args: str, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = newsmon(config, "articles", "search", "--format", "jsonl", *args, env=env)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def check_search(config: Path, env: dict[str, str] | None = None) -> None:
    hits = search(config, "quadcopter", env=env)
    assert hits and all("Bannu" in str(h["title"]) or "police" in str(h["title"]).lower() for h in hits)
    assert search(config, "Quadcopter", "RPGs", env=env)  # every word, any case
    assert search(config, "quadcopter", "cricket", env=env) == []
    kp = search(config, "police", "--province", "KP", env=env)
    assert kp and all("KP" in h["provinces"] for h in kp)
    assert search(config, "police", "--province", "GB", "--group", "BLA", env=env) == []
    assert search(config, "Lashkar-e-Jhangvi", env=env)  # punctuation is not query syntax
    assert search(config, '"unbalanced', env=env) == []


def test_search_on_sqlite_fts5(tmp_path: Path) -> None:
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url)
        assert newsmon(config, "crawl").returncode == 0
    check_search(config)
    assert fts5_query('a "b" OR c*') == '"a" "b" "OR" "c"'


def test_search_on_postgres_uses_the_gin_index(tmp_path: Path, pg_url: str) -> None:
    env = {"NEWSMON_DATABASE_URL": pg_url}
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url)
        assert newsmon(config, "crawl", env=env).returncode == 0
    check_search(config, env)
    with make_engine(pg_url).connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(
            row[0]
            for row in connection.execute(
                text(f"EXPLAIN SELECT id FROM articles WHERE {PG_DOCUMENT} @@ plainto_tsquery('simple', 'x')")
            )
        )
    assert "ix_articles_search" in plan, plan
