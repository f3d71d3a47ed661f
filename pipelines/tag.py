"""Tagging stage: provinces and militant groups, with evidence, from the taxonomy in config."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

if TYPE_CHECKING:
    from pipelines.tagging import Tagger
    from pipelines.tagging.taxonomy import Taxonomy

from crawler.errors import ERROR_STAT_PREFIX
from crawler.items import PageItem

logger = logging.getLogger(__name__)


class TagPipeline:
    """Adds ``provinces``, ``groups``, ``primary_province`` and ``evidence`` to each article."""

    def __init__(self, tagger: Tagger, stats: StatsCollector | None = None):
        self.tagger = tagger
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TagPipeline:
        directory = crawler.settings.get("NEWSMON_TAXONOMY_DIR")
        if not directory or not Path(directory).is_dir():
            raise NotConfigured("no taxonomy directory; articles are stored untagged")
        from pipelines.tagging import Tagger

        return cls(Tagger(taxonomy_for(Path(directory))), crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.article is not None:
            try:
                item.tags = self.tagger.tag(item.article.title or "", item.article.text).to_dict()
            except Exception:
                # a tagger bug must not lose the article: it is stored untagged (`newsmon retag` tags
                # it once the bug is fixed) and counted on the crawl run as a `tagging` error
                logger.exception("tagging failed for %s; storing it untagged", item.url)
                item.tags = {}
                if self.stats is not None:
                    self.stats.inc_value(f"{ERROR_STAT_PREFIX}tagging")
        return item


def taxonomy_for(directory: Path) -> Taxonomy:
    """``load_taxonomy(directory)``, loaded once per process while its files are unchanged.

    The crawl runner calls it before Scrapy starts, so a broken taxonomy stops the command with
    its file:line error; the tag stage then reuses the loaded taxonomy.
    """
    stamp = tuple(sorted((path.name, path.stat().st_mtime_ns) for path in directory.glob("*.y*ml")))
    return _load_taxonomy(str(directory.resolve()), stamp)


@lru_cache(maxsize=2)
def _load_taxonomy(directory: str, _stamp: tuple[tuple[str, int], ...]) -> Taxonomy:
    from pipelines.tagging import load_taxonomy

    return load_taxonomy(Path(directory))
