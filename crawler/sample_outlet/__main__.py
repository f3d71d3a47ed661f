"""``python -m crawler.sample_outlet [--port N]``: serve the sample outlet until Ctrl-C."""

from __future__ import annotations

import argparse
import threading

from crawler.sample_outlet.render import (
    ARTICLE_PATTERN,
    FEED_PATH,
    LISTING_PATH,
    SITEMAP_INDEX_PATH,
    build_sample_site,
)
from crawler.sample_outlet.server import OutletServer


def main(argv: list[str] | None = None) -> int:
    """Serve the bundled sample site on 127.0.0.1 and print where."""
    parser = argparse.ArgumentParser(prog="python -m crawler.sample_outlet", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    with OutletServer(build_sample_site, port=args.port) as server:
        print(server.base_url, flush=True)
        for label, path in (("feed", FEED_PATH), ("sitemap", SITEMAP_INDEX_PATH), ("listing", LISTING_PATH)):
            print(f"  {label:8} {server.url(path)}")
        print(f"  article_pattern: {ARTICLE_PATTERN}\nCtrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print(f"\nserved {len(server.requests)} requests", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
