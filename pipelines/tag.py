"""Tagging stage: provinces and militant groups, with evidence, from the taxonomy in config."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from pipelines.tagging import Tagger

from crawler.items import PageItem


class TagPipeline:
    """Adds ``provinces``, ``groups``, ``primary_province`` and ``evidence`` to each article."""

    def __init__(self, tagger: Tagger):
        self.tagger = tagger

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TagPipeline:
        directory = crawler.settings.get("NEWSMON_TAXONOMY_DIR")
        if not directory or not Path(directory).is_dir():
            raise NotConfigured("no taxonomy directory; articles are stored untagged")
        from pipelines.tagging import Tagger, load_taxonomy

        return cls(Tagger(load_taxonomy(Path(directory))))

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.article is not None:
            item.tags = self.tagger.tag(item.article.title or "", item.article.text).to_dict()
        return item
