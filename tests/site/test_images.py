"""Lead and body images: responsive renditions from the project's own host."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_lead_image_is_responsive_with_caption_and_credit(client, photo):
    article = ArticleFactory(
        lead_image=photo,
        lead_image_caption="المشهد من الشرفة",
        lead_image_credit="وكالة",
    )
    page = client.get(article.get_absolute_url()).text
    figure = page[page.index('<figure class="lead-image">') :]
    figure = figure[: figure.index("</figure>")]
    assert "<picture>" in figure
    assert 'type="image/avif"' in figure
    assert 'type="image/webp"' in figure
    for width in ("480w", "800w", "1200w"):
        assert width in figure
    # Sized, so that nothing below it moves when it arrives.
    assert 'width="' in figure
    assert 'height="' in figure
    assert 'alt="المشهد من الشرفة"' in figure
    assert '<span class="credit">وكالة</span>' in page


def test_body_image_block(client, photo):
    article = ArticleFactory(
        body=[("image", {"image": photo, "caption": "تعليق الصورة", "credit": "مصور"})]
    )
    page = client.get(article.get_absolute_url()).text
    assert 'class="body-image"' in page
    assert "تعليق الصورة" in page
    assert "/media/" in page


def test_article_with_lead_image_runs_fixed_queries(
    client, photo, django_assert_max_num_queries
):
    article = ArticleFactory(lead_image=photo)
    client.get(article.get_absolute_url())  # renditions are made once
    with django_assert_max_num_queries(7):
        client.get(article.get_absolute_url())
