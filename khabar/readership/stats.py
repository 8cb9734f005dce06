"""What the newsroom sees: views per day and the day's top articles."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from khabar.readership.models import ArticleDailyViews

DAYS = 30


def days_ending(today, count=DAYS):
    return [today - dt.timedelta(days=n) for n in range(count - 1, -1, -1)]


def views_per_day(article=None, count=DAYS, today=None):
    """``[(day, views)]`` for the *count* days up to today, oldest first,
    for one article or for the whole site."""
    today = today or timezone.localdate()
    days = days_ending(today, count)
    rows = ArticleDailyViews.objects.filter(day__gte=days[0], day__lte=today)
    if article is not None:
        rows = rows.filter(article=article)
    totals = dict(rows.values_list("day").annotate(total=Sum("views")))
    return [(day, totals.get(day, 0)) for day in days]


def top_articles(day=None, limit=10):
    """The day's most-viewed articles (any state: the desk wants to know)."""
    day = day or timezone.localdate()
    return list(
        ArticleDailyViews.objects.filter(day=day, views__gt=0)
        .select_related("article")
        .only("views", "article__title", "article__view_count", "article__live")
        .order_by("-views", "-article_id")[:limit]
    )
