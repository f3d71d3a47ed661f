"""``newsmon digest preview`` and ``newsmon digest send``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scheduler.app import AppConfig, load_app_config, setup_logging
from scheduler.digests.config import DigestConfig, load_app_digests
from scheduler.digests.deliver import DigestSender

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def _setup(args: argparse.Namespace) -> tuple[AppConfig, list[DigestConfig]] | int:
    config = load_app_config(args.config_dir)
    setup_logging("DEBUG" if args.verbose else config.settings.log.level, config.settings.log.file)
    digests = load_app_digests(config)
    if args.recipient:
        try:
            return config, [digests.get(args.recipient)]
        except KeyError:
            known = ", ".join(d.id for d in digests.digests) or "none"
            print(f"unknown digest {args.recipient!r}; known: {known}", file=sys.stderr)
            return EXIT_CONFIG
    if not digests.enabled:
        print(f"no enabled digests in {digests.path}", file=sys.stderr)
    return config, list(digests.enabled)


def _html_path(base: str, digest_id: str, several: bool) -> Path:
    path = Path(base)
    return path.with_name(f"{path.stem}-{digest_id}{path.suffix}") if several else path


def cmd_digest_preview(args: argparse.Namespace) -> int:
    """Render digests as they would go out now (since the last one); nothing is sent or logged."""
    setup = _setup(args)
    if isinstance(setup, int):
        return setup
    config, digests = setup
    sender = DigestSender(config)
    for digest in digests:
        _content, rendered = sender.preview(digest)
        print(f"To: {', '.join(digest.to)}\nSubject: {rendered.subject}\n\n{rendered.text}")
        if args.html:
            path = _html_path(args.html, digest.id, len(digests) > 1)
            path.write_text(rendered.html, encoding="utf-8")
            print(f"HTML written to {path}", file=sys.stderr)
    return EXIT_OK


def cmd_digest_send(args: argparse.Namespace) -> int:
    """Send what is due (``--now``: the current period), exactly once per digest and period."""
    setup = _setup(args)
    if isinstance(setup, int):
        return setup
    config, digests = setup
    sender = DigestSender(config)
    # An operator's command retries failed periods at once instead of waiting for back-off.
    outcomes = sender.send_all(digests, now_period=args.now, ignore_backoff=True)
    for outcome in outcomes:
        print(outcome.line(), file=sys.stderr if outcome.failed else sys.stdout)
    return EXIT_FAILED if any(outcome.failed for outcome in outcomes) else EXIT_OK
