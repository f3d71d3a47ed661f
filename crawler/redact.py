"""Keeping passwords out of logs, status and error messages."""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]*):(?P<password>[^@\s]*)@", re.I)


def hide_password(text: str) -> str:
    """``postgresql://user:secret@host/db`` -> ``postgresql://user:***@host/db``; works on any
    text that contains such URLs, even ones SQLAlchemy cannot parse."""
    return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)


class SecretUrl(str):
    """A URL whose ``repr`` (what Scrapy logs for settings) hides the password."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(hide_password(str(self)))
