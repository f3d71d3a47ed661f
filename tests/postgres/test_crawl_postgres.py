"""The same crawl on SQLite and PostgreSQL; concurrent crawls on one PostgreSQL store no duplicate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.sample_outlet import OutletServer, build_sample_site
from tests.conftest import REPO_ROOT
from tests.support import export, newsmon, write_config


def comparable(records: list[dict[str, object]], base_url: str) -> list[tuple[object, ...]]:
    return sorted(
        (
            str(r["canonical_url"]).removeprefix(base_url),
            r["title"],
            r["published_at"],
            tuple(r["provinces"]),
            tuple(r["groups"]),
            r["language"],
        )  # type: ignore[arg-type]
        for r in records
    )


def test_same_crawl_same_articles_on_sqlite_and_postgres(tmp_path: Path, pg_url: str) -> None:
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url)
        assert newsmon(config, "crawl").returncode == 0
        on_sqlite = export(config)
        env = {"NEWSMON_DATABASE_URL": pg_url}
        result = newsmon(config, "crawl", env=env)
        assert result.returncode == 0, result.stderr
        pg_export = newsmon(config, "articles", "export", env=env)
        on_postgres = [json.loads(line) for line in pg_export.stdout.splitlines()]
        assert len(on_postgres) == len(on_sqlite) > 10
        assert comparable(on_postgres, server.base_url) == comparable(on_sqlite, server.base_url)
        status = json.loads(newsmon(config, "status", "--format", "json", env=env).stdout)
        assert status["sources"][0]["last_run"]["outcome"] == "ok"


def test_two_concurrent_crawls_store_each_article_once(tmp_path: Path, pg_url: str) -> None:
    with OutletServer(build_sample_site) as server:
        configs = [write_config(tmp_path / f"config{n}", server.base_url) for n in (1, 2)]
        env = {"NEWSMON_DATABASE_URL": pg_url, "PATH": "/usr/bin:/bin"}
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), "crawl"],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for config in configs
        ]
        outputs = [process.communicate(timeout=300) for process in processes]
        assert all(process.returncode == 0 for process in processes), outputs
        records = [
            json.loads(line)
            for line in newsmon(configs[0], "articles", "export", env=env).stdout.splitlines()
        ]
        canonical = [r["canonical_url"] for r in records]
        assert len(canonical) == len(set(canonical)) == 16
