"""Answer beacons before Django's middleware and URL resolver.

A beacon needs none of what the middleware does (no session, no user, no
CSRF token, no host-dependent URL), and it is the most frequent request a
busy site gets, so ``khabar/wsgi.py`` wraps the application in this: the
same ``record_view`` as the Django views in beacon.py (which serve
``runserver`` and the test client), about twice as fast. Anything but
``/v/<id>`` and ``/v/<id>.gif`` goes to Django untouched.
"""

import json
import re

from django.conf import settings

from khabar.readership.beacon import PIXEL, safely_record, views_after

_BEACON = re.compile(r"/v/([0-9]{1,10})(\.gif)?")


def _headers(content_type, body):
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    return headers


def with_beacon(application):
    """Wrap a WSGI *application* so that beacons skip Django."""

    def beacon_or_django(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/v/"):
            return application(environ, start_response)
        match = _BEACON.fullmatch(path)
        if match is None:
            return application(environ, start_response)
        article_id, gif = int(match[1]), bool(match[2])
        method = environ.get("REQUEST_METHOD")
        allowed = ("GET", "HEAD") if gif else ("POST",)
        if method not in allowed:
            start_response(
                "405 Method Not Allowed",
                [("Allow", ", ".join(allowed)), *_headers("text/plain", b"")],
            )
            return [b""]
        result = safely_record(environ, article_id)
        if gif:
            start_response("200 OK", _headers("image/gif", PIXEL))
            return [b"" if method == "HEAD" else PIXEL]
        body = json.dumps({"views": views_after(result, article_id)}).encode()
        start_response("200 OK", _headers("application/json", body))
        return [body]

    return beacon_or_django
