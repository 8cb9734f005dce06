"""Write the change log: a row for each article that entered, changed on or
left the site, recorded after the change commits.

It listens to the publish events (``khabar/newsroom/events.py``) and to
the deletion of articles, and writes once their transaction has committed
(``transaction.on_commit``), so a change that is rolled back is never
served. What to write is decided then, by comparing what readers can see
of each article with what the log last said of it: an event sent twice,
or an unpublish of an article that was never on the site, writes nothing.
``reconcile()`` (``khabar record-changes``) makes the same comparison for
every article, to fill an empty log or repair one that missed a commit.
"""

from collections import Counter
from datetime import timedelta
from functools import partial

from django.db import connection, transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from khabar.api.models import LIVE_KINDS, TOMBSTONE_KINDS, ArticleChange, ChangeHorizon
from khabar.newsroom.events import (
    article_published,
    article_unpublished,
    articles_imported,
)
from khabar.newsroom.models import Article, ArticleCorrection

Kind = ArticleChange.Kind

#: How long a change that a later one supersedes, and a tombstone, are
#: kept. A partner that polls at least this often never has to sync again
#: from the start (docs/changes.md).
RETENTION = timedelta(days=30)
#: Recording prunes the log when it was last pruned longer ago than this.
PRUNE_EVERY = timedelta(days=1)
#: Article ids per query: well under every backend's parameter limit.
CHUNK = 500
#: Article ids per step of reconcile(): the sets it compares stay small.
RECONCILE_STEP = 10_000


def record(article_ids, *, changed=False):
    """Write the changes of *article_ids* that the log lacks; return them.

    An article readers can see that the log does not show on the site is
    "published". One the log shows on the site that readers can no longer
    see gets a tombstone: "deleted" when its row is gone, "expired" when
    its expiry has come, else "unpublished". With *changed* (a publish or
    an import said it changed), an article that stays on the site is
    "corrected" when this publication brought a correction, else
    "updated". Anything else writes nothing.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return []
    with transaction.atomic():
        _one_writer_at_a_time()
        now = timezone.now()  # in the turn, so times follow ids
        rows = []
        for start in range(0, len(ids), CHUNK):
            rows += _changes(ids[start : start + CHUNK], changed, now)
        ArticleChange.objects.bulk_create(rows)
    if _prune_due(now):
        prune()
    return rows


def _one_writer_at_a_time():
    """Make change ids commit in the order of the ids.

    Readers page by id: "the rows after cursor N". Were two writers to hold
    ids at once, the larger could commit first; a reader would move its
    cursor past it, and the smaller, committed a moment later, would never
    be served. So writers take turns, and each takes its ids and commits
    within its turn: every id a reader can see is then below every id not
    yet committed. PostgreSQL: an EXCLUSIVE lock on the table, which
    readers do not wait for, held to the end of the transaction. SQLite
    lets one writer in at a time by itself (IMMEDIATE transactions:
    settings.py). The other cure, serving only rows older than a settle
    time, would delay every change by that time and still lose a row whose
    writer stalled for longer; a turn costs a writer the few milliseconds
    another writer's insert takes, and writing is rare beside reading.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(ArticleChange._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")


def _changes(ids, changed, now):
    visible = set(
        Article.objects.visible().filter(pk__in=ids).values_list("pk", flat=True)
    )
    on_log = _live_in_log(article_id__in=ids)
    stayed = visible & on_log if changed else set()
    corrected = _corrected(stayed)
    gone = _tombstones(on_log - visible, now)
    rows = []
    for pk in ids:
        if pk in visible and pk not in on_log:
            kind = Kind.PUBLISHED
        elif pk in stayed:
            kind = Kind.CORRECTED if pk in corrected else Kind.UPDATED
        elif pk in gone:
            kind = gone[pk]
        else:
            continue
        rows.append(ArticleChange(article_id=pk, kind=kind, at=now))
    return rows


def _live_in_log(**articles):
    """The ids, among the articles the lookups select, whose latest change
    leaves them on the site."""
    latest = (
        ArticleChange.objects.filter(**articles)
        .values("article_id")
        .annotate(latest=Max("pk"))
        .values("latest")
    )
    return set(
        ArticleChange.objects.filter(pk__in=latest, kind__in=LIVE_KINDS).values_list(
            "article_id", flat=True
        )
    )


