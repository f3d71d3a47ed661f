"""Crawl benchmark (issue #8): newsmon against plain trafilatura and a naive Scrapy spider.

    .venv/bin/python bench/crawl_bench.py [--pages N | --quick] [--postgres URL] [--check]

Serves ../shared/data/news-pages replicated to N URLs (default 2,000; ``--quick``: 200) on
127.0.0.1 and measures, in this order and in one run: plain ``trafilatura.bare_extraction``
over the N bodies in this process; a first ``newsmon crawl`` into a fresh SQLite; the bare
extraction again (``crawl/bare`` uses the mean of the two); a recrawl of the unchanged outlet;
the naive spider (``bench/naive_spider.py``); a download-only Scrapy run; and each pipeline
stage's CPU cost in this process. One line per figure (``name=value (...)``).
``--check`` exits 1 on a gross regression (a ratio worse than twice its target).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outlet import DEFAULT_PAGES_DIR, PAGES_PATTERN, REPO_ROOT, BenchOutlet, BenchPage

QUICK_PAGES = 200
# figure -> (target, "max" or "min"); --check fails when a ratio is worse than twice its target
TARGETS: dict[str, tuple[float, str]] = {
    "crawl/bare": (0.8, "max"),
    "naive/newsmon": (1.2, "min"),
    "recrawl/first": (0.05, "max"),
}
MEMORY_TARGET_MB = 600
SAMPLE_EVERY = 0.2
CRAWL_TIMEOUT = 3600
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# -- process-tree measurement ------------------------------------------------------------


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds, RSS bytes) of a live process, from /proc/PID/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS, int(fields[21]) * _PAGE_SIZE


class TreeSampler(threading.Thread):
    """Samples a process and its descendants every ``SAMPLE_EVERY`` s: peak RSS of the tree
    (sum over processes, shared pages counted in each), peak RSS and last CPU time of the root."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.stopped = threading.Event()
        self.peak_tree = 0
        self.peak_root = 0
        self.root_cpu = 0.0
        self.max_processes = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(SAMPLE_EVERY)

    def sample(self) -> None:
        stats = {pid: s for pid in _pids() if (s := _stat(pid)) is not None}
        tree = {self.root}
        grew = True
        while grew:
            children = {pid for pid, (ppid, _, _) in stats.items() if ppid in tree} - tree
            tree |= children
            grew = bool(children)
        members = [stats[pid] for pid in tree if pid in stats]
        if self.root in stats:
            self.root_cpu = stats[self.root][1]
            self.peak_root = max(self.peak_root, stats[self.root][2])
        self.peak_tree = max(self.peak_tree, sum(rss for _, _, rss in members))
        self.max_processes = max(self.max_processes, len(members))


def _pids() -> Iterator[int]:
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            yield int(entry.name)


