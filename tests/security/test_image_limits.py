"""Images too large to decode safely: refused at upload, and in renditions."""

import io
import warnings

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from khabar.newsroom import roles
from khabar.security.images import limit_decoding
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]


def _png(width, height):
    """A PNG of one colour: a few hundred KB, however many pixels."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def reporter(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="reporter", role=roles.REPORTER)
    client.force_login(user)
    return user


def _upload(client, name, data):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_a_decompression_bomb_upload_is_refused_in_arabic(client, reporter):
    bomb = _png(11_000, 11_000)
    assert len(bomb) < 1024 * 1024  # small enough for any upload size limit

    response = _upload(client, "bomb.png", bomb)

    assert response.status_code == 200  # the form again, with the error
    assert not Image.objects.exists()
    assert "أكبر من المسموح" in response.text
    assert "40 ميغابكسل" in response.text


def test_a_news_photo_of_24_megapixels_is_accepted(client, reporter):
    response = _upload(client, "photo.png", _png(6000, 4000))

    assert response.status_code == 302, response.text[:500]
    image = Image.objects.get()
    assert (image.width, image.height) == (6000, 4000)


def test_the_limit_follows_the_setting(client, reporter, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 20_000_000

    response = _upload(client, "photo.png", _png(6000, 4000))

    assert not Image.objects.exists()
    assert "20 ميغابكسل" in response.text


@pytest.fixture
def library_image(settings, tmp_path):
    """An image already in the library, stored before the limit existed
    (saving one now reads its size, which Pillow refuses too)."""
    settings.MEDIA_ROOT = tmp_path

    def make(width, height):
        limit, PILImage.MAX_IMAGE_PIXELS = PILImage.MAX_IMAGE_PIXELS, None
        try:
            return Image.objects.create(
                title="قديمة",
                file=ImageFile(io.BytesIO(_png(width, height)), name="old.png"),
                width=width,
                height=height,
            )
        finally:
            PILImage.MAX_IMAGE_PIXELS = limit

    return make


def test_a_rendition_never_decodes_an_image_above_the_limit(library_image):
    # 81 megapixels: above twice the limit, so refused even when warnings
    # are ignored; Pillow's own default (89 megapixels) would decode it.
    image = library_image(9000, 9000)

    with pytest.raises(PILImage.DecompressionBombError):
        image.get_rendition("width-400")


def test_just_above_the_limit_is_refused_too(library_image):
    image = library_image(7000, 6000)  # 42 megapixels

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as a server without -W error runs
        limit_decoding()  # its filter, as it stands at start-up
        with pytest.raises(PILImage.DecompressionBombWarning):
            image.get_rendition("width-400")


def test_a_rendition_of_a_news_photo_is_made(library_image):
    image = library_image(6000, 4000)

    rendition = image.get_rendition("width-400")

    assert rendition.width == 400
