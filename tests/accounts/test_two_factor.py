"""The second factor: enrolment, verification, the mandatory setting."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from khabar.newsroom import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("wagtail_admin", "fast_hasher"),
]

HOME = "/admin/"
VERIFY = "/admin/accounts/verify/"
TWO_FACTOR = "/admin/accounts/two-factor/"
APP = "/admin/accounts/two-factor/app/"


@pytest.fixture
def editor():
    return UserFactory(username="salma", role=roles.EDITOR)


def _code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _sign_in(client, username="salma"):
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": HOME}
    )
    assert response.status_code == 302, "password sign-in failed"
    return response


def _enrol_app(client):
    """Scan (read the device the page made) and confirm with its code."""
    client.get(APP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(APP, {"code": _code(device), "next": HOME})
    device.refresh_from_db()
    return device, response


def test_enrolment_page_is_in_the_account_menu(client, editor):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_account"))

    assert TWO_FACTOR in response.content.decode()


def test_authenticator_app_page_shows_an_inline_qr_code(client, editor):
    client.force_login(editor)

    text = client.get(APP).content.decode()

    assert "<svg" in text
    assert "otpauth://" not in text.split("<svg")[0], "the secret is not linked out"


def test_enrolling_an_app_shows_ten_recovery_codes_once(client, editor):
    client.force_login(editor)

    device, response = _enrol_app(client)

    assert device.confirmed
    assert response.status_code == 200
    assert response.content.decode().count("<li><code>") == 10


def test_wrong_first_code_does_not_enrol(client, editor):
    client.force_login(editor)
    client.get(APP)

    client.post(APP, {"code": "000000"})

    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_after_the_password_an_enrolled_account_must_verify(client, editor):
    client.force_login(editor)
    device, _ = _enrol_app(client)
    client.logout()

    _sign_in(client)
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_the_right_code_opens_the_admin(client, editor):
    client.force_login(editor)
    device, _ = _enrol_app(client)
    client.logout()
    _sign_in(client)
    device.refresh_from_db()
    device.last_t = -1  # the enrolment code may be this step's code
    device.save()

    response = client.post(VERIFY, {"code": _code(device), "next": HOME})

    assert response.status_code == 302
    assert response.url == HOME
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, editor):
    client.force_login(editor)
    _enrol_app(client)
    client.logout()
    _sign_in(client)

    client.post(VERIFY, {"code": "123456"})

    assert client.get(HOME).status_code == 302


def test_a_recovery_code_works_once(client, editor):
    client.force_login(editor)
    _device, response = _enrol_app(client)
    code = response.content.decode().split("<li><code>")[1].split("</code>")[0]
    client.logout()

    _sign_in(client)
    first = client.post(VERIFY, {"code": code.upper()})
    client.logout()
    _sign_in(client)
    again = client.post(VERIFY, {"code": code})

    assert first.status_code == 302
    assert again.status_code == 200, "a used recovery code was accepted"


def test_a_password_alone_cannot_add_a_second_device(client, editor):
    client.force_login(editor)
    _enrol_app(client)
    client.logout()
    _sign_in(client)

    response = client.get(APP)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_without_the_requirement_accounts_without_a_device_go_straight_in(
    client, editor, settings
):
    settings.KHABAR_2FA_REQUIRED = False
    _sign_in(client)

    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize(
    "make",
    [
        lambda: UserFactory(username="e", role=roles.EDITOR),
        lambda: UserFactory(username="c", role=roles.CHIEF_EDITOR),
        lambda: UserFactory(username="s", is_superuser=True),
    ],
    ids=["editor", "chief-editor", "superuser"],
)
def test_required_second_factor_allows_only_enrolment(client, settings, make):
    settings.KHABAR_2FA_REQUIRED = True
    client.force_login(make())

    for url in (HOME, "/admin/snippets/newsroom/article/", "/admin/users/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(TWO_FACTOR), url
    assert client.get(TWO_FACTOR).status_code == 200
    assert client.get(APP).status_code == 200


def test_required_second_factor_does_not_bind_reporters(client, settings):
    settings.KHABAR_2FA_REQUIRED = True
    client.force_login(UserFactory(username="r", role=roles.REPORTER))

    assert client.get(HOME).status_code == 200


def test_enrolling_under_the_requirement_opens_the_admin(client, editor, settings):
    settings.KHABAR_2FA_REQUIRED = True
    client.force_login(editor)

    _enrol_app(client)

    assert client.get(HOME).status_code == 200


def test_requirement_defaults_on_in_production_only(tmp_path):
    import os
    import subprocess
    import sys

    def required(env):
        env = {**os.environ, "KHABAR_VAR_DIR": str(tmp_path), **env}
        env.pop("KHABAR_2FA_REQUIRED", None)
        code = "from django.conf import settings; print(settings.KHABAR_2FA_REQUIRED)"
        return subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**env, "DJANGO_SETTINGS_MODULE": "khabar.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert required({"KHABAR_ENV": "production", "SECRET_KEY": "x" * 50}) == "True"
    assert required({"KHABAR_ENV": "development"}) == "False"
