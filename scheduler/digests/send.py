"""Getting a message out: SMTP (starttls / ssl / none) or, with no SMTP host, the outbox folder."""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Protocol

from crawler.config.settings import ServiceSettings, SmtpSettings, smtp_password


class DeliveryError(Exception):
    """The message was not accepted (server down, refused, timed out, TLS or login failed)."""


class Transport(Protocol):
    """Something that delivers a message or raises :class:`DeliveryError`."""

    def deliver(self, message: EmailMessage, recipients: Sequence[str], name: str) -> str:
        """Deliver; returns a short description of where it went."""
        ...


class SmtpTransport:
    """One SMTP connection per message; every operation bounded by ``smtp.timeout``."""

    def __init__(
        self, smtp: SmtpSettings, password: str | None = None, context: ssl.SSLContext | None = None
    ):
        if not smtp.host:
            raise ValueError("SmtpTransport needs smtp.host")
        self.smtp = smtp
        self.password = password
        self.context = context

    def _connect(self) -> smtplib.SMTP:
        host, port, timeout = self.smtp.host or "", self.smtp.port, self.smtp.timeout
        context = self.context or ssl.create_default_context()
        if self.smtp.security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        client = smtplib.SMTP(host, port, timeout=timeout)
        if self.smtp.security == "starttls":
            try:
                client.starttls(context=context)
            except BaseException:
                client.close()
                raise
        return client

    def deliver(self, message: EmailMessage, recipients: Sequence[str], name: str) -> str:
        where = f"smtp://{self.smtp.host}:{self.smtp.port}"
        try:
            with self._connect() as client:
                if self.smtp.username:
                    if not self.password:
                        raise DeliveryError("smtp.username is set but NEWSMON_SMTP_PASSWORD is not")
                    client.login(self.smtp.username, self.password)
                refused = client.send_message(message, to_addrs=list(recipients))
        except DeliveryError:
            raise
        except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
            raise DeliveryError(f"{where}: {type(exc).__name__}: {exc}") from exc
        if refused:
            # Accepted for some recipients: it went out, so it is not retried (that would
            # duplicate it for the others); the refusals are reported.
            return f"{where} (refused: {', '.join(sorted(refused))})"
        return where


class OutboxTransport:
    """Writes ``<name>.eml`` into a folder; the same name is overwritten, never duplicated."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def deliver(self, message: EmailMessage, recipients: Sequence[str], name: str) -> str:
        target = self.directory / f"{name}.eml"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".eml", dir=self.directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes(policy=SMTP))
            os.replace(tmp, target)
        except OSError as exc:
            raise DeliveryError(f"outbox {self.directory}: {exc}") from exc
        return str(target)


def transport_for(settings: ServiceSettings) -> Transport:
    """SMTP when ``smtp.host`` is set (password from the environment), else the outbox."""
    if settings.smtp.host:
        return SmtpTransport(settings.smtp, smtp_password())
    return OutboxTransport(settings.outbox_dir)
