"""The Scrapy stages: dedup (300) signs the item, tag (400) tags it, store (900) places it in a story
and counts."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.utils.test import get_crawler
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.config.settings import ServiceSettings
from crawler.errors import ERROR_STAT_PREFIX
from crawler.items import PageItem
from crawler.settings import scrapy_settings
from pipelines.dedup.pipeline import DedupPipeline
from pipelines.extraction import ExtractedArticle
from pipelines.normalize import content_hash, url_key
from pipelines.storage.models import Article
from pipelines.storage.repository import Store
from pipelines.store import StorePipeline
from pipelines.tag import TagPipeline
from pipelines.tagging import Tagger, TagResult, load_taxonomy
from tests.conftest import REPO_ROOT
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


class _BrokenTagger(Tagger):
    """A tagger with a bug: the tag stage must store the article untagged, and count it."""

    def tag(self, title: str, text: str) -> TagResult:
        raise IndexError("list index out of range")


def test_a_tagging_failure_stores_the_article_untagged_and_counts_it(db_url: str, store: Store) -> None:
    settings = scrapy_settings(ServiceSettings(), db_url, None)
    crawler = get_crawler(settings_dict={k: v for k, v in settings.items() if k.startswith("NEWSMON_")})
    crawler.stats.open_spider()
    tagging = TagPipeline(_BrokenTagger(load_taxonomy(REPO_ROOT / "config" / "taxonomy")), crawler.stats)
    dedup, storage = DedupPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedup.open_spider()
    page = item("https://dawn.example/untagged", ANNUAL)
    page.tags = {"provinces": ["KP"]}  # whatever was there is not kept half-done
    tagged = tagging.process_item(page)
    assert tagged.tags == {}
    storage.process_item(dedup.process_item(tagged))
    storage.flush()
    assert crawler.stats.get_value(f"{ERROR_STAT_PREFIX}tagging") == 1
    assert crawler.stats.get_value("newsmon/articles/new") == 1
    with Session(store.engine) as session:
        stored = session.scalars(select(Article).where(Article.url == "https://dawn.example/untagged")).one()
        assert stored.tags == [] and stored.primary_province is None
    Store.close_all()
