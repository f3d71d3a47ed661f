"""The Scrapy stages: dedup (300) signs the item, store (900) places it in a story and counts."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.utils.test import get_crawler

from crawler.config.settings import ServiceSettings
from crawler.items import PageItem
from crawler.settings import scrapy_settings
from pipelines.dedup.pipeline import DedupPipeline
from pipelines.extraction import ExtractedArticle
from pipelines.normalize import content_hash, url_key
from pipelines.storage.repository import Store
from pipelines.store import StorePipeline
from tests.dedup import rewrites
from tests.dedup.texts import ANNUAL


def item(url: str, text: str) -> PageItem:
    article = ExtractedArticle("Title", text, None, None, "en", None, None, None, len(text.split()))
    return PageItem(
        source_id="dawn",
        url=url,
        requested_url=url,
        body=None,
        encoding=None,
        fetched_at=datetime.now(UTC),
        article=article,
        canonical_url=url,
        url_keys=(url_key(url),),
        content_hash=content_hash(text),
    )


def test_stages_set_story_and_count_duplicates(db_url: str, store: Store) -> None:
    settings = scrapy_settings(ServiceSettings(), db_url, None)
    assert settings["ITEM_PIPELINES"]["pipelines.dedup.pipeline.DedupPipeline"] == 300
    assert settings["NEWSMON_DEDUP_THRESHOLD"] == ServiceSettings().dedup.threshold
    crawler = get_crawler(settings_dict={k: v for k, v in settings.items() if k.startswith("NEWSMON_")})
    crawler.stats.open_spider()
    dedup, storage = DedupPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedup.open_spider()
    results = []
    for url, text in (
        ("https://dawn.example/1", ANNUAL),
        ("https://dawn.example/2", ANNUAL),
        ("https://dawn.example/3", rewrites.syndicated(ANNUAL, 1)),
    ):
        signed = dedup.process_item(item(url, text))
        assert signed.signature is not None
        results.append(storage.process_item(signed))
    storage.flush()  # writes are batched: the commit copies story and duplicate back onto the items
    first, copy, rewrite = results
    assert first.story_id is not None and first.duplicate_of is None
    assert copy.story_id == first.story_id and copy.duplicate_of is not None
    assert rewrite.story_id == first.story_id and rewrite.duplicate_of is None
    assert crawler.stats.get_value("newsmon/articles/new") == 2
    assert crawler.stats.get_value("newsmon/articles/duplicate") == 1
    Store.close_all()
