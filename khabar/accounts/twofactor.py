"""Second factors: who needs one, which devices count, recovery codes.

A newsroom account's second factor is an authenticator app (TOTP) or a
passkey (WebAuthn). Recovery codes are for the day the phone is lost; they
let a person in but do not count as enrolment on their own.
"""

import base64
import secrets

import segno
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from khabar.newsroom import roles

#: Roles that must use a second factor when KHABAR_2FA_REQUIRED is on.
REQUIRED_ROLES = (roles.EDITOR, roles.CHIEF_EDITOR)
RECOVERY_CODES = 10
RECOVERY_DEVICE_NAME = "recovery"


def second_factor_required(user) -> bool:
    """True when *user* may not use the admin without a second factor."""
    if not settings.KHABAR_2FA_REQUIRED:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_ROLES).exists()


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True)


def authenticator_apps(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def is_enrolled(user) -> bool:
    """An authenticator app or a passkey; recovery codes alone are not."""
    return authenticator_apps(user).exists() or passkeys(user).exists()


def new_authenticator_app(user):
    """An unconfirmed TOTP device: it counts once its first code is right.

    One pending device per person: reloading the page shows the same QR
    code instead of leaving a trail of half-made devices.
    """
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    return device


def qr_svg(text: str) -> str:
    """*text* as an inline SVG QR code: nothing is fetched from elsewhere."""
    return segno.make(text, error="m").svg_inline(scale=5, border=2, dark="#000")


def new_recovery_codes(user) -> list[str]:
    """Replace *user*'s recovery codes with fresh ones and return them.

    They are shown once: only the codes themselves are stored (django-otp
    compares them as given), so keep them like a password.
    """
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME
    ).count()


def normalise_code(text: str) -> str:
    """A typed code as stored: no spaces or dashes, lower case."""
    return text.replace("-", "").replace(" ", "").strip().lower()


def show_code(code: str) -> str:
    """A recovery code as shown, in two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def _recovery_code() -> str:
    # 10 base-32 characters: 50 bits, more than any guesser gets tries.
    return base64.b32encode(secrets.token_bytes(7)).decode()[:10].lower()
