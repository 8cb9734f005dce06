"""The page cache's fast path: a fresh hit answered before Django runs.

A hit then costs a dictionary lookup (or one Redis GET) and a header list:
no request object, no middleware, no URL resolving. Everything that is not
a fresh hit goes on to Django, where ``PageCacheMiddleware`` handles it.
"""

from http import HTTPStatus

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.request import split_domain_port, validate_host

from khabar.cache import policy
from khabar.cache.store import get_store

_STATUS = {status: f"{status} {HTTPStatus(status).phrase}" for status in (200, 304)}
_hosts = {}


def host_allowed(environ):
    """Django's ALLOWED_HOSTS check, memoised per Host header."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    try:
        return _hosts[host]
    except KeyError:
        pass
    domain, _ = split_domain_port(host)
    allowed = bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
    if len(_hosts) < 64:
        _hosts[host] = allowed
    return allowed


def redirected_to_https(environ):
    """True when Django's SecurityMiddleware would send this request to
    https (``SECURE_SSL_REDIRECT``): the fast path must not answer it.

    The same test as ``HttpRequest.scheme``: the proxy's header when
    ``SECURE_PROXY_SSL_HEADER`` names one and it is present, else the
    server's own scheme. Cached pages are never redirect-exempt paths.
    """
    if not settings.SECURE_SSL_REDIRECT:
        return False
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() != secure_value
    return environ.get("wsgi.url_scheme") != "https"


@receiver(setting_changed)
def _forget_hosts(setting, **kwargs):
    if setting == "ALLOWED_HOSTS":
        _hosts.clear()


class PageCacheApp:
    """Wrap a WSGI *application* with the page cache's fast path."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.KHABAR_PAGE_CACHE:
            key = policy.classify(environ)
            if (
                key is not None
                and key != policy.BYPASS
                and host_allowed(environ)
                and not redirected_to_https(environ)
            ):
                entry = get_store().get(key)
                if entry is not None and entry.is_fresh():
                    status, headers, body = entry.respond(environ, "hit")
                    start_response(_STATUS[status], headers)
                    return [body]
        return self.application(environ, start_response)
