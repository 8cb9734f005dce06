"""Lists shared by many pages, kept per process until content changes
(khabar/cache/shared.py, khabar/cache/generation.py)."""

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.utils import timezone, translation

from khabar.cache import generation, shared
from tests.factories import ArticleFactory, SectionFactory
from tests.services import redis_url

pytestmark = pytest.mark.django_db


def _bump_in_another_process(**env):
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from khabar.cache import generation; generation.bump()",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "khabar.settings", **env},
        check=True,
        timeout=60,
    )


def test_a_list_is_computed_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return [len(calls)]

    assert shared.shared("k", compute) == (1,)
    assert shared.shared("k", compute) == (1,)
    generation.bump()
    assert shared.shared("k", compute) == (2,)
    assert shared.shared("other", compute) == (3,)
    assert len(calls) == 3


def test_a_change_during_the_computation_is_not_hidden():
    """The token is read before the query: a commit that lands while the
    list is computed makes the next page compute it again."""
    values = iter(["old", "new"])

    def compute_while_someone_publishes():
        value = next(values)
        if value == "old":
            generation.bump()
        return [value]

    assert shared.shared("k", compute_while_someone_publishes) == ("old",)
    assert shared.shared("k", compute_while_someone_publishes) == ("new",)


def test_lists_are_computed_again_after_max_age(monkeypatch):
    monkeypatch.setattr(shared, "MAX_AGE", 0)
    calls = []
    shared.shared("k", lambda: calls.append(1) or [])
    shared.shared("k", lambda: calls.append(1) or [])
    assert len(calls) == 2


def test_a_change_in_another_process_reaches_this_one(settings):
    settings.REDIS_URL = ""
    before = generation.current()
    _bump_in_another_process(KHABAR_VAR_DIR=str(settings.VAR_DIR), REDIS_URL="")
    assert generation.current() != before


def test_with_redis_every_process_shares_the_token(settings):
    url = redis_url()
    prefix = f"khabar-test-generation-{os.getpid()}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    cache.delete(generation.REDIS_KEY)
    before = generation.current()
    _bump_in_another_process(REDIS_URL=url, KHABAR_CACHE_PREFIX=prefix)
    after = generation.current()
    cache.delete(generation.REDIS_KEY)
    assert after != before


def test_a_published_story_shows_in_every_sidebar_at_once(client):
    section = SectionFactory()
    first, second = ArticleFactory.create_batch(2, section=section)
    client.get(f"/a/{first.pk}")  # the lists are now kept

    fresh = ArticleFactory(draft=True, section=section, title="خبر عاجل جديد للتو")
    assert "خبر عاجل جديد للتو" not in client.get(f"/a/{second.pk}").text
    fresh.save_revision().publish()

    page = client.get(f"/a/{second.pk}").text
    assert page.count("خبر عاجل جديد للتو") == 2  # latest and the section's


def test_a_renamed_section_shows_in_the_menu_at_once(client):
    section = SectionFactory(name="رياضة")
    article = ArticleFactory(section=section)
    assert "رياضة" in client.get(f"/a/{article.pk}").text
    section.name = "الرياضة والشباب"
    section.save()
    assert "الرياضة والشباب" in client.get("/latest/").text


def _latest_block(html):
    return re.search(r'<section class="latest-block".*?</section>', html, re.S).group(0)


def test_the_newest_stories_leave_themselves_out_of_a_kept_block(client):
    now = timezone.now()
    stories = [
        ArticleFactory(
            title=f"قصة رقم {n:02d}", first_published_at=now - dt.timedelta(minutes=n)
        )
        for n in range(12)
    ]
    newest, old = stories[0], stories[11]
    for _ in range(2):  # the second time from the kept blocks
        on_newest = _latest_block(client.get(f"/a/{newest.pk}").text)
        on_old = _latest_block(client.get(f"/a/{old.pk}").text)
        assert "قصة رقم 00" not in on_newest
        assert "قصة رقم 08" in on_newest
        assert "قصة رقم 00" in on_old
        assert "قصة رقم 08" not in on_old


def test_kept_blocks_are_kept_per_language():
    from khabar.site.templatetags.khabar import latest_block

    ArticleFactory()
    with translation.override("ar"):
        arabic = latest_block(None)
    with translation.override("en"):
        english = latest_block(None)
    assert "آخر الأخبار" in arabic
    assert "Latest news" in english


def test_a_request_reads_the_token_once(client, monkeypatch):
    """One read per page, however many kept lists it shows (with Redis
    each read is a round trip)."""
    article = ArticleFactory()
    reads = []
    read = generation._read
    monkeypatch.setattr(generation, "_read", lambda: reads.append(1) or read())
    client.get(f"/a/{article.pk}")
    assert len(reads) == 1
    shared.shared("outside", list)
    shared.shared("outside", list)
    assert len(reads) == 3  # outside a request, every time


def _render(source, **context):
    from django.template import Context, Template

    return Template("{% load khabar %}" + source).render(Context(context))


def test_a_kept_part_is_rendered_once_per_generation_and_language():
    source = '{% keep "part" %}[{{ value }}]{% endkeep %}<{{ value }}>'
    assert _render(source, value="a") == "[a]<a>"
    # Kept: the part ignores what changed in the context; the rest does not.
    assert _render(source, value="b") == "[a]<b>"
    with translation.override("en"):
        assert _render(source, value="c") == "[c]<c>"
    generation.bump()
    assert _render(source, value="d") == "[d]<d>"


def test_a_kept_part_escapes_as_the_page_does():
    source = '{% keep "escaped" %}{{ value }}{% endkeep %}'
    assert _render(source, value="<b>") == "&lt;b&gt;"


@pytest.mark.parametrize("tag", ["{% keep %}", "{% keep name %}", '{% keep "a" "b" %}'])
def test_keep_says_how_it_is_written(tag):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="one quoted name"):
        _render(tag + "x{% endkeep %}")


def test_the_link_filter_gives_what_the_url_tag_gives():
    article = ArticleFactory()
    for name in ("readership:beacon", "readership:pixel", "site:article"):
        assert _render(f'{{{{ pk|link:"{name}" }}}}', pk=article.pk) == _render(
            f'{{% url "{name}" pk %}}', pk=article.pk
        )
