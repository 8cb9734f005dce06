"""The demo paper, built once for the tests of this package."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from khabar.demo import accounts
from tests.demo import PASSWORD


@pytest.fixture(scope="package", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Build the demo site once for this package; roll it back afterwards.

    Returns what ``khabar demo`` printed. Each test still runs in its own
    savepoint inside this transaction, so what a test adds (another demo
    with --force) is undone after it.
    """
    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        monkeypatch.setenv(accounts.PASSWORD_ENV, PASSWORD)
        out = StringIO()
        call_command("demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
