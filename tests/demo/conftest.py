"""The demo paper, built once for the tests of this package."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from khabar.demo import accounts
from tests.demo import PASSWORD


@pytest.fixture(scope="package", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the demo site once for this package; roll it back afterwards.

    Returns what ``khabar demo`` printed. Each test still runs in its own
    savepoint inside this transaction, so what a test adds (another demo
    with --force) is undone after it. The image files go to a temporary
    MEDIA_ROOT; the drawn illustrations stay cached in VAR_DIR, as for
    any run of the command.
    """
    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        monkeypatch.setenv(accounts.PASSWORD_ENV, PASSWORD)
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
