"""Sign-in throttling with django-axes: who the client is, when they are
locked out, and what a locked-out person is told.

Failures count per username and client address (``AXES_FAILURE_LIMIT``,
five by default); an address also has a higher ceiling across all
usernames (``KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT``), so one address cannot
try one password against every account either.
"""

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext

from khabar.netaddr import client_address


def client_ip(request):
    """The address axes counts failures against: the one readership uses."""
    return client_address(request.META)


class SignInHandler(AxesDatabaseHandler):
    """Axes' database handler, plus a per-address ceiling."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures >= limit:
            return failures
        since = request.axes_attempt_time - get_cool_off(request)
        from_address = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=since
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (from_address or 0) >= settings.KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT:
            return limit
        return failures


def retry_at(now=None):
    """When someone locked out now may try again.

    Every failure during a lockout starts the cool-off again (axes'
    default), so it ends one cool-off after this attempt.
    """
    return (now or timezone.now()) + get_cool_off()


def lockout_message(now=None):
    minutes = int(get_cool_off() / dt.timedelta(minutes=1))
    return ngettext(
        "Too many failed sign-in attempts. Try again after %(time)s "
        "(in %(minutes)d minute).",
        "Too many failed sign-in attempts. Try again after %(time)s "
        "(in %(minutes)d minutes).",
        minutes,
    ) % {
        "time": time_format(timezone.localtime(retry_at(now)), "H:i"),
        "minutes": minutes,
    }


def lockout_response(request, original_response=None, credentials=None):
    """Keep Wagtail's login page, which already says why (forms.LoginForm),
    and mark it 429 so that scripts and proxies see the refusal."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    now = getattr(request, "axes_attempt_time", None)
    return HttpResponse(lockout_message(now), status=429, content_type="text/plain")
