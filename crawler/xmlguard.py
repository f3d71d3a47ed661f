"""Refusing XML that declares entities, before any parser sees it.

Billion-laughs bombs and external entities (``<!ENTITY x SYSTEM "file:///etc/passwd">``) both
need an entity declaration inside a DOCTYPE. Feeds and sitemaps never need one, so a document
with both is refused whole: nothing is expanded and nothing is read.
"""

from __future__ import annotations

import codecs
import re

_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?xm" without a BOM in the wide encodings
_WIDE = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)


def _text(body: bytes) -> str:
    """The document as text, whatever byte encoding of ASCII markup it uses."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="ignore")
    for prefix, encoding in _WIDE:
        if body.startswith(prefix):
            return body.decode(encoding, errors="ignore")
    return body.decode("latin-1")  # ASCII-compatible: markup bytes map one to one


def unsafe_xml(body: bytes) -> str | None:
    """Why ``body`` must not be parsed (None: it declares no entity)."""
    text = _text(body)
    if _DOCTYPE.search(text) and _ENTITY.search(text):
        return "the document declares XML entities (entity expansion or external entity)"
    return None
