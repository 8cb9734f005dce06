"""Who is reading, without cookies: a keyed hash that changes every day.

A reader is their client address and user agent, hashed with a random salt
made for the day (UTC) and shared by every worker through the store. The
salt expires after two days and is never written to the database, so the
hashes, which live only as long as the 30-minute de-duplication window,
cannot be tied back to anyone once the day is over.
"""

import datetime as dt
import hashlib
import ipaddress
from functools import lru_cache

from django.conf import settings

#: A reader seen again within this many seconds is the same view.
WINDOW = 30 * 60
DIGEST_SIZE = 16


def day_of(now: float) -> str:
    """The UTC day a salt belongs to, as ``YYYY-MM-DD``."""
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%d")


def previous_day(now: float) -> str | None:
    """Yesterday's salt day while its hashes may still be in the window."""
    if now % 86400 < WINDOW:
        return day_of(now - WINDOW)
    return None


def reader_hash(salt: bytes, address: str, user_agent: str) -> bytes:
    data = f"{address}\n{user_agent}".encode("utf-8", "replace")
    return hashlib.blake2b(data, key=salt[:64], digest_size=DIGEST_SIZE).digest()


@lru_cache(maxsize=8)
def _networks(raw: tuple[str, ...]):
    networks = []
    for item in raw:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as error:
            raise ValueError(
                f"KHABAR_TRUSTED_PROXIES has {item!r}, which is not an IP address "
                "or network; list addresses or CIDRs separated by commas, e.g. "
                "127.0.0.1,10.0.0.0/8."
            ) from error
    return tuple(networks)


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(meta) -> str:
    """The reader's address.

    ``X-Forwarded-For`` is believed only when the request comes from a
    proxy listed in ``KHABAR_TRUSTED_PROXIES``; then the right-most address
    that is not itself a trusted proxy is the client.
    """
    peer = meta.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.KHABAR_TRUSTED_PROXIES))
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if not forwarded or not networks or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer
