"""``newsmon demo``: the whole path offline, on a bundled sample outlet served on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from crawler.sample_outlet import OutletServer, build_sample_site

REPO_CONFIG = Path(__file__).resolve().parents[1] / "config"


def demo_sources_yaml(base_url: str) -> str:
    """A sources.yaml for the sample outlet at ``base_url``."""
    return f"""sources:
  - id: sample
    name: Sample Outlet (demo)
    url: {base_url}/
    feeds: [{base_url}/feeds/latest.xml]
    sitemaps: [{base_url}/sitemap.xml]
    listings: [{base_url}/latest/]
    article_pattern: '/news/\\d{{4}}/\\d{{2}}/'
    every: 1h
"""


def run_demo(keep: bool = False) -> int:
    """Serve the sample outlet, crawl it into a throwaway database, print what was stored."""
    workdir = Path(tempfile.mkdtemp(prefix="newsmon-demo-"))
    config_dir = workdir / "config"
    config_dir.mkdir()
    if (REPO_CONFIG / "taxonomy").is_dir():
        shutil.copytree(REPO_CONFIG / "taxonomy", config_dir / "taxonomy")
    (config_dir / "newsmon.yaml").write_text(
        f"database_url: sqlite:///{workdir}/demo.db\noutbox_dir: {workdir}/outbox\n"
        "crawl:\n  download_delay: 0\n  autothrottle: false\n",
        encoding="utf-8",
    )
    server = OutletServer()
    try:
        with server:
            server.site = build_sample_site(server.base_url)
            (config_dir / "sources.yaml").write_text(demo_sources_yaml(server.base_url), encoding="utf-8")
            print(f"sample outlet at {server.base_url}; crawling it into {workdir}/demo.db")
            base = [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config_dir)]
            crawl = subprocess.run([*base, "crawl"], check=False)
            if crawl.returncode != 0:
                return crawl.returncode
        _print_stored(base)
    finally:
        if keep:
            print(f"demo folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _print_stored(base: list[str]) -> None:
    import json

    out = subprocess.run([*base, "articles", "export"], check=True, capture_output=True, text=True).stdout
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    print(f"\nstored {len(records)} articles:")
    for record in records:
        tags = " ".join(record["provinces"] + record["groups"]) or "-"
        print(f"  #{record['id']:<3} story={record['story_id'] or '-':<4} [{tags}] {record['title']}")
