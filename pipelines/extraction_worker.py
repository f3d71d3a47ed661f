"""The function the extraction pool runs. It imports trafilatura inside the worker, so the crawl's
main process never loads it (about 65 MB and a second of start-up saved)."""

from __future__ import annotations

from pipelines.extraction_types import ExtractedArticle, ExtractionOptions, Rejection


def warm_up() -> None:
    """Pool initializer: import the extraction stack once per worker, not on the first page."""
    import pipelines.extraction  # noqa: F401


def extract_in_worker(
    body: bytes, url: str, options: ExtractionOptions, encoding: str | None
) -> ExtractedArticle | Rejection:
    """``pipelines.extraction.extract_article`` in a pool worker."""
    from pipelines.extraction import extract_article

    return extract_article(body, url, options, encoding)