@dataclass
class ProcessRun:
    """One measured subprocess: wall time, tree CPU, memory and its output."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    tree_cpu: float  # the child and every descendant it waited for (extraction workers)
    root_cpu: float  # the child alone (last /proc sample)
    max_rss: int  # largest single process of the tree (ru_maxrss)
    peak_tree_rss: int
    peak_root_rss: int
    processes: int


def run_measured(command: list[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run ``command`` from the repo root, sampling its process tree; never raises on failure."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        timer = threading.Timer(CRAWL_TIMEOUT, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of the child and its reaped descendants
        seconds = time.perf_counter() - started
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stopped.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return ProcessRun(
            seconds=seconds,
            returncode=proc.returncode,
            stdout=out.read(),
            stderr=err.read(),
            tree_cpu=usage.ru_utime + usage.ru_stime,
            root_cpu=sampler.root_cpu,
            max_rss=usage.ru_maxrss * 1024,
            peak_tree_rss=sampler.peak_tree,
            peak_root_rss=sampler.peak_root,
            processes=sampler.max_processes,
        )


# -- the measured runs -------------------------------------------------------------------


def bare_baseline(pages: list[BenchPage], urls: list[str]) -> tuple[float, int]:
    """Seconds plain ``trafilatura.bare_extraction`` (with metadata) takes over the bodies, and
    how many gave text. Run twice per benchmark, around the first crawl (see ``main``)."""
    import trafilatura

    found = 0
    started = time.perf_counter()
    for page, url in zip(pages, urls, strict=True):
        doc = trafilatura.bare_extraction(page.body, url=url, with_metadata=True)
        found += bool(doc is not None and doc.text)
    return time.perf_counter() - started, found


def write_config(directory: Path, outlet: BenchOutlet, database_url: str) -> Path:
    """A newsmon config folder crawling ``outlet`` into ``database_url`` as fast as it can."""
    directory.mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "config" / "taxonomy", directory / "taxonomy")
    (directory / "newsmon.yaml").write_text(
        f"database_url: {json.dumps(database_url)}\n"
        "log: {level: WARNING}\n"
        "crawl:\n"
        "  concurrent_requests: 16\n"
        "  concurrent_requests_per_host: 16\n"
        "  download_delay: 0\n"
        "  autothrottle: false\n"
        "  obey_robots_txt: true\n"
        f"  crawl_timeout: {CRAWL_TIMEOUT}\n"
        "  max_concurrent_crawls: 1\n",
        encoding="utf-8",
    )
    (directory / "sources.yaml").write_text(
        "sources:\n"
        "  - id: bench\n"
        "    name: Bench outlet\n"
        f"    url: {outlet.base_url}/\n"
        f"    feeds: [{outlet.feed_url()}]\n"
        f"    sitemaps: [{outlet.sitemap_url()}]\n"
        f"    listings: [{outlet.listing_url()}]\n"
        f"    article_pattern: '{PAGES_PATTERN}'\n"
        "    every: 1h\n",
        encoding="utf-8",
    )
    return directory


def newsmon_crawl(config_dir: Path) -> ProcessRun:
    """``python -m scheduler.cli --config-dir DIR crawl``, NEWSMON_* variables cleared."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    command = [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config_dir), "crawl"]
    return run_measured(command, env)


def naive_crawl(outlet: BenchOutlet, extract: bool) -> tuple[ProcessRun, dict[str, Any]]:
    """The naive spider (or, without ``extract``, a download-only crawl) and its JSON figures."""
    command = [
        sys.executable,
        str(Path(__file__).resolve().parent / "naive_spider.py"),
        "--sitemap",
        outlet.sitemap_url(),
        "--feed",
        outlet.feed_url(),
        "--pattern",
        PAGES_PATTERN,
    ] + ([] if extract else ["--no-extract"])
    run = run_measured(command)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    return run, (json.loads(lines[-1]) if lines else {})


@dataclass
class CrawlFigures:
    """What one newsmon crawl did: articles in the database after it, from the outlet's log
    the article pages it fetched and the status of its other requests."""

    run: ProcessRun
    stored: int
    duplicates: int
    article_gets: int
    index_statuses: Counter[int]


