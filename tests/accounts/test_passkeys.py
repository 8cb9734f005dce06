"""A passkey registered and used as the second factor, in real chromium.

Chromium's virtual authenticator (DevTools protocol) stands in for a
phone or security key. Playwright's sync API runs an event loop in this
thread and Django refuses ORM calls while it runs, so the data is made
before the browser starts and checked after it stops.
"""

import pytest

from khabar.newsroom import roles
from tests import services
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_admin"),
]

TIMEOUT_MS = 20_000


@pytest.fixture
def passkey_site(settings, live_server, fast_hasher, role_groups):
    """WebAuthn scoped to the test server, which runs at http://localhost
    (a secure context; browsers refuse IP addresses as relying parties)."""
    assert live_server.url.startswith("http://localhost:"), live_server.url
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server.url


def _sign_in_with_password(page, base):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "salma")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")


def test_passkey_registration_and_sign_in(passkey_site):
    from django_otp_webauthn.models import WebAuthnCredential
    from wagtail.models import ModelLogEntry

    from khabar.accounts import audit

    UserFactory(username="salma", password=PASSWORD, role=roles.EDITOR)
    base = passkey_site
    executable = services.chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=services.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            cdp = page.context.new_cdp_session(page)
            cdp.send("WebAuthn.enable")
            cdp.send(
                "WebAuthn.addVirtualAuthenticator",
                {
                    "options": {
                        "protocol": "ctap2",
                        "transport": "internal",
                        "hasResidentKey": True,
                        "hasUserVerification": True,
                        "isUserVerified": True,
                        "automaticPresenceSimulation": True,
                    }
                },
            )

            _sign_in_with_password(page, base)
            page.goto(base + "/admin/accounts/two-factor/")
            page.click("#passkey-register-button")
            # The page reloads once the server has saved the passkey.
            page.wait_for_selector("form[action*='/two-factor/passkey/']")

            page.context.clear_cookies()
            _sign_in_with_password(page, base)
            assert "/admin/accounts/verify/" in page.url, page.url
            page.click("#passkey-verification-button")
            page.wait_for_url(base + "/admin/")
            dashboard = page.content()
        finally:
            browser.close()

    assert WebAuthnCredential.objects.filter(user__username="salma").count() == 1
    assert "/admin/logout/" in dashboard
    assert ModelLogEntry.objects.filter(
        action=audit.SECOND_FACTOR, data__device="passkey"
    ).exists()
