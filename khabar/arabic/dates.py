"""Write dates the way Arabic newspapers of each region do, and the Hijri
date of a day by the Umm al-Qura calendar."""

from datetime import date, datetime

from hijridate import Gregorian

LEVANTINE = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
EGYPTIAN = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
STYLES = ("levantine", "egyptian", "both")


def month_name(month: int, style: str = "both") -> str:
    """The name of *month* (1–12) in *style*.

    >>> month_name(5, "both")
    'أيار/مايو'
    """
    if style not in STYLES:
        raise ValueError(f"Unknown month-name style {style!r}; use one of {STYLES}.")
    if not 1 <= month <= 12:
        raise ValueError(f"Month must be 1–12, not {month}.")
    if style == "levantine":
        return LEVANTINE[month - 1]
    if style == "egyptian":
        return EGYPTIAN[month - 1]
    return f"{LEVANTINE[month - 1]}/{EGYPTIAN[month - 1]}"


def long_date(value: date | datetime, style: str = "both") -> str:
    """'28 أيار/مايو 2019': day, month name, year.

    >>> long_date(date(2019, 5, 28), "levantine")
    '28 أيار 2019'
    """
    return f"{value.day} {month_name(value.month, style)} {value.year}"


def day_and_month(value: date | datetime, style: str = "both") -> str:
    """'28 أيار/مايو': day and month name, for a date whose year goes
    without saying.

    >>> day_and_month(date(2019, 5, 28), "egyptian")
    '28 مايو'
    """
    return f"{value.day} {month_name(value.month, style)}"


def hijri_date(value: date | datetime, language: str = "ar") -> str:
    """'1 رمضان 1447 هـ': the Umm al-Qura date of the day *value*, with the
    month's name and the era in *language* ("ar" or "en").

    A datetime counts by its own day: give it in the time zone whose day
    is meant. Raises OverflowError outside the days the Umm al-Qura table
    covers (1 August 1924 to 16 November 2077), where no date is official.

    >>> hijri_date(date(2026, 2, 18))
    '1 رمضان 1447 هـ'
    >>> hijri_date(date(2026, 2, 18), "en")
    '1 Ramadan 1447 AH'
    """
    if language not in ("ar", "en"):
        raise ValueError(f"Hijri dates are written in 'ar' or 'en', not {language!r}.")
    day = Gregorian(value.year, value.month, value.day).to_hijri()
    return f"{day.day} {day.month_name(language)} {day.year} {day.notation(language)}"
