"""Sign-in throttling and lockout, and throttled password resets."""

import pytest
from django.core import mail
from django.urls import reverse

from khabar.newsroom import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("wagtail_admin", "fast_hasher"),
]

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return UserFactory(username="salma", role=roles.EDITOR)


def _sign_in(client, password, username="salma", address="203.0.113.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def _signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_right_password_signs_in(client, editor):
    assert _signed_in(_sign_in(client, PASSWORD))


def test_after_five_failures_even_the_right_password_is_refused(client, editor):
    failures = [_sign_in(client, "wrong").status_code for _ in range(5)]

    response = _sign_in(client, PASSWORD)

    assert failures == [200, 200, 200, 200, 429], "the fifth failure locks"

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locked_out_person_is_told_in_arabic_when_to_try_again(client, editor):
    for _ in range(5):
        _sign_in(client, "wrong")

    response = _sign_in(client, PASSWORD)

    text = response.content.decode()
    assert "محاولات دخول فاشلة كثيرة" in text
    assert "حاول مجددًا بعد" in text
    assert 'class="login-form"' in text, "the login page itself, not a bare 403"


def test_another_address_is_not_locked_out(client, editor):
    for _ in range(5):
        _sign_in(client, "wrong", address="203.0.113.7")

    assert _signed_in(_sign_in(client, PASSWORD, address="198.51.100.9"))


def test_address_behind_a_trusted_proxy_is_the_forwarded_one(client, editor, settings):
    settings.KHABAR_TRUSTED_PROXIES = ["10.0.0.1"]
    guesser = {"address": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    colleague = {"address": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.5"}
    for _ in range(5):
        _sign_in(client, "wrong", **guesser)

    # The same proxy, another person behind it: not locked out.
    assert _sign_in(client, PASSWORD, **guesser).status_code == 429
    assert _signed_in(_sign_in(client, PASSWORD, **colleague))


def test_one_address_guessing_many_accounts_is_stopped(client, settings):
    settings.KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="rami", role=roles.REPORTER)
    for n in range(8):
        _sign_in(client, "wrong", username=f"guess{n}")

    assert _sign_in(client, PASSWORD, username="rami").status_code == 429


def test_locked_out_attempt_is_refused_before_the_password_is_hashed(
    client, editor, settings
):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signin.CountingHasher"]
    editor.set_password(PASSWORD)
    editor.save()
    for _ in range(5):
        _sign_in(client, "wrong")
    CountingHasher.calls = 0

    _sign_in(client, PASSWORD)

    assert CountingHasher.calls == 0


def test_unlock_command_lets_the_person_in_again(client, editor):
    from django.core.management import call_command

    for _ in range(5):
        _sign_in(client, "wrong")
    call_command("axes_reset_username", "salma")

    assert _signed_in(_sign_in(client, PASSWORD))


# Password resets ------------------------------------------------------------


def _reset(client, email, address="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_twenty_reset_requests_send_three_emails(client, editor):
    responses = [_reset(client, editor.email) for _ in range(20)]

    assert len(mail.outbox) == 3
    assert {r.status_code for r in responses} == {302}
    assert {r.url for r in responses} == {reverse("wagtailadmin_password_reset_done")}


def test_reset_limit_per_account_holds_across_addresses(client, editor):
    for n in range(10):
        _reset(client, editor.email, address=f"198.51.100.{n}")

    assert len(mail.outbox) == 3


def test_reset_limit_per_address_holds_across_accounts(client):
    users = [UserFactory(username=f"u{n}") for n in range(15)]
    for user in users:
        _reset(client, user.email)

    assert len(mail.outbox) == 10


def test_reset_answer_is_the_same_for_unknown_and_throttled_emails(client, editor):
    for _ in range(5):
        _reset(client, editor.email)
    throttled = _reset(client, editor.email)
    unknown = _reset(client, "nobody@example.test", address="198.51.100.1")

    assert (throttled.status_code, throttled.url) == (unknown.status_code, unknown.url)


class CountingHasher:
    """A hasher with a counter: shows whether a password was hashed."""

    calls = 0

    def __new__(cls):
        from django.contrib.auth.hashers import MD5PasswordHasher

        class _Counting(MD5PasswordHasher):
            def encode(self, password, salt):
                CountingHasher.calls += 1
                return super().encode(password, salt)

        return _Counting()
