"""``newsmon stories``: stories (one report and its rewrites) with their member articles."""

from __future__ import annotations

import argparse
import json
from typing import Any

from scheduler.app import load_app_config, setup_logging


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``newsmon stories``."""
    from scheduler.cli import _parse_since

    parser.add_argument("--since", type=_parse_since, help="stories created since a date, ISO time or 24h/7d")
    parser.add_argument("--min-size", type=int, default=1, metavar="N", help="at least N member articles")
    parser.add_argument("--format", choices=["text", "jsonl"], default="text")


def cmd_stories(args: argparse.Namespace) -> int:
    """List stories with their members, oldest first."""
    config = load_app_config(args.config_dir)
    setup_logging(config.settings.log.level if not args.verbose else "DEBUG", config.settings.log.file)
    from pipelines.storage.queries import StoryFilter, iter_stories, story_members, story_record
    from pipelines.storage.repository import Store

    store = Store.for_url(config.settings.database_url)
    with store.sessions() as session:
        for story in iter_stories(session, StoryFilter(since=args.since, min_size=args.min_size)):
            record = story_record(story, story_members(session, story.id))
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(_text(record))
    return 0


def _text(record: dict[str, Any]) -> str:
    outlets = ", ".join(record["outlets"])
    head = f"story {record['id']}  size {record['size']}  created {record['created_at']}"
    lines = [f"{head}  outlets: {outlets}"]
    for member in record["members"]:
        duplicate = f"  (duplicate of #{member['duplicate_of']})" if member["duplicate_of"] else ""
        lines.append(f"  #{member['id']} [{member['source']}] {member['title'] or '(no title)'}{duplicate}")
        lines.append(f"      {member['url']}")
    return "\n".join(lines)
