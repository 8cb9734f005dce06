"""Lead and body images: responsive renditions from the project's own host."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (120, 40, 40)).save(buffer, "JPEG")
    return Image.objects.create(
        title="صورة", file=ImageFile(buffer, name="photo.jpg"), width=1600, height=900
    )


def test_lead_image_is_responsive_with_caption_and_credit(client, photo):
    article = ArticleFactory(
        lead_image=photo,
        lead_image_caption="المشهد من الشرفة",
        lead_image_credit="وكالة",
    )
    page = client.get(article.get_absolute_url()).text
    assert "<picture>" in page
    assert 'type="image/webp"' in page
    assert "400w" in page
    assert "800w" in page
    assert "1200w" in page
    assert "المشهد من الشرفة" in page
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
