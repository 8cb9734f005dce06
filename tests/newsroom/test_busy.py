"""A busy SQLite database: a 503 that says what happened, never a 500."""

from django.db import OperationalError
from django.utils import translation

from khabar.newsroom.busy import DatabaseBusyMiddleware


def _answer(rf, error):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    return middleware.process_exception(rf.post("/admin/snippets/"), error)


def test_a_locked_database_is_answered_503_in_arabic(rf):
    response = _answer(rf, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "قاعدة البيانات مشغولة" in page
    assert "فلم يُحفظ شيء" in page


def test_in_english_too(rf):
    with translation.override("en"):
        page = _answer(rf, OperationalError("database is locked")).content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert "so nothing was saved" in page


def test_other_database_errors_are_left_alone(rf):
    assert _answer(rf, OperationalError("no such table: x")) is None
    assert _answer(rf, ValueError("database is locked")) is None
