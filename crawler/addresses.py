"""Which network addresses a crawl may connect to (the decision, no I/O)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_ip(text: str) -> IPAddress | None:
    """The address ``text`` spells (``[::1]`` brackets allowed), else None (a host name)."""
    try:
        address = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


def is_internal(address: IPAddress) -> bool:
    """True for every address that is not plainly public: private, loopback, link-local
    (cloud metadata 169.254.169.254), shared (CGNAT), reserved, multicast, unspecified."""
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def refusal(address: str, allowed: Iterable[str] = ()) -> str | None:
    """Why a connection to ``address`` is refused (None: allowed).

    Public addresses are allowed. An internal address is allowed only when it is one of
    ``allowed``: the addresses of the source's own configured URL, so an intranet source can
    be crawled but a public one cannot send the crawler into the local network.
    """
    ip = parse_ip(address)
    if ip is None:
        return f"{address!r} is not an IP address"
    if not is_internal(ip):
        return None
    if any(parse_ip(other) == ip for other in allowed):
        return None
    return f"{ip} is a private, loopback, link-local or reserved address"
