"""Scale-out benchmark (issue #7): one vs two ``newsmon worker`` processes sharing a Redis queue.

    .venv/bin/python bench/scaleout_bench.py [--pages N] [--extract-workers K]

Serves a local outlet of N article pages (default 1,000: the real pages of
../shared/data/news-pages replicated as in crawl_bench.py, or generated sample articles when
../shared is absent) on 127.0.0.1, starts a throwaway PostgreSQL cluster and redis-server, and
for 1 and then 2 workers: a fresh database and an empty Redis, the workers started and ready,
the source's index pages enqueued, and the clock stopped when every article page has been
fetched and the stored-article count has stopped changing. Prints pages per second for each
and their ratio, one ``name=value`` line each. Every article page must be fetched exactly once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from sqlalchemy import create_engine, text  # noqa: E402

from crawler.distributed.queue import enqueue_source, redis_client  # noqa: E402
from crawler.sample_outlet import OutletServer, build_sample_site, generate_articles  # noqa: E402
from tests.pgcluster import running_cluster, unavailable_reason  # noqa: E402
from tests.scaleout.processes import RedisServer  # noqa: E402

SETTLE = 2.0  # seconds the stored count must stay still after the last article page was fetched
TIMEOUT = 1800.0


class Outlet:
    """The outlet under test: its server, article pattern and index URLs."""

    def __init__(self, pages: int):
        from outlet import DEFAULT_PAGES_DIR, PAGES_PATTERN, BenchOutlet

        if (DEFAULT_PAGES_DIR / "index.json").exists():
            bench = BenchOutlet(pages)
            self.server, self.pattern = bench.server, PAGES_PATTERN
            self.what = f"{pages} real pages ({len(bench.distinct)} distinct, replicated)"
        else:
            self.server = OutletServer(lambda base: build_sample_site(base, generate_articles(pages)))
            self.pattern = r"/news/\d{4}/\d{2}/"
            self.what = f"{pages} generated sample articles"
        self.pages = pages

    def article_gets(self) -> Counter[str]:
        return Counter(
            r.path
            for r in self.server.requests.snapshot()
            if r.method == "GET" and re.match(self.pattern, r.path.partition("?")[0])
        )


def write_config(directory: Path, base_url: str, pattern: str, queue: str, extract_workers: int) -> Path:
    """Config folder: one source, no politeness delays (loopback), scale-out mode."""
    directory.mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "config" / "taxonomy", directory / "taxonomy")
    (directory / "newsmon.yaml").write_text(
        "log: {level: INFO}\n"
        "crawl:\n"
        "  concurrent_requests: 16\n"
        "  concurrent_requests_per_host: 16\n"
        "  download_delay: 0\n"
        "  autothrottle: false\n"
        f"  extract_workers: {extract_workers}\n"
        f"  queue: {queue}\n",
        encoding="utf-8",
    )
    (directory / "sources.yaml").write_text(
        "sources:\n"
        "  - id: bench\n"
        "    name: Bench outlet\n"
        f"    url: {base_url}/\n"
        f"    feeds: [{base_url}/feeds/latest.xml]\n"
        f"    sitemaps: [{base_url}/sitemap.xml]\n"
        f"    listings: [{base_url}/latest/]\n"
        f"    article_pattern: '{pattern}'\n"
        "    every: 1h\n",
        encoding="utf-8",
    )
    return directory


def newsmon(config: Path, database_url: str, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    env["NEWSMON_DATABASE_URL"] = database_url
    output = log.open("wb") if log else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def measure(
    workers: int, outlet: Outlet, config: Path, database_url: str, redis_url: str, logs: Path
) -> float:
    """Pages per second of ``workers`` workers crawling the whole outlet into an empty database."""
    redis_client(redis_url).flushdb()
    outlet.server.requests.clear()
    assert newsmon(config, database_url, "db", "upgrade").wait(120) == 0
    procs = [
        newsmon(config, database_url, "worker", log=logs / f"w{workers}-{n}.log") for n in range(workers)
    ]
    try:
        deadline = time.monotonic() + 120
        while not all("ready:" in (logs / f"w{workers}-{n}.log").read_text() for n in range(workers)):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError(f"workers did not start; see {logs}")
            time.sleep(0.2)
        engine = create_engine(database_url)
        cpu_before = _cpu_times()
        started = time.perf_counter()
        enqueue_source(redis_url, str(config), "bench")
        stored, changed = -1, started
        while time.perf_counter() - started < TIMEOUT:
            with engine.connect() as connection:
                now_stored = int(connection.execute(text("SELECT count(*) FROM articles")).scalar() or 0)
            now = time.perf_counter()
            if now_stored != stored:
                stored, changed = now_stored, now
            fetched = outlet.article_gets()
            if len(fetched) >= outlet.pages and now - changed >= SETTLE:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"not done within {TIMEOUT}s")
        busy = _busy_share(cpu_before, _cpu_times())
        engine.dispose()
        seconds = changed - started
        doubles = [path for path, n in fetched.items() if n > 1]
        if doubles:
            raise RuntimeError(f"{len(doubles)} article pages fetched twice, e.g. {doubles[:3]}")
        print(
            f"# {workers} worker(s): {len(fetched)} article pages fetched once each, {stored} stored, "
            f"{seconds:.1f}s; machine CPU busy {busy:.0%}",
            flush=True,
        )
        return outlet.pages / seconds
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--extract-workers", type=int, default=1, help="extraction processes per worker")
    args = parser.parse_args()
    reason = unavailable_reason()
    if reason or not shutil.which("redis-server"):
        print(f"skipped: {reason or 'redis-server not found'}", file=sys.stderr)
        return 2
    logs = Path(tempfile.mkdtemp(prefix="newsmon-scaleout-bench-"))
    outlet = Outlet(args.pages)
    redis = RedisServer(logs)
    redis.start()
    try:
        with running_cluster() as cluster, outlet.server:
            print(f"# outlet: {outlet.what}; {os.cpu_count()} CPU cores; PostgreSQL + Redis on loopback")
            config = write_config(
                logs / "config", outlet.server.base_url, outlet.pattern, redis.url, args.extract_workers
            )
            rates = {}
            for workers in (1, 2):
                database_url = cluster.create_database(f"bench_{workers}")
                rates[workers] = measure(workers, outlet, config, database_url, redis.url, logs)
            print(f"scaleout/pages_per_s_1={rates[1]:.1f}")
            print(f"scaleout/pages_per_s_2={rates[2]:.1f}")
            print(f"scaleout/ratio={rates[2] / rates[1]:.2f}")
    finally:
        redis.stop()
        shutil.rmtree(logs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
