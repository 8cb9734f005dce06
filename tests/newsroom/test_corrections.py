"""Corrections and updates: the editor's public note on a changed story."""

import pytest
from django.urls import reverse
from django.utils import timezone

from khabar.newsroom import roles
from khabar.newsroom.models import Article, ArticleCorrection
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]
NS = "wagtailsnippets_newsroom_article"


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="editor-c", role=roles.EDITOR))


def _post(client, article, corrections, publish=True, initial=0):
    data = article_form(
        title=article.title,
        section_id=article.section_id,
        summary=article.summary,
        body="<p>نص معدل.</p>",
        corrections=corrections,
        initial_corrections=initial,
        **({"action-publish": "action-publish"} if publish else {}),
    )
    response = client.post(reverse(f"{NS}:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.content[:3000]


def test_the_edit_form_has_a_corrections_panel(client, editor):
    article = ArticleFactory()
    html = client.get(reverse(f"{NS}:edit", args=[article.pk])).content.decode()
    assert "التصحيحات والتحديثات" in html
    assert 'name="corrections-TOTAL_FORMS"' in html


def test_a_published_correction_is_shown_with_its_time(client, editor):
    article = ArticleFactory(title="خبر مصحح")
    _post(client, article, [{"note": "صُحّح اسم الوزير في الفقرة الثانية."}])

    article.refresh_from_db()
    correction = article.corrections.get()
    assert correction.published_at == article.last_published_at
    page = client.get(article.get_absolute_url()).text
    assert "التصحيحات والتحديثات" in page
    assert "صُحّح اسم الوزير في الفقرة الثانية." in page
    local = timezone.localtime(correction.published_at)
    assert f'<time datetime="{local.isoformat(timespec="seconds")}">' in page
    assert 'class="corrections"' in page


def test_an_earlier_correction_keeps_its_time_when_another_is_added(client, editor):
    article = ArticleFactory()
    _post(client, article, [{"note": "التصحيح الأول"}])
    first = ArticleCorrection.objects.get()
    first_time = first.published_at

    _post(
        client,
        article,
        [{"id": first.pk, "note": "التصحيح الأول"}, {"note": "تحديث ثان"}],
        initial=1,
    )

    first.refresh_from_db()
    second = ArticleCorrection.objects.exclude(pk=first.pk).get()
    assert first.published_at == first_time
    assert second.published_at > first_time
    article.refresh_from_db()
    assert article.modified_at == second.published_at


def test_a_draft_correction_stays_off_the_page_until_published(client, editor):
    article = ArticleFactory()
    _post(client, article, [{"note": "ملاحظة في مسودة"}], publish=False)
    assert "ملاحظة في مسودة" not in client.get(article.get_absolute_url()).text
    assert not ArticleCorrection.objects.exists()


def test_corrections_go_in_the_preview(client, editor):
    article = ArticleFactory()
    data = article_form(
        title=article.title,
        section_id=article.section_id,
        summary=article.summary,
        body="<p>نص.</p>",
        corrections=[{"note": "معاينة التصحيح"}],
    )
    url = reverse(f"{NS}:preview_on_edit", args=[article.pk])
    assert client.post(url, data).json()["is_valid"]
    assert "معاينة التصحيح" in client.get(url).content.decode()


def test_the_article_page_query_count_does_not_grow_with_corrections(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    for n in range(5):
        ArticleCorrection.objects.create(
            article=article, note=f"تصحيح {n}", published_at=article.last_published_at
        )
    with django_assert_num_queries(7):
        client.get(article.get_absolute_url())


def test_corrections_of_an_article_are_deleted_with_it():
    article = ArticleFactory()
    ArticleCorrection.objects.create(article=article, note="x")
    Article.objects.filter(pk=article.pk).delete()
    assert not ArticleCorrection.objects.exists()
