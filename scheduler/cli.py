"""The ``newsmon`` command line: every command in one place."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.config.sources import parse_duration
from crawler.config.yamlfile import ConfigError
from scheduler.app import AppConfig, load_app_config, setup_logging

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def _parse_since(text: str) -> datetime:
    """``2026-11-20``, an ISO datetime, or a duration back from now (``24h``, ``7d``)."""
    try:
        return datetime.now(UTC) - parse_duration(text)
    except ValueError:
        pass
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: use a date (2026-11-20), an ISO time or 24h / 7d"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _config(args: argparse.Namespace) -> AppConfig:
    config = load_app_config(args.config_dir)
    setup_logging(config.settings.log.level if not args.verbose else "DEBUG", config.settings.log.file)
    return config


# -- sources ----------------------------------------------------------------------------


def cmd_sources_validate(args: argparse.Namespace) -> int:
    config = _config(args)
    problems: list[str] = []
    if config.taxonomy_dir:
        from pipelines.tagging import load_taxonomy

        try:
            load_taxonomy(config.taxonomy_dir)
        except ConfigError as exc:
            problems.extend(str(issue) for issue in exc.issues)
    from scheduler.digests.config import load_app_digests

    try:
        digests = load_app_digests(config)
    except ConfigError as exc:
        problems.extend(str(issue) for issue in exc.issues)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_CONFIG
    enabled = len(config.sources.enabled)
    print(f"{config.paths.sources}: {len(config.sources.sources)} sources ({enabled} enabled) OK")
    print(f"{digests.path}: {len(digests.digests)} digests ({len(digests.enabled)} enabled) OK")
    return EXIT_OK


def cmd_sources_list(args: argparse.Namespace) -> int:
    config = _config(args)
    rows = [("ID", "NAME", "SCHEDULE", "ENABLED", "FEEDS", "SITEMAPS", "LISTINGS")]
    for source in config.sources.sources:
        schedule = (
            f"every {source.every}" if source.every else (f"cron {source.cron}" if source.cron else "-")
        )
        rows.append(
            (
                source.id,
                source.name,
                schedule,
                "yes" if source.enabled else "no",
                str(len(source.feeds)),
                str(len(source.sitemaps)),
                str(len(source.listings)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def cmd_sources_test(args: argparse.Namespace) -> int:
    """Crawl one source into a throwaway database and print what would be stored."""
    config = _config(args)
    try:
        source = config.sources.get(args.source_id)
    except KeyError:
        print(
            f"unknown source {args.source_id!r}; known: {', '.join(s.id for s in config.sources.sources)}",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    from crawler.runner import run_crawls

    with tempfile.TemporaryDirectory(prefix="newsmon-test-") as tmp:
        settings = config.settings.model_copy(update={"database_url": f"sqlite:///{tmp}/dry-run.db"})
        if args.limit:
            crawl = settings.crawl.model_copy(update={"max_articles_per_run": args.limit})
            settings = settings.model_copy(update={"crawl": crawl})
        [summary] = run_crawls([source], settings, taxonomy_dir=config.taxonomy_dir)
        print(summary.line())
        _print_articles(settings.database_url)
    return EXIT_OK if summary.ok else EXIT_FAILED


def _print_articles(database_url: str) -> None:
    from pipelines.storage.queries import ArticleFilter, article_record, iter_articles
    from pipelines.storage.repository import Store

    store = Store.for_url(database_url)
    with store.sessions() as session:
        for article in iter_articles(session, ArticleFilter()):
            record = article_record(article)
            tags = " ".join(record["provinces"] + record["groups"]) or "-"
            print(
                f"  [{record['published_at'] or 'no date'}] {record['title']}  ({tags})\n    {record['url']}"
            )


# -- crawl ------------------------------------------------------------------------------


def cmd_crawl(args: argparse.Namespace) -> int:
    config = _config(args)
    from crawler.runner import run_crawls

    if args.source_ids:
        try:
            sources = [config.sources.get(source_id) for source_id in args.source_ids]
        except KeyError as exc:
            print(f"unknown source {exc.args[0]!r}", file=sys.stderr)
            return EXIT_CONFIG
    else:
        sources = list(config.sources.enabled)
    if not sources:
        print("no enabled sources to crawl", file=sys.stderr)
        return EXIT_OK
    summaries = run_crawls(sources, config.settings, taxonomy_dir=config.taxonomy_dir)
    for summary in summaries:
        print(summary.line())
    return EXIT_OK if all(summary.ok for summary in summaries) else EXIT_FAILED


# -- extract / tag ----------------------------------------------------------------------


def _read_input(
    target: str, max_bytes: int, user_agent: str, timeout: float
) -> tuple[bytes, str, str | None]:
    """Bytes, URL and declared charset of a local file or one http(s) URL."""
    if target.startswith(("http://", "https://")):
        import urllib.request

        request = urllib.request.Request(target, headers={"User-Agent": user_agent})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise ValueError(f"page is larger than {max_bytes} bytes")
            return body, response.geturl(), response.headers.get_content_charset()
    path = Path(target)
    body = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        body = gzip.decompress(body)
    return body, path.resolve().as_uri(), None


def cmd_extract(args: argparse.Namespace) -> int:
    config = _config(args)
    from pipelines.extraction import ExtractionOptions, Rejection, extract_article

    tagger = _tagger(config)
    options = ExtractionOptions(
        min_text_chars=config.settings.extraction.min_text_chars,
        min_words=config.settings.extraction.min_words,
    )
    status = EXIT_OK
    records = []
    for target in args.targets:
        record: dict[str, Any] = {"path": target}
        try:
            body, url, charset = _read_input(
                target,
                config.settings.crawl.max_page_bytes,
                config.settings.crawl.user_agent,
                config.settings.crawl.download_timeout,
            )
            result = extract_article(body, url, options, charset)
        except (OSError, ValueError) as exc:
            record["error"] = str(exc)
            status = EXIT_FAILED
            records.append(record)
            continue
        if isinstance(result, Rejection):
            record.update(rejected=result.reason, detail=result.detail)
        else:
            record.update(
                title=result.title,
                text=result.text,
                published_at=result.published_at.isoformat() if result.published_at else None,
                author=result.author,
                language=result.language,
                canonical_url=result.canonical_url,
                description=result.description,
            )
            if tagger is not None:
                record.update(tagger.tag(result.title or "", result.text).to_dict())
        records.append(record)
    if args.format == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(json.dumps(records if len(records) != 1 else records[0], ensure_ascii=False, indent=2))
    return status


def _tagger(config: AppConfig) -> Any:
    if config.taxonomy_dir is None:
        return None
    from pipelines.tagging import Tagger, load_taxonomy

    return Tagger(load_taxonomy(config.taxonomy_dir))


def cmd_tag(args: argparse.Namespace) -> int:
    config = _config(args)
    tagger = _tagger(config)
    if tagger is None:
        print(f"no taxonomy at {config.paths.taxonomy}", file=sys.stderr)
        return EXIT_CONFIG
    stream = open(args.file, encoding="utf-8") if args.file else sys.stdin  # noqa: SIM115
    status = EXIT_OK
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("each line must be a JSON object")
            except ValueError as exc:
                print(f"{args.file or '<stdin>'}:{number}: {exc}", file=sys.stderr)
                status = EXIT_FAILED
                continue
            result = tagger.tag(str(item.get("title") or ""), str(item.get("text") or ""))
            print(json.dumps({"id": item.get("id"), **result.to_dict()}, ensure_ascii=False))
    return status


# -- articles ---------------------------------------------------------------------------


def cmd_articles_export(args: argparse.Namespace) -> int:
    config = _config(args)
    from pipelines.storage.queries import EXPORT_FIELDS, ArticleFilter, article_record, iter_articles
    from pipelines.storage.repository import Store

    store = Store.for_url(config.settings.database_url)
    flt = ArticleFilter(since=args.since, source=args.source, province=args.province, group=args.group)
    writer = None
    with store.sessions() as session:
        for article in iter_articles(session, flt):
            record = article_record(article, with_text=args.text)
            if args.format == "csv":
                if writer is None:
                    fields = list(EXPORT_FIELDS) + (["text"] if args.text else [])
                    writer = csv.DictWriter(sys.stdout, fieldnames=fields)
                    writer.writeheader()
                record["provinces"] = ";".join(record["provinces"])
                record["groups"] = ";".join(record["groups"])
                writer.writerow(record)
            else:
                print(json.dumps(record, ensure_ascii=False))
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    config = _config(args)
    from pipelines.storage.database import current_revision, make_engine, upgrade

    engine = make_engine(config.settings.database_url)
    upgrade(engine)
    print(f"database at revision {current_revision(engine)}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from scheduler.demo import run_demo

    return run_demo(keep=args.keep)


# -- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(
        prog="newsmon", description="News monitoring crawler for the security beat."
    )
    parser.add_argument("--config-dir", help="config folder (default: $NEWSMON_CONFIG_DIR or ./config)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    from scheduler.service import cmd_run
    from scheduler.status_cli import cmd_status

    add("run", cmd_run, "run the service: scheduled crawls and digests until SIGTERM/SIGINT")
    from scheduler.worker_cli import cmd_worker  # newsmon worker (scale-out)

    add("worker", cmd_worker, "scale-out: crawl from the shared Redis queue (crawl.queue) until stopped")
    crawl = add("crawl", cmd_crawl, "crawl the named (default: all enabled) sources once")
    crawl.add_argument("source_ids", nargs="*", metavar="SOURCE_ID")
    add(
        "demo", cmd_demo, "offline end-to-end demo on a bundled sample outlet served on 127.0.0.1"
    ).add_argument(
        "--keep", action="store_true", help="keep the demo folder (database, outbox) and print its path"
    )

    sources = sub.add_parser("sources", help="check and inspect the source list").add_subparsers(
        dest="sources_command", required=True
    )
    add("validate", cmd_sources_validate, "check every config file; errors name file:line and field", sources)
    add("list", cmd_sources_list, "table of configured sources", sources)
    test = add("test", cmd_sources_test, "dry-run one source into a throwaway database", sources)
    test.add_argument("source_id")
    test.add_argument("--limit", type=int, default=10, help="at most this many articles (0 = all)")

    extract = add("extract", cmd_extract, "extract (and tag) pages from files or one URL; nothing is stored")
    extract.add_argument("--format", choices=["json", "jsonl"], default="json")
    extract.add_argument("targets", nargs="+", metavar="PATH_OR_URL")

    tag = add("tag", cmd_tag, "tag JSONL {id,title,text} from FILE or stdin; nothing is stored")
    tag.add_argument("--format", choices=["jsonl"], default="jsonl")
    tag.add_argument("file", nargs="?")

    articles = sub.add_parser("articles", help="stored articles").add_subparsers(
        dest="articles_command", required=True
    )
    export = add("export", cmd_articles_export, "print stored articles as JSONL or CSV", articles)
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument("--since", type=_parse_since, help="fetched since a date, ISO time or 24h/7d")
    export.add_argument("--source")
    export.add_argument("--province", help="province code, e.g. KP")
    export.add_argument("--group", help="group code, e.g. TTP")
    export.add_argument("--text", action="store_true", help="include the article text")
    from scheduler.search_cli import cmd_search
    from scheduler.search_cli import configure_parser as configure_search

    configure_search(add("search", cmd_search, "full-text search of stored articles", articles), _parse_since)
    from scheduler.stories_cli import cmd_stories, configure_parser  # newsmon stories (dedup)

    configure_parser(add("stories", cmd_stories, "list stories (one report and its rewrites) and members"))

    from scheduler.retag_cli import cmd_retag

    retag = add("retag", cmd_retag, "re-tag stored articles with the current taxonomy (after editing it)")
    retag.add_argument("--since", type=_parse_since, help="only articles fetched since (date, ISO time, 24h)")

    status = add("status", cmd_status, "per-source runs, next run, health; config_error")
    status.add_argument("--format", choices=["text", "json"], default="text")

    from scheduler.digests.cli import cmd_digest_preview, cmd_digest_send

    digest = sub.add_parser("digest", help="daily digest e-mails").add_subparsers(
        dest="digest_command", required=True
    )
    preview = add("preview", cmd_digest_preview, "render digests as they would go out now (no send)", digest)
    preview.add_argument("--recipient", metavar="ID", help="only this digest (its id in digests.yaml)")
    preview.add_argument("--html", metavar="FILE", help="also write the HTML part to FILE")
    send = add("send", cmd_digest_send, "send what is due, exactly once per digest and period", digest)
    send.add_argument("--now", action="store_true", help="send the current period now (once per period)")
    send.add_argument("--recipient", metavar="ID", help="only this digest (its id in digests.yaml)")

    db = sub.add_parser("db", help="database").add_subparsers(dest="db_command", required=True)
    add("upgrade", cmd_db_upgrade, "apply Alembic migrations", db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsmon`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
