"""Decoding: HTTP charset, then <meta charset>, then detection; valid UTF-8 is never mis-decoded."""

from __future__ import annotations

from pipelines.extraction import ExtractedArticle, extract_article
from tests.extraction.pages import article_page

URL = "https://frontier.example/pakistan/story"
# Latin-1 has "é" but no "ā": the page writes that one as a character reference, as such pages do.
SENTENCE = "The café near the Peshawar road, which locals call Pesh&#257;war Chowk, reopened on Monday."
DECODED = "The café near the Peshawar road, which locals call Peshāwar Chowk, reopened on Monday."


def _page(meta_charset: str | None) -> str:
    page = article_page().replace('<meta charset="utf-8">', "")
    if meta_charset:
        page = page.replace(
            "<head>", f'<head><meta http-equiv="Content-Type" content="text/html; charset={meta_charset}">'
        )
    return page.replace("</h1>", f"</h1><p>{SENTENCE}</p>")


def _text(body: bytes, encoding: str | None = None) -> str:
    result = extract_article(body, URL, encoding=encoding)
    assert isinstance(result, ExtractedArticle), result
    return result.text


def test_latin1_declared_in_http_header_only() -> None:
    assert DECODED in _text(_page(None).encode("latin-1"), encoding="ISO-8859-1")


def test_latin1_declared_in_meta_only() -> None:
    assert DECODED in _text(_page("iso-8859-1").encode("latin-1"))


def test_header_wins_over_a_wrong_meta() -> None:
    body = _page("utf-8").encode("latin-1")  # meta claims UTF-8, the server knows better
    assert DECODED in _text(body, encoding="latin-1")


def test_undeclared_latin1_is_detected() -> None:
    assert "café" in _text(_page(None).encode("cp1252"))


def test_valid_utf8_wins_over_a_stale_latin1_declaration() -> None:
    body = _page("iso-8859-1").encode("utf-8")
    assert DECODED in _text(body)
    assert DECODED in _text(body, encoding="iso-8859-1")


def test_urdu_utf8() -> None:
    urdu = "پشاور میں سیکیورٹی فورسز نے کارروائی کی"
    page = article_page().replace("</h1>", f"</h1><p>{urdu}</p>")
    assert urdu in _text(page.encode("utf-8"))