def _corrected(ids):
    """Those of *ids* whose latest publication brought a correction: a
    correction is dated with the publication that first shows it
    (``Article._stamp_corrections``)."""
    if not ids:
        return set()
    return set(
        ArticleCorrection.objects.filter(
            article_id__in=ids, published_at=F("article__last_published_at")
        ).values_list("article_id", flat=True)
    )


def _tombstones(ids, now):
    """``{id: kind}`` for articles that left the site."""
    kinds = dict.fromkeys(ids, Kind.DELETED)
    if ids:
        rows = Article.objects.filter(pk__in=ids).values_list(
            "pk", "expired", "expire_at"
        )
        for pk, expired, expire_at in rows:
            ran_out = expired or (expire_at is not None and expire_at <= now)
            kinds[pk] = Kind.EXPIRED if ran_out else Kind.UNPUBLISHED
    return kinds


def prune(retention=RETENTION):
    """Forget what no reader needs any more; return how many rows went.

    Of the changes older than *retention*, removes those that a later
    change of the same article supersedes (the later one says all a
    mirror needs), and tombstones. An article's latest change is kept
    while it is on the site, so reading from the start always gives the
    whole live set. Removing an article's last tombstone moves the
    horizon: a cursor below it may have missed the tombstone, and
    ``changes_since`` then answers "sync again" (``CursorGone``).
    """
    now = timezone.now()
    with transaction.atomic():
        _one_writer_at_a_time()
        horizon, _ = ChangeHorizon.objects.get_or_create(pk=1)
        # By id, not by time: with the cutoff an id, an article's earlier
        # changes always go with its tombstone, whatever the clocks said.
        cutoff = ArticleChange.objects.filter(at__lt=now - retention).aggregate(
            top=Max("pk")
        )["top"]
        removed = 0
        if cutoff is not None:
            old = ArticleChange.objects.filter(pk__lte=cutoff)
            superseded = Exists(
                ArticleChange.objects.filter(
                    article_id=OuterRef("article_id"), pk__gt=OuterRef("pk")
                )
            )
            last_tombstone = (
                old.filter(kind__in=TOMBSTONE_KINDS)
                .exclude(superseded)
                .aggregate(top=Max("pk"))["top"]
            )
            if last_tombstone:
                horizon.tombstones_through = max(
                    horizon.tombstones_through, last_tombstone
                )
            removed, _ = old.filter(
                Q(kind__in=TOMBSTONE_KINDS) | Q(superseded)
            ).delete()
        horizon.pruned_at = now
        horizon.save()
    return removed


def _prune_due(now):
    return not ChangeHorizon.objects.filter(
        pk=1, pruned_at__gt=now - PRUNE_EVERY
    ).exists()


def reconcile(step=RECONCILE_STEP, on_step=None):
    """Record every change the log lacks, for every article; return a
    ``Counter`` of the kinds written.

    On an empty log that is a "published" row for each article readers can
    see, so a partner reading from the start gets the whole live set; later
    it repairs a log that missed a change (a process that died between a
    commit and its recording): a visible article the log does not show, or
    a tombstone for one it shows that readers can no longer see. Walks the
    ids *step* at a time; *on_step* is called with the ids walked.
    """
    top = max(
        Article.objects.aggregate(top=Max("pk"))["top"] or 0,
        ArticleChange.objects.aggregate(top=Max("article_id"))["top"] or 0,
    )
    written = Counter()
    for start in range(0, top + 1, step):
        end = start + step
        visible = set(
            Article.objects.visible()
            .filter(pk__gte=start, pk__lt=end)
            .values_list("pk", flat=True)
        )
        on_log = _live_in_log(article_id__gte=start, article_id__lt=end)
        # record() looks again in its turn: another writer may have been
        # quicker.
        written.update(row.kind for row in record(visible ^ on_log))
        if on_step:
            on_step(min(step, top + 1 - start))
    return written


def _after_commit(article_ids, changed):
    # robust: the change itself has committed; a failure here is logged,
    # never shown to the editor, and `khabar record-changes` repairs it.
    transaction.on_commit(partial(record, article_ids, changed=changed), robust=True)


@receiver(article_published)
def _published(sender, article, **kwargs):
    _after_commit([article.pk], changed=True)


@receiver(article_unpublished)
def _unpublished(sender, article, **kwargs):
    _after_commit([article.pk], changed=False)


@receiver(articles_imported)
def _imported(sender, article_ids, **kwargs):
    _after_commit(list(article_ids), changed=True)


@receiver(post_delete, sender=Article)
def _deleted(sender, instance, **kwargs):
    _after_commit([instance.pk], changed=False)
