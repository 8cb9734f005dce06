"""The verification step after the password, and second-factor enrolment."""

from urllib.parse import parse_qs, urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp_webauthn.models import WebAuthnCredential

from khabar.accounts import audit, twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": "",
                "dir": "ltr",
            }
        ),
    )


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def passkeys_available() -> bool:
    """Browsers offer WebAuthn only in a secure context (docs/accounts.md)."""
    origins = settings.OTP_WEBAUTHN_ALLOWED_ORIGINS
    return any(
        origin.startswith(("https://", "http://localhost")) for origin in origins
    )


def verify(request):
    """Ask for the second factor after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, twofactor.normalise_code(form.cleaned_data["code"]))
        if device is not None:
            otp_login(request, device)
            audit.record(user, audit.SECOND_FACTOR, request, device=audit.kind(device))
            return redirect(_next_url(request))
        audit.record(user, audit.SECOND_FACTOR_FAILED, request)
        form.add_error("code", _("That code is not right, or was already used."))
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": _next_url(request),
            "has_app": twofactor.authenticator_apps(user).exists(),
            "has_passkey": passkeys_available() and twofactor.passkeys(user).exists(),
            "recovery_codes_left": twofactor.recovery_codes_left(user),
        },
    )


def two_factor(request):
    """The account's second factors: add, remove, new recovery codes."""
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        {
            "page_title": _("Two-step sign-in"),
            "header_icon": "key",
            "required": twofactor.second_factor_required(user),
            "enrolled": twofactor.is_enrolled(user),
            "apps": twofactor.authenticator_apps(user),
            "passkeys": twofactor.passkeys(user),
            "passkeys_available": passkeys_available(),
            "recovery_codes_left": twofactor.recovery_codes_left(user),
            "next": _next_url(request),
        },
    )


def authenticator_app(request):
    """Add an authenticator app: scan the code, type the first number."""
    user = request.user
    device = twofactor.new_authenticator_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(twofactor.normalise_code(form.cleaned_data["code"])):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit.record(user, audit.DEVICE_ADDED, request, device="totp")
            if not user.is_verified():
                otp_login(request, device)
            if not twofactor.recovery_codes_left(user):
                return _show_recovery_codes(request)
            messages.success(request, _("Your authenticator app is ready."))
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right; check the phone's clock."))
    return render(
        request,
        "accounts/authenticator_app.html",
        {
            "page_title": _("Add an authenticator app"),
            "header_icon": "key",
            "form": form,
            "qr_svg": twofactor.qr_svg(device.config_url),
            "secret": _spaced(device.config_url),
            "next": _next_url(request),
        },
    )


@require_POST
def recovery_codes(request):
    """New recovery codes, shown once; the old ones stop working."""
    if not twofactor.is_enrolled(request.user):
        raise Http404
    return _show_recovery_codes(request)


@require_POST
def remove_device(request, kind, pk):
    user = request.user
    devices = {
        "totp": twofactor.authenticator_apps(user),
        "passkey": WebAuthnCredential.objects.filter(user=user),
    }
    if kind not in devices:
        raise Http404
    deleted, _rows = devices[kind].filter(pk=pk).delete()
    if deleted:
        audit.record(user, audit.DEVICE_REMOVED, request, device=kind)
        if not twofactor.is_enrolled(user):
            # Codes without an enrolled factor would be a second factor
            # that nobody chose.
            user.staticdevice_set.all().delete()
    return redirect("khabar_accounts:two_factor")


def _show_recovery_codes(request):
    codes = twofactor.new_recovery_codes(request.user)
    audit.record(request.user, audit.RECOVERY_CODES, request)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "page_title": _("Recovery codes"),
            "header_icon": "key",
            "codes": [twofactor.show_code(code) for code in codes],
            "next": _next_url(request),
        },
    )


def _spaced(config_url):
    """The secret from an otpauth:// URL, in groups of four for typing."""
    secret = parse_qs(urlsplit(config_url).query)["secret"][0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
