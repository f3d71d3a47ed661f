"""``newsmon retag [--since]``: re-tag stored articles after the taxonomy changed."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import select

from pipelines.storage.models import Article, ArticleTag
from pipelines.storage.repository import Store
from pipelines.store import tags_of
from scheduler.app import load_app_config, setup_logging

BATCH = 200


def cmd_retag(args: argparse.Namespace) -> int:
    """Tag every stored article (or those fetched since ``--since``) with the current taxonomy."""
    config = load_app_config(args.config_dir)
    setup_logging(config.settings.log.level, config.settings.log.file)
    if config.taxonomy_dir is None:
        print(f"no taxonomy at {config.paths.taxonomy}", file=sys.stderr)
        return 2
    from pipelines.tagging import Tagger, load_taxonomy

    tagger = Tagger(load_taxonomy(config.taxonomy_dir))
    store = Store.for_url(config.settings.database_url)
    seen = changed = last_id = 0
    while True:
        with store.sessions.begin() as session:
            query = select(Article).where(Article.id > last_id).order_by(Article.id).limit(BATCH)
            if args.since is not None:
                query = query.where(Article.fetched_at >= args.since)
            articles = list(session.scalars(query))
            if not articles:
                break
            for article in articles:
                result = tagger.tag(article.title or "", article.text).to_dict()
                rows = tags_of(result)
                before = sorted((tag.family, tag.code) for tag in article.tags)
                if before != sorted((family, code) for family, code, _ in rows):
                    changed += 1
                article.tags = [ArticleTag(family=f, code=c, evidence=e) for f, c, e in rows]
                article.primary_province = result.get("primary_province")
            seen += len(articles)
            last_id = articles[-1].id
    print(f"re-tagged {seen} articles; tags changed on {changed}")
    return 0
