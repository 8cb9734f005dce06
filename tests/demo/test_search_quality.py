"""Search quality on the demo paper: recall@10 and MRR must not regress.

Runs every query of tests/search_eval.py through the real index of the
demo paper that tests/demo/conftest.py builds.
"""

import pytest
from django.db import transaction

from tests import search_eval

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def metrics(demo, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
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
