"""Dates that say when: relative in lists, full with the Hijri date in a
story's dateline, at a fixed now in the site's time zone (UTC+3)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from khabar.arabic.dates import hijri_date
from khabar.site.templatetags import khabar as tags

ZONE = ZoneInfo("Asia/Damascus")  # UTC+3 all year


@pytest.fixture(autouse=True)
def _site(settings):
    settings.TIME_ZONE = "Asia/Damascus"
    settings.KHABAR_MONTH_NAMES = "egyptian"
    with translation.override("ar"):
        yield


def _at(*args):
    return dt.datetime(*args, tzinfo=ZONE)


# -- when: relative to now ---------------------------------------------------


def test_today_is_the_time_alone_even_just_before_midnight():
    assert tags.when_text(_at(2026, 12, 3, 0, 5), now=_at(2026, 12, 3, 23, 55)) == (
        "00:05"
    )


def test_ten_minutes_across_midnight_is_yesterday():
    with translation.override("en"):
        text = tags.when_text(_at(2026, 12, 2, 23, 55), now=_at(2026, 12, 3, 0, 5))
    assert text == "Yesterday 23:55"


def test_yesterday_goes_through_the_catalogue(monkeypatch):
    arabic = {"Yesterday %(time)s": "أمس %(time)s"}
    monkeypatch.setattr(tags, "gettext", lambda msgid: arabic[msgid])
    text = tags.when_text(_at(2026, 12, 2, 23, 55), now=_at(2026, 12, 3, 0, 5))
    assert text == "أمس 23:55"


def test_the_day_is_the_site_time_zones_not_utcs():
    # 21:30 UTC on the 2nd is 00:30 on the 3rd in Damascus: today.
    utc = dt.datetime(2026, 12, 2, 21, 30, tzinfo=dt.UTC)
    assert tags.when_text(utc, now=_at(2026, 12, 3, 10, 0)) == "00:30"


def test_the_last_six_days_have_their_weekday():
    now = _at(2026, 12, 3, 12, 0)  # a Thursday
    assert tags.when_text(_at(2026, 12, 1, 22, 14), now=now) == "الثلاثاء 1 ديسمبر"
    assert tags.when_text(_at(2026, 11, 27, 8, 0), now=now) == "الجمعة 27 نوفمبر"


def test_a_week_ago_and_earlier_this_year_is_day_and_month():
    now = _at(2026, 12, 3, 12, 0)
    assert tags.when_text(_at(2026, 11, 26, 23, 0), now=now) == "26 نوفمبر"
    assert tags.when_text(_at(2026, 1, 1, 0, 0), now=now) == "1 يناير"


def test_across_new_year():
    now = _at(2027, 1, 2, 0, 5)  # a Saturday
    assert tags.when_text(_at(2027, 1, 1, 23, 55), now=now).endswith("23:55")
    assert tags.when_text(_at(2026, 12, 31, 23, 55), now=now) == "الخميس 31 ديسمبر"
    assert tags.when_text(_at(2026, 12, 20, 9, 0), now=now) == "20 ديسمبر 2026"


def test_month_names_follow_the_sites_style(settings):
    settings.KHABAR_MONTH_NAMES = "both"
    now = _at(2026, 12, 3, 12, 0)
    assert tags.when_text(_at(2026, 12, 1, 9, 0), now=now) == (
        "الثلاثاء 1 كانون الأول/ديسمبر"
    )
    settings.KHABAR_MONTH_NAMES = "levantine"
    assert tags.when_text(_at(2025, 5, 28, 9, 0), now=now) == "28 أيار 2025"


def test_weekdays_in_english_when_english_is_active():
    with translation.override("en"):
        text = tags.when_text(_at(2026, 12, 1, 9, 0), now=_at(2026, 12, 3, 12, 0))
    assert text == "Tuesday 1 ديسمبر"


def test_a_scheduled_time_has_its_full_date_and_time():
    text = tags.when_text(_at(2026, 12, 5, 10, 0), now=_at(2026, 12, 3, 12, 0))
    assert text == "10:00 · 5 ديسمبر 2026"


def test_when_renders_a_time_element_without_microseconds():
    value = _at(2026, 12, 3, 0, 5, 7, 123456)
    html = Template("{% load khabar %}{% when value now=now %}").render(
        Context({"value": value, "now": _at(2026, 12, 3, 23, 55)})
    )
    assert html == '<time datetime="2026-12-03T00:05:07+03:00">00:05</time>'


def test_when_of_nothing_is_nothing():
    assert tags.when(None) == ""


def test_when_refuses_what_is_not_a_datetime():
    with pytest.raises(TypeError, match=r"\{% when %\} takes a datetime, not str"):
        tags.when("yesterday")


# -- iso -----------------------------------------------------------------------


def test_iso_is_local_to_the_second_with_the_offset():
    utc = dt.datetime(2026, 12, 2, 21, 30, 5, 999999, tzinfo=dt.UTC)
    assert tags.iso(utc) == "2026-12-03T00:30:05+03:00"


def test_iso_of_a_day_and_of_nothing():
    assert tags.iso(dt.date(2026, 12, 3)) == "2026-12-03"
    assert tags.iso(None) == ""


def test_iso_refuses_what_is_not_a_date():
    with pytest.raises(TypeError, match=r"\|iso takes a datetime, not int 1733"):
        tags.iso(1733)


# -- Hijri ---------------------------------------------------------------------
# 1 Ramadan 1447 is Wednesday 18 February 2026 by Umm al-Qura: hijridate
# says so, and so does ICU 78.2's own Umm al-Qura table (Node's
# Intl.DateTimeFormat "en-u-ca-islamic-umalqura": "Ramadan 1, 1447 AH" for
# 2026-02-18 and "Shaʻban 29, 1447 AH" for 2026-02-17).


def test_hijri_date_of_known_days():
    assert hijri_date(dt.date(2026, 2, 18)) == "1 رمضان 1447 هـ"
    assert hijri_date(dt.date(2026, 2, 17)) == "29 شعبان 1447 هـ"
    assert hijri_date(dt.date(2026, 12, 3)) == "23 جمادى الآخرة 1448 هـ"
    assert hijri_date(dt.date(2026, 2, 18), "en") == "1 Ramadan 1447 AH"


def test_hijri_date_refuses_other_languages():
    with pytest.raises(ValueError, match="'ar' or 'en'"):
        hijri_date(dt.date(2026, 2, 18), "fr")


def test_dateline_gives_the_full_date_then_the_hijri_date():
    html = tags.dateline(_at(2026, 2, 18, 10, 30, 0, 500))
    assert html == (
        '<time datetime="2026-02-18T10:30:00+03:00">10:30 · 18 فبراير 2026</time>'
        '<span class="hijri"> · 1 رمضان 1447 هـ</span>'
    )


def test_dateline_takes_the_hijri_date_of_the_local_day():
    # 21:30 UTC on 17 February is 00:30 on the 18th in Damascus.
    html = tags.dateline(dt.datetime(2026, 2, 17, 21, 30, tzinfo=dt.UTC))
    assert "18 فبراير 2026" in html
    assert "1 رمضان 1447 هـ" in html


def test_dateline_in_english_names_the_hijri_month_in_english():
    with translation.override("en"):
        html = tags.dateline(_at(2026, 2, 18, 10, 30))
    assert '<span class="hijri"> · 1 Ramadan 1447 AH</span>' in html


@pytest.mark.parametrize("year", [1920, 2080])
def test_no_hijri_span_outside_the_umm_al_qura_table(year):
    html = tags.dateline(_at(year, 6, 1, 12, 0))
    assert f"1 يونيو {year}</time>" in html
    assert "hijri" not in html


def test_the_mastheads_dates_are_todays_in_the_site_time_zone():
    now = dt.datetime(2026, 2, 17, 21, 30, tzinfo=dt.UTC)  # 00:30 on the 18th
    assert tags.today(now) == "18 فبراير 2026"
    assert tags.hijri_today(now) == "1 رمضان 1447 هـ"
    assert tags.hijri_today(_at(2080, 1, 1, 12, 0)) == ""