def stored_articles(database_url: str) -> tuple[int, int]:
    """(articles, of which exact duplicates) in the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT count(*), count(duplicate_of) FROM articles")).one()
            return int(row[0]), int(row[1])
    finally:
        engine.dispose()


def measured_crawl(config_dir: Path, outlet: BenchOutlet, database_url: str) -> CrawlFigures:
    """One newsmon crawl of ``outlet``; raises SystemExit when it failed."""
    before = len(outlet.server.requests)
    gets_before = outlet.article_requests()
    run = newsmon_crawl(config_dir)
    if run.returncode != 0:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"newsmon crawl failed with exit code {run.returncode}")
    records = outlet.server.requests.snapshot()[before:]
    statuses = Counter(r.status for r in records if not re.match(PAGES_PATTERN, r.path))
    stored, duplicates = stored_articles(database_url)
    return CrawlFigures(run, stored, duplicates, outlet.article_requests() - gets_before, statuses)


# -- per-stage CPU, in this process --------------------------------------------------------


def _cpu_ms(action: Callable[[], Any], count: int) -> tuple[float, Any]:
    started = time.process_time()
    result = action()
    return 1000 * (time.process_time() - started) / max(count, 1), result


def stage_costs(pages: list[BenchPage], urls: list[str], workdir: Path) -> dict[str, float]:
    """CPU milliseconds per article of each pipeline stage, run in this process as the
    pipelines call them: extract, normalize, dedup (MinHash signature + LSH bands), tag, store
    (in the store stage's batches)."""
    from datetime import UTC, datetime

    from crawler.items import PageItem
    from pipelines.dedup.fingerprint import band_hashes, signature, to_bytes
    from pipelines.dedup.index import StoryIndex
    from pipelines.dedup.options import DedupOptions
    from pipelines.extraction import ExtractedArticle, ExtractionOptions, extract_article
    from pipelines.normalize import choose_canonical, content_hash, url_key
    from pipelines.storage.repository import Store
    from pipelines.store import DEFAULT_BATCH_SIZE, record_of
    from pipelines.tagging import Tagger, load_taxonomy

    options = ExtractionOptions()
    costs: dict[str, float] = {}
    costs["extract"], results = _cpu_ms(
        lambda: [extract_article(p.body, u, options) for p, u in zip(pages, urls, strict=True)], len(pages)
    )
    done = [(u, a) for u, a in zip(urls, results, strict=True) if isinstance(a, ExtractedArticle)]

    def normalize() -> list[tuple[str, tuple[str, ...], str]]:
        rows = []
        for url, article in done:
            canonical = choose_canonical(url, article.canonical_url, ("127.0.0.1",))
            keys = tuple(dict.fromkeys(url_key(u) for u in (url, url, canonical)))
            rows.append((canonical, keys, content_hash(article.text)))
        return rows

    costs["normalize"], identities = _cpu_ms(normalize, len(done))
    dedup = DedupOptions()

    def fingerprint() -> list[bytes | None]:
        out: list[bytes | None] = []
        for _, article in done:
            values = signature(article.text, dedup.num_perm, dedup.shingle_words)
            band_hashes(values, dedup.bands, dedup.rows)
            out.append(to_bytes(values))
        return out

    costs["dedup_signature"], signatures = _cpu_ms(fingerprint, len(done))
    tagger = Tagger(load_taxonomy(REPO_ROOT / "config" / "taxonomy"))
    costs["tag"], tags = _cpu_ms(
        lambda: [tagger.tag(a.title or "", a.text).to_dict() for _, a in done], len(done)
    )
    store = Store.for_url(f"sqlite:///{workdir / 'stages.db'}")
    now = datetime.now(UTC)
    # the pages as the store stage gets them, turned into records the way it does
    records = [
        record_of(
            PageItem(
                source_id="bench",
                url=url,
                requested_url=url,
                body=None,
                encoding=None,
                fetched_at=now,
                article=a,
                canonical_url=canonical,
                url_keys=keys,
                content_hash=digest,
                signature=sig,
                tags=tag,
            )
        )
        for (url, a), (canonical, keys, digest), tag, sig in zip(
            done, identities, tags, signatures, strict=True
        )
    ]
    batches = [records[i : i + DEFAULT_BATCH_SIZE] for i in range(0, len(records), DEFAULT_BATCH_SIZE)]
    store.upsert_source("bench", "Bench outlet", urls[0])
    costs["store"], _ = _cpu_ms(lambda: [store.save_batch(batch) for batch in batches], len(records))
    indexed = Store.for_url(f"sqlite:///{workdir / 'stages-dedup.db'}")
    indexed.upsert_source("bench", "Bench outlet", urls[0])
    index = StoryIndex(dedup)
    with_index, _ = _cpu_ms(lambda: [indexed.save_batch(batch, index) for batch in batches], len(records))
    costs["dedup_db"] = with_index - costs["store"]  # story lookup and join inside the store transaction
    Store.close_all()
    return costs


# -- PostgreSQL ----------------------------------------------------------------------------


def postgres_size(url: str) -> int:
    """Bytes of the current database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    finally:
        engine.dispose()


def _postgres(option: str | None, stack: contextlib.ExitStack) -> str | None:
    """The PostgreSQL URL to crawl into: as given, or a database in a throwaway cluster."""
    if option != "auto":
        return option
    from tests.pgcluster import running_cluster, unavailable_reason

    reason = unavailable_reason()
    if reason:
        print(f"# PostgreSQL: {reason}", flush=True)
        return None
    return stack.enter_context(running_cluster()).create_database("newsmon_bench")


# -- report --------------------------------------------------------------------------------


def _mb(value: float) -> float:
    return value / 1024 / 1024


def _sqlite_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def check(figures: dict[str, float], gated: dict[str, str]) -> list[str]:
    """Figures worse than twice their target (``gated`` maps a target to the figure checked)."""
    failures = []
    for name, (target, kind) in TARGETS.items():
        value = figures.get(gated.get(name, name))
        if value is None:
            continue
        if (kind == "max" and value > 2 * target) or (kind == "min" and value < target / 2):
            failures.append(
                f"{gated.get(name, name)}={value:.3f} is worse than twice its target ({kind} {target})"
            )
    return failures


def write_floor_config(directory: Path, outlet: BenchOutlet) -> Path:
    """A config whose one source has a single listing that answers 404: a crawl that fetches
    robots.txt and one index page, i.e. the fixed cost of any ``newsmon crawl`` process."""
    config = write_config(directory, outlet, f"sqlite:///{directory / 'floor.db'}")
    sources = (config / "sources.yaml").read_text(encoding="utf-8").splitlines()
    kept = [line for line in sources if not line.lstrip().startswith(("feeds:", "sitemaps:", "listings:"))]
    kept.insert(4, f"    listings: [{outlet.server.url('/bench-no-such-listing/')}]")
    (config / "sources.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return config


def _machine() -> str:
    load = os.getloadavg()
    busy = " (busy machine: ratios are unreliable)" if load[0] > 0.5 * (os.cpu_count() or 1) else ""
    return f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}{busy}"


class Report:
    """Prints ``name=value (detail)`` lines and keeps the values."""

    def __init__(self) -> None:
        self.figures: dict[str, float] = {}

    def __call__(self, name: str, value: float, digits: int, detail: str) -> None:
        self.figures[name] = value
        print(f"{name}={value:.{digits}f} ({detail})", flush=True)

    @staticmethod
    def note(text: str) -> None:
        print(f"# {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print one line per figure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="article URLs served (default 2000)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PAGES} pages (CI)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also crawl into this throwaway PostgreSQL database; 'auto': start a throwaway cluster "
        "with initdb/pg_ctl (tests/pgcluster.py; fsync off)",
    )
    parser.add_argument("--pages-dir", type=Path, default=DEFAULT_PAGES_DIR)
    parser.add_argument("--check", action="store_true", help="exit 1 on a ratio worse than twice its target")
    args = parser.parse_args(argv)
    count = QUICK_PAGES if args.quick else args.pages
    if not (args.pages_dir / "index.json").exists():
        print(f"news pages not found at {args.pages_dir}", file=sys.stderr)
        return 2

    report = Report()
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsmon-bench-")))
        outlet = stack.enter_context(BenchOutlet(count, args.pages_dir))
        postgres_url = _postgres(args.postgres, stack)
        report.note(outlet.describe())
        report.note(_machine())
        # The baseline runs right before and right after the first crawl and the ratio uses the
        # mean: this VM's speed drifts by 10-20 % within one run, and a drift that is linear in
        # time then weighs on both sides alike (the two times are printed).
        bare_before, bare_found = bare_baseline(outlet.pages, outlet.urls)
        database_url = f"sqlite:///{work / 'newsmon.db'}"
        config = write_config(work / "config", outlet, database_url)
        first = measured_crawl(config, outlet, database_url)
        bare_after, _ = bare_baseline(outlet.pages, outlet.urls)
        bare_seconds = (bare_before + bare_after) / 2
        report.note(
            f"bare_extraction (with_metadata=True): {bare_before:.1f}s before the crawl, "
            f"{bare_after:.1f}s after it, mean {bare_seconds:.1f}s; {bare_found}/{count} with text"
        )
        report.note(f"newsmon first crawl: {first.run.stdout.strip()}")
        recrawl = measured_crawl(config, outlet, database_url)
        report.note(f"newsmon recrawl: {recrawl.run.stdout.strip()}")
        naive, naive_info = naive_crawl(outlet, extract=True)
        report.note(f"naive spider: {naive_info}")
        _, fetch_info = naive_crawl(outlet, extract=False)
        report.note(f"download-only crawl: {fetch_info}")
        floor = newsmon_crawl(write_floor_config(work / "config-floor", outlet))
        report.note(f"start-up floor (newsmon crawl fetching one 404 index page): {floor.seconds:.1f}s")

        seconds = first.run.seconds
        report(
            "crawl/bare",
            seconds / bare_seconds,
            2,
            f"newsmon {seconds:.1f}s, bare {bare_seconds:.1f}s, pages={count}, "
            f"stored={first.stored} of which {first.duplicates} exact copies; sqlite; target <= 0.8",
        )
        if postgres_url:
            size_before = postgres_size(postgres_url)
            pg = measured_crawl(write_config(work / "config-pg", outlet, postgres_url), outlet, postgres_url)
            pg_bytes = postgres_size(postgres_url) - size_before
            report(
                "crawl/bare[postgresql]",
                pg.run.seconds / bare_seconds,
                2,
                f"newsmon {pg.run.seconds:.1f}s, bare {bare_seconds:.1f}s, stored={pg.stored}; target <= 0.8",
            )
            report(
                "db/bytes_per_1000_articles[postgresql]",
                1000 * pg_bytes / max(pg.stored, 1),
                0,
                f"database grew {_mb(pg_bytes):.1f} MB for {pg.stored} articles",
            )
        else:
            report.note("crawl/bare[postgresql]: not measured (--postgres URL or --postgres auto)")
        report(
            "naive/newsmon",
            naive.seconds / seconds,
            2,
            f"naive {naive.seconds:.1f}s, newsmon {seconds:.1f}s, "
            f"naive articles={naive_info.get('articles')}; target >= 1.2",
        )
        index = ", ".join(f"{status}x{n}" for status, n in sorted(recrawl.index_statuses.items()))
        report(
            "recrawl/first",
            recrawl.run.seconds / seconds,
            3,
            f"recrawl {recrawl.run.seconds:.1f}s, first {seconds:.1f}s; article pages fetched "
            f"{recrawl.article_gets}, index answers {index}; target <= 0.05",
        )
        net_recrawl = max(recrawl.run.seconds - floor.seconds, 0.0) / max(seconds - floor.seconds, 1e-9)
        report(
            "recrawl/first_net",
            net_recrawl,
            3,
            f"both minus the {floor.seconds:.1f}s start-up floor: what a recrawl costs beyond "
            "starting a crawl process",
        )
        report(
            "crawl/bare_net",
            max(seconds - floor.seconds, 1e-9) / bare_seconds,
            2,
            f"newsmon minus the {floor.seconds:.1f}s start-up floor, over bare extraction: the "
            "per-page cost a small run measures",
        )
        run = first.run
        report(
            "memory/peak_rss_mb",
            _mb(run.peak_tree_rss),
            0,
            f"sum of RSS over the crawl's process tree incl. extraction workers ({run.processes} "
            f"processes), sampled every {SAMPLE_EVERY}s; main process {_mb(run.peak_root_rss):.0f} MB; "
            f"largest single process {_mb(run.max_rss):.0f} MB by ru_maxrss; target < {MEMORY_TARGET_MB} MB "
            "for 2000 pages",
        )
        db_bytes = _sqlite_bytes(work / "newsmon.db")
        stored = max(first.stored, 1)
        report(
            "db/bytes_per_1000_articles",
            1000 * db_bytes / stored,
            0,
            f"sqlite file + WAL {_mb(db_bytes):.1f} MB for {first.stored} articles",
        )
        main_net = max(run.root_cpu - floor.root_cpu, 0.0)
        report(
            "cpu_ms_per_article/crawl_main",
            1000 * main_net / stored,
            1,
            f"newsmon reactor process minus its {floor.root_cpu:.1f}s start-up CPU: fetch, hand-off "
            f"to workers, normalize, dedup, tag, store ({1000 * run.root_cpu / stored:.1f} with start-up)",
        )
        report(
            "cpu_ms_per_article/crawl_workers",
            1000 * (run.tree_cpu - run.root_cpu) / stored,
            1,
            f"extraction worker processes incl. their start-up; whole crawl tree "
            f"{1000 * run.tree_cpu / stored:.1f} ms/article, bare_extraction "
            f"{1000 * bare_seconds / count:.1f} ms/page wall",
        )
        fetched = max(int(fetch_info.get("pages", 0)), 1)
        report(
            "cpu_ms_per_article/fetch",
            1000 * float(fetch_info.get("crawl_cpu_seconds", "nan")) / fetched,
            2,
            "download-only Scrapy crawl of the same outlet, CPU after spider open / pages",
        )
        for stage, ms in stage_costs(outlet.pages, outlet.urls, work).items():
            report(f"cpu_ms_per_article/{stage}", ms, 2, "in this process, one pass over the pages")

    report.note(f"end: {_machine()}")
    # A small run is dominated by the crawl process's fixed start-up (3-8 s, a second of it per
    # extraction worker): gate its ratios on the figures net of that floor; full runs use the plain ones.
    gated = {"recrawl/first": "recrawl/first_net", "crawl/bare": "crawl/bare_net"} if count < 1000 else {}
    failures = check(report.figures, gated)
    for failure in failures:
        print(f"REGRESSION: {failure}", file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
