"""A newsroom at work on a temporary site, for test_partner_mirror.py.

Run inside ``khabar shell`` (one Django start-up for the whole test), it
reads one JSON command a line on standard input and answers each with one
JSON line on standard output. Every action goes through the code the
newsroom's own buttons run (a revision published, Wagtail's unpublish
action, the scheduler's expiry, a delete), so the publish events fire and
the change log, the page cache's purges and the search index follow as in
production.

Commands: ``{"seed": 7}`` seeds the random choices; ``{"publish": 30}``
publishes that many new articles; ``{"act": 10}`` does that many random
newsroom actions and answers their names; ``{"live": true}`` answers the
live set, read from the database; ``{"month_passes": true}`` ages the
change log past its retention and prunes it.
"""

import datetime as dt
import json
import random
import re
import sys

from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from khabar.api import recording
from khabar.api.models import ArticleChange
from khabar.newsroom.models import Article, ArticleCorrection, Section
from khabar.scheduling.ticker import run_due

#: Each action's weight: most of a newsroom's day is new stories and edits.
ACTIONS = {
    "publish new": 3,
    "edit and republish": 3,
    "correct": 2,
    "unpublish": 1,
    "expire": 1,
    "delete": 1,
    "republish": 1,
}
_TAGS = re.compile(r"<[^>]+>")


class Newsroom:
    def __init__(self):
        self.rng = random.Random(0)
        self.section = Section.objects.get_or_create(
            slug="politics", defaults={"name": "سياسة"}
        )[0]
        self.made = 0

    def _text(self, what):
        self.made += 1
        return f"{what} رقم {self.made} بتاريخ {timezone.now():%H%M%S%f}"

    def _publish(self, article, **changes):
        for name, value in changes.items():
            setattr(article, name, value)
        if article.pk is None:
            article.save()  # a new story's first draft; edits go by revision
        article.save_revision().publish()
        return article

    def _live(self):
        return list(
            Article.objects.visible().order_by("pk").values_list("pk", flat=True)
        )

    def publish_new(self):
        article = Article(title=self._text("خبر"), section=self.section)
        return self._publish(
            article, body=[("paragraph", f"<p>{self._text('نص')}</p>")]
        )

    def act(self):
        names = list(ACTIONS)
        name = self.rng.choices(names, weights=[ACTIONS[n] for n in names])[0]
        live = self._live()
        hidden = list(
            Article.objects.filter(live=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if name == "publish new" or not live or (name == "republish" and not hidden):
            self.publish_new()
            return "publish new"
        if name == "republish":
            article = Article.objects.get(pk=self.rng.choice(hidden))
            self._publish(article, expire_at=None, title=self._text("عودة"))
            return name
        article = Article.objects.get(pk=self.rng.choice(live))
        if name == "edit and republish":
            self._publish(
                article,
                title=self._text("تعديل"),
                body=[("paragraph", f"<p>{self._text('نص معدل')}</p>")],
            )
        elif name == "correct":
            article.corrections.add(ArticleCorrection(note=self._text("تصحيح")))
            self._publish(article)
        elif name == "unpublish":
            UnpublishAction(article).execute(skip_permission_checks=True)
        elif name == "expire":
            Article.objects.filter(pk=article.pk).update(
                expire_at=timezone.now() - dt.timedelta(seconds=1)
            )
            run_due()  # the scheduler's tick: unpublishes it as expired
        elif name == "delete":
            article.delete()
        return name

    def live_set(self):
        """``{id: [title, body text, updated at]}`` of what readers see, as
        the database holds it: the body's text is its paragraph's, tags
        stripped, not anything the API wrote."""
        rows = Article.objects.visible().prefetch_related("corrections")
        return {
            str(a.pk): [
                a.title,
                "\n\n".join(
                    _TAGS.sub("", block["value"]).strip() for block in a.body.raw_data
                ),
                a.modified_at.isoformat(),
            ]
            for a in rows
        }

    def month_passes(self):
        old = timezone.now() - recording.RETENTION - dt.timedelta(days=1)
        ArticleChange.objects.update(at=old)
        return recording.prune()


def main():
    newsroom = Newsroom()
    for line in sys.stdin:
        command = json.loads(line)
        if "seed" in command:
            newsroom.rng.seed(command["seed"])
            answer = True
        elif "publish" in command:
            answer = [newsroom.publish_new().pk for _ in range(command["publish"])]
        elif "act" in command:
            answer = [newsroom.act() for _ in range(command["act"])]
        elif "live" in command:
            answer = newsroom.live_set()
        elif "month_passes" in command:
            answer = newsroom.month_passes()
        else:
            answer = {"error": f"unknown command {command!r}"}
        sys.stdout.write(json.dumps({"answer": answer}, ensure_ascii=False) + "\n")
        sys.stdout.flush()


main()
