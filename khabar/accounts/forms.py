"""The admin's sign-in and password-reset forms, with their limits."""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import auth as wagtail_auth

from khabar.accounts import throttle
from khabar.netaddr import client_address

#: Reset requests one client address may make per hour, whatever the email.
RESETS_PER_ADDRESS = 10
HOUR = 60 * 60


class LoginForm(wagtail_auth.LoginForm):
    """Wagtail's login form, saying when a locked-out person may try again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail gives the field no label, so Django shows its name in
        # English ("Password") on an Arabic page.
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            now = getattr(self.request, "axes_attempt_time", None)
            return forms.ValidationError(
                throttle.lockout_message(now), code="locked_out"
            )
        return super().get_invalid_login_error()


def _over_limit(key, limit):
    """Count one more request under *key*; True once past *limit* an hour.

    The first request of the hour sets the window (cache.add does not
    extend it); later ones only increment, so the window never slides.
    """
    cache.add(key, 0, timeout=HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=HOUR)
        count = 1
    return count > limit


def _digest(text):
    # Keys carry no email address in clear text into Redis.
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class PasswordResetForm(wagtail_auth.PasswordResetForm):
    """Wagtail's reset form, sending at most a few emails an hour.

    Over the limit the form still succeeds and the person sees the same
    "check your email" page: the response must not tell whether an account
    exists, nor whether a limit was reached for it.
    """

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().lower()
        address = client_address(request.META) if request is not None else ""
        by_address = _over_limit(f"reset:addr:{_digest(address)}", RESETS_PER_ADDRESS)
        by_email = _over_limit(
            f"reset:email:{_digest(email)}", settings.KHABAR_PASSWORD_RESETS_PER_HOUR
        )
        if by_address or by_email:
            return
        super().save(*args, request=request, **kwargs)
