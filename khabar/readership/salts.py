"""The day's salt of readers' hashes, shared through the database."""

import datetime as dt

from django.db import IntegrityError, transaction

from khabar.readership.models import DailySalt


def shared_salt(day, candidate):
    """The salt of *day* ("2026-12-02"): the one stored, or *candidate*,
    stored now. Every process of every machine gets the same bytes."""
    try:
        with transaction.atomic():
            salt, created = DailySalt.objects.get_or_create(
                day=day, defaults={"value": candidate}
            )
    except IntegrityError:  # another process stored it first
        salt, created = DailySalt.objects.get(day=day), False
    if created:
        before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
        DailySalt.objects.filter(day__lt=before).delete()
    return bytes(salt.value)
