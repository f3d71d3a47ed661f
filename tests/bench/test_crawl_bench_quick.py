"""CI regression gate: the quick crawl benchmark (about 200 pages) with ``--check``.

Fails only on a gross regression (a ratio worse than twice its target) or a missing figure.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, requires_news_pages

FIGURES = (
    "crawl/bare",
    "crawl/bare_net",
    "naive/newsmon",
    "recrawl/first",
    "recrawl/first_net",
    "memory/peak_rss_mb",
    "db/bytes_per_1000_articles",
    "cpu_ms_per_article/crawl_main",
    "cpu_ms_per_article/crawl_workers",
    "cpu_ms_per_article/fetch",
    "cpu_ms_per_article/extract",
    "cpu_ms_per_article/normalize",
    "cpu_ms_per_article/dedup_signature",
    "cpu_ms_per_article/dedup_db",
    "cpu_ms_per_article/tag",
    "cpu_ms_per_article/store",
)


@pytest.mark.slow
@pytest.mark.timeout(360)
@requires_news_pages
def test_quick_benchmark_passes_its_gate() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "crawl_bench.py"), "--quick", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=330,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for name in FIGURES:
        assert re.search(rf"^{re.escape(name)}=-?[\d.]+ \(", result.stdout, re.MULTILINE), f"{name}\n{output}"
