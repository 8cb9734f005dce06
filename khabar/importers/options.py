"""Command-line options the import commands share."""

import zoneinfo

from django.core.management.base import CommandError


def time_zone(name):
    """The zone ``--time-zone`` names, or None when it names none."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise CommandError(
            f"--time-zone: unknown time zone {name!r}; use an IANA name such "
            "as Asia/Damascus or UTC."
        ) from None
