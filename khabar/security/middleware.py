"""Send the Content-Security-Policy and Permissions-Policy on every response.

Placed right after Django's SecurityMiddleware, before WhiteNoise and the
page cache, so static files and the cache's answers get them too. The page
cache stores these headers with each page (khabar/cache/middleware.py), so
that a hit answered before Django has them; a header already on a response
is left alone, so a stored page keeps the policy it was rendered with,
whose hashes match its inline code.
"""

from functools import cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

from khabar.security import csp

#: Powerful browser features no page of Khabar uses, for it and for anything
#: it frames. ``browsing-topics`` opts out of Chrome's interest-based ads
#: (the successor of FLoC's ``interest-cohort``, which Chrome no longer
#: knows and would complain about in the console).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


#: Admin views open before signing in: they get the stricter policy.
SIGN_IN_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)


@cache
def admin_path():
    """The newsroom admin's path below the script prefix, as
    ``request.path_info`` starts: ``"/admin/"``. Middleware that serves only
    the admin (this one, the second factor's) asks it on every request, so
    it is reversed once."""
    return "/" + reverse("wagtailadmin_home")[len(get_script_prefix()) :]


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        admin_path.cache_clear()


def content_security_policy(request):
    """The policy for the response to *request*."""
    if not request.path_info.startswith(admin_path()):
        return csp.public_policy()
    match = request.resolver_match
    if match is not None and match.view_name in SIGN_IN_VIEWS:
        return csp.sign_in_policy()
    return csp.admin_policy()


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        headers = response.headers
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders through the middleware again, with
            # a made-up request for "/": the public policy would forbid the
            # admin to frame it. The admin request around it sets the
            # admin's policy.
            return response
        if "Content-Security-Policy" not in headers:
            headers["Content-Security-Policy"] = content_security_policy(request)
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
