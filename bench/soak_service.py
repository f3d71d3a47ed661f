"""Soak: run `newsmon run` against a loopback outlet until it has done N crawls, and print the
service's resident memory at run 10 and at run N (target: within 10 %).

    .venv/bin/python bench/soak_service.py [--runs 300] [--sources 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.sample_outlet import OutletServer, build_sample_site  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def finished_runs(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute("SELECT count(*) FROM crawl_runs WHERE outcome != 'running'").fetchone()
            return int(row[0])
    except sqlite3.OperationalError:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--sources", type=int, default=4)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsmon-soak-"))
    config = workdir / "config"
    config.mkdir()
    shutil.copytree(REPO / "config" / "taxonomy", config / "taxonomy")
    database = workdir / "soak.sqlite"
    (config / "newsmon.yaml").write_text(
        f"database_url: sqlite:///{database}\nreload_interval: 1\n"
        "crawl:\n  download_delay: 0\n  autothrottle: false\n  extract_workers: 1\n"
        "  max_concurrent_crawls: 2\n"
    )
    samples: dict[int, float] = {}
    with OutletServer(build_sample_site) as server:
        entries = "".join(
            f"  - id: soak-{n}\n    name: Soak {n}\n    url: {server.base_url}/\n"
            f"    feeds: [{server.base_url}/feeds/latest.xml]\n    every: 1s\n"
            for n in range(args.sources)
        )
        (config / "sources.yaml").write_text("sources:\n" + entries)
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
        log = (workdir / "service.log").open("wb")
        service = subprocess.Popen(
            [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), "run"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started = time.monotonic()
        try:
            checkpoints = sorted({10, args.runs // 2, args.runs})
            while len(samples) < len(checkpoints):
                if service.poll() is not None:
                    print(f"soak/error service exited with {service.returncode}; log in {workdir}")
                    return 1
                runs = finished_runs(database)
                for checkpoint in checkpoints:
                    if runs >= checkpoint and checkpoint not in samples:
                        samples[checkpoint] = rss_mb(service.pid)
                        print(f"soak/rss_at_run_{checkpoint}_mb={samples[checkpoint]:.1f}", flush=True)
                time.sleep(0.5)
        finally:
            service.send_signal(signal.SIGTERM)
            code = service.wait(timeout=60)
        elapsed = time.monotonic() - started
    first, last = samples[min(samples)], samples[max(samples)]
    print(f"soak/rss_growth={last / first:.3f} (run {max(samples)} vs run {min(samples)}; target <= 1.10)")
    print(f"soak/crawls_per_minute={finished_runs(database) / elapsed * 60:.1f}")
    print(f"soak/exit_code={code}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if last / first <= 1.10 and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
