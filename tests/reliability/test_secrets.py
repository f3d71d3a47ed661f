"""Issue #9.5: passwords come only from the environment and never appear in any output.

The SMTP password and a password inside NEWSMON_DATABASE_URL are grepped for in everything
newsmon prints, logs (at DEBUG, to a file) and stores. The PostgreSQL outage test greps a
working crawl's output with a password in its database URL as well.
"""

from __future__ import annotations

import time
from pathlib import Path

from crawler.redact import SecretUrl, hide_password
from crawler.sample_outlet import OutletServer, build_sample_site
from tests.reliability.crashkit import database_of, query, start, wait_until
from tests.support import FAST_CRAWL, newsmon, write_config

SMTP_PASSWORD = "smtp-s3cret-Hq71x"
DB_PASSWORD = "db-s3cret-Mv52k"
COMMANDS = [
    ("crawl",),
    ("status",),
    ("status", "--format", "json"),
    ("articles", "export"),
    ("articles", "export", "--format", "csv"),
    ("sources", "list"),
    ("sources", "validate"),
]


def test_hide_password() -> None:
    url = f"postgresql+psycopg://newsmon:{DB_PASSWORD}@127.0.0.1:5432/newsmon"
    assert DB_PASSWORD not in hide_password(f"cannot reach {url}: refused")
    assert DB_PASSWORD not in repr(SecretUrl(url)) and str(SecretUrl(url)) == url
    assert hide_password("sqlite:///data/newsmon.db") == "sqlite:///data/newsmon.db"


def test_no_secret_in_any_output(tmp_path: Path) -> None:
    log_file = tmp_path / "newsmon.log"
    settings = f"{FAST_CRAWL}smtp:\n  host: 127.0.0.1\n  port: 1\n  username: newsmon\nlog:\n  level: DEBUG\n"
    settings += f"  file: {log_file}\n"
    env = {"NEWSMON_SMTP_PASSWORD": SMTP_PASSWORD}
    outputs: list[str] = []
    with OutletServer(build_sample_site) as server:
        config = write_config(tmp_path / "config", server.base_url, settings=settings)
        for args in COMMANDS:
            result = newsmon(config, *args, env=env)
            assert result.returncode == 0, (args, result.stderr[-2000:])
            outputs += [result.stdout, result.stderr]
        service = start(config, "run", log=tmp_path / "service.out", env=env)
        database = database_of(config)
        wait_until(lambda: len(query(database, "SELECT id FROM crawl_runs")) >= 2, timeout=60, what="a crawl")
        time.sleep(1)
        assert service.stop() == 0
        outputs.append(service.output())
    outputs.append(log_file.read_text(encoding="utf-8", errors="replace"))
    assert "Overridden settings" in outputs[-1]  # DEBUG really logged Scrapy's settings
    outputs.append(database.read_bytes().decode("latin-1"))
    assert [o for o in outputs if o.strip()], "nothing was captured"
    assert not [o for o in outputs if SMTP_PASSWORD in o]

    # the database password, with the database unreachable (a closed port on loopback)
    env["NEWSMON_DATABASE_URL"] = f"postgresql+psycopg://newsmon:{DB_PASSWORD}@127.0.0.1:1/newsmon"
    failed: list[str] = []
    for args in [*COMMANDS, ("db", "upgrade")]:
        result = newsmon(config, *args, env=env)
        failed += [result.stdout, result.stderr]
    assert any("127.0.0.1" in o for o in failed)  # the errors were printed...
    assert not [o for o in failed if DB_PASSWORD in o]  # ...without the password
