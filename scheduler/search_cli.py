"""``newsmon articles search QUERY``: full-text search with the export filters."""

from __future__ import annotations

import argparse
import json

from pipelines.storage.queries import ArticleFilter, article_record
from pipelines.storage.repository import Store
from pipelines.storage.search import search_articles
from scheduler.app import load_app_config, setup_logging


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best matches, one line (or JSON object) each."""
    config = load_app_config(args.config_dir)
    setup_logging(config.settings.log.level, config.settings.log.file)
    store = Store.for_url(config.settings.database_url)
    flt = ArticleFilter(since=args.since, source=args.source, province=args.province, group=args.group)
    with store.sessions() as session:
        hits = search_articles(session, " ".join(args.query), flt, until=args.until, limit=args.limit)
        for hit in hits:
            record = article_record(hit.article)
            if args.format == "jsonl":
                print(json.dumps({**record, "rank": round(hit.rank, 4)}, ensure_ascii=False))
            else:
                tags = " ".join(record["provinces"] + record["groups"]) or "-"
                when = (record["published_at"] or record["fetched_at"] or "")[:16]
                print(f"#{record['id']:<6} {when}  [{tags}] {record['title']}\n        {record['url']}")
    return 0


def configure_parser(parser: argparse.ArgumentParser, parse_since: object) -> None:
    """Arguments of ``articles search``."""
    parser.add_argument("query", nargs="+", help="words that must all occur (title or text)")
    parser.add_argument("--since", type=parse_since, help="fetched since a date, ISO time or 24h/7d")  # type: ignore[arg-type]
    parser.add_argument("--until", type=parse_since, help="fetched before a date or ISO time")  # type: ignore[arg-type]
    parser.add_argument("--source")
    parser.add_argument("--province", help="province code, e.g. KP")
    parser.add_argument("--group", help="group code, e.g. TTP")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--format", choices=["text", "jsonl"], default="text")
