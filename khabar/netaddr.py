"""The client's address behind the proxies Khabar is told to trust.

Shared by readership (one view per reader) and accounts (sign-in
throttling): both must agree on who the client is, and neither should
import the other, so the rule lives here, below both.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


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
    """The client's address, from a request's ``META``.

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
