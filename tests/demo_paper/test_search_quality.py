"""Search quality on the demo paper: recall@10 and MRR must not regress.

Builds the demo once for the module and runs every query of
tests/search_eval.py through the real index.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from khabar.demo import accounts
from tests import search_eval

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def metrics(django_db_setup, django_db_blocker):
    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        monkeypatch.setenv(accounts.PASSWORD_ENV, "demo-password-for-tests")
        call_command("demo", stdout=StringIO())
        relevant = search_eval.headline_ids()
        search_eval.create_like_baseline()
        yield {
            "khabar": search_eval.evaluate(search_eval.khabar_run, relevant),
            "like": search_eval.evaluate(search_eval.like_run, relevant),
        }
        transaction.set_rollback(True)


def test_every_query_names_a_demo_headline(metrics):
    assert metrics["khabar"]["all"]["n"] == len(search_eval.QUERIES)


def test_recall_at_10_overall(metrics):
    assert metrics["khabar"]["all"]["recall"] >= 0.95


@pytest.mark.parametrize("kind", search_eval.TYPES)
def test_recall_at_10_for_each_variant_type(metrics, kind):
    assert metrics["khabar"][kind]["recall"] >= 0.9, metrics["khabar"][kind]


def test_mrr_overall(metrics):
    assert metrics["khabar"]["all"]["mrr"] >= 0.8


def test_search_beats_the_like_baseline(metrics):
    assert metrics["khabar"]["all"]["recall"] > metrics["like"]["all"]["recall"]
    assert metrics["like"]["exact"]["recall"] >= 0.9  # the baseline works
