"""Write dates the way Arabic newspapers of each region do."""

from datetime import date, datetime

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
