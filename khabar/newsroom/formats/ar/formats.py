"""Dates as an Arabic newsroom writes them: «2 ديسمبر 2026، 14:05».

Django's Arabic formats leave DATETIME_FORMAT to the English default
(«ديسمبر 2, 2026, 2:05 م») and write times on a 12-hour clock; a newsroom
works on the 24-hour clock the reader's site uses. Only what differs from
Django's Arabic module is set here: Django reads the rest from its own.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
