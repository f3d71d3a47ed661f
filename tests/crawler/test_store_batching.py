"""The store stage batches its writes: one transaction per batch, nothing half-written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawler.items import PageItem
from pipelines.extraction import ExtractedArticle
from pipelines.normalize import content_hash, url_key
from pipelines.storage.models import Article, SeenUrl
from pipelines.storage.repository import Store
from pipelines.store import StorePipeline


def page(number: int, rejection: str | None = None) -> PageItem:
    url = f"https://outlet.example/news/{number}"
    text = f"Report number {number}: police in Bannu said the checkpost came under fire overnight. " * 5
    article = None if rejection else ExtractedArticle("Title", text, None, None, "en", None, None, None, 60)
    return PageItem(
        source_id="outlet",
        url=url,
        requested_url=url,
        body=None,
        encoding=None,
        fetched_at=datetime.now(UTC),
        index_url="https://outlet.example/feed.xml",
        article=article,
        rejection=rejection,
        canonical_url=None if rejection else url,
        url_keys=(url_key(url),),
        content_hash=None if rejection else content_hash(text),
    )


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    path = tmp_path / "db.sqlite"
    url = f"sqlite:///{path}?timeout=0.2"  # a locked database fails fast
    Store.for_url(url).upsert_source("outlet", "Outlet", "https://outlet.example/")
    yield url, path
    Store.close_all()


def stage(url: str, batch_size: int) -> tuple[StorePipeline, Any]:
    crawler = get_crawler(settings_dict={"NEWSMON_DATABASE_URL": url, "NEWSMON_STORE_BATCH_SIZE": batch_size})
    crawler.stats.open_spider()
    return StorePipeline.from_crawler(crawler), crawler


def counts(url: str) -> tuple[int, int]:
    with Store.for_url(url).sessions() as session:
        articles = session.scalar(select(func.count()).select_from(Article))
        seen = session.scalar(select(func.count()).select_from(SeenUrl))
    return int(articles or 0), int(seen or 0)


def test_articles_commit_when_the_batch_fills_and_the_rest_at_close(database: tuple[str, Path]) -> None:
    url, _ = database
    store, crawler = stage(url, batch_size=3)
    store.process_item(page(1))
    with pytest.raises(DropItem):
        store.process_item(page(2, rejection="not_article"))
    assert counts(url) == (0, 0)  # still in the batch: a crash here loses only these pages
    store.process_item(page(3))
    assert counts(url) == (2, 3)  # the batch filled: both articles and the settled URL at once
    assert crawler.stats.get_value("newsmon/articles/new") == 2
    store.process_item(page(4))
    assert counts(url) == (2, 3)
    store.close_spider()
    assert counts(url) == (3, 4)
    assert crawler.stats.get_value("newsmon/articles/new") == 3


def test_a_failed_batch_stores_nothing_and_reports_each_page(database: tuple[str, Path]) -> None:
    url, path = database
    store, crawler = stage(url, batch_size=10)
    failed: list[PageItem] = []
    crawler.signals.connect(lambda item, **_: failed.append(item), signal=signals.item_error, weak=False)
    for number in (1, 2, 3):
        store.process_item(page(number))
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # another process holds the database: the commit times out
    try:
        store.flush()
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert [item.url for item in failed] == [page(n).url for n in (1, 2, 3)]
    assert all(item.index_url for item in failed)  # so the spider can re-open their feed
    assert counts(url) == (0, 0)
    assert not crawler.stats.get_value("newsmon/articles/new")
    store.process_item(page(4))
    store.close_spider()
    assert counts(url) == (1, 1)  # the database is back: later pages are stored


def test_batch_of_one_writes_each_page_at_once(database: tuple[str, Path]) -> None:
    url, _ = database
    store, crawler = stage(url, batch_size=1)
    store.process_item(page(7))
    assert counts(url) == (1, 1)
    assert crawler.stats.get_value("newsmon/articles/new") == 1


def test_one_bad_page_fails_alone_and_the_rest_of_its_batch_is_stored(database: tuple[str, Path]) -> None:
    url, _ = database
    store, crawler = stage(url, batch_size=3)
    failed: list[PageItem] = []
    crawler.signals.connect(lambda item, **_: failed.append(item), signal=signals.item_error, weak=False)
    orphan = page(2)
    orphan.source_id = "no-such-source"  # violates the articles -> sources foreign key
    for item in (page(1), orphan, page(3)):
        store.process_item(item)
    assert failed == [orphan]
    assert counts(url) == (2, 2)
    assert crawler.stats.get_value("newsmon/articles/new") == 2


def test_seen_keys_answers_for_thousands_of_urls_at_once(database: tuple[str, Path]) -> None:
    store = Store.for_url(database[0])
    stored = [url_key(f"https://outlet.example/news/{n}") for n in range(1200)]
    store.mark_seen(stored, "outlet", "not_article")
    fresh = [url_key(f"https://outlet.example/news/new-{n}") for n in range(300)]
    assert store.seen_keys([*fresh, *stored, stored[0]]) == set(stored)
    assert store.seen_keys([]) == set()
