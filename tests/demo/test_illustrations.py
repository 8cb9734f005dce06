"""The demo's illustrations: drawn from the seed, stored once, shown with
a caption and a credit, and never twice side by side."""

import re
from collections import Counter

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

from khabar.demo import compose, illustrations
from khabar.demo.corpus import SECTIONS
from khabar.newsroom.models import Article, Section

pytestmark = pytest.mark.django_db

CAPTION = re.compile(r"رسم توضيحي: [\u0600-\u06ff][\u0600-\u06ff «»:،]+")


def _small(section, index, seed):
    """A stand-in drawing: a flat colour, instead of 50 ms of drawing."""
    return PILImage.new("RGB", illustrations.SIZE, (seed % 256, index, 0))


def test_every_section_has_its_set_of_illustrations():
    assert list(illustrations.BY_SECTION) == [s["slug"] for s in SECTIONS]
    for drawings in illustrations.BY_SECTION.values():
        assert len(drawings) == illustrations.PER_SECTION
    assert illustrations.PER_SECTION == compose.ILLUSTRATIONS_PER_SECTION


def test_every_illustration_says_in_arabic_what_it_shows():
    descriptions = [
        description
        for drawings in illustrations.BY_SECTION.values()
        for _, description in drawings
    ]
    assert len(set(descriptions)) == len(descriptions)
    for description in descriptions:
        assert CAPTION.fullmatch(illustrations.CAPTION.format(description))


def test_the_same_seed_draws_the_same_pixels():
    first = illustrations.draw("culture", 0, seed=7)
    # Another picture in between: nothing one drawing leaves behind (the
    # kit's caches) may change the next.
    illustrations.draw("sport", 3, seed=7)
    again = illustrations.draw("culture", 0, seed=7)

    assert first.tobytes() == again.tobytes()


def test_another_seed_draws_other_pixels():
    one = illustrations.draw("politics", 0, seed=7)
    other = illustrations.draw("politics", 0, seed=8)

    assert one.size == other.size == (1600, 900)
    assert one.tobytes() != other.tobytes()


def test_draw_names_the_sections_and_indexes_it_knows():
    with pytest.raises(ValueError, match="sections are politics, .*0 to 7"):
        illustrations.draw("weather", 0, seed=1)
    with pytest.raises(ValueError, match="No illustration 8 for section 'sport'"):
        illustrations.draw("sport", 8, seed=1)


def test_pictures_are_drawn_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(illustrations, "draw", _small)
    drawn = illustrations.pictures(5, cache_dir=tmp_path)

    def refuse(*args):
        raise AssertionError("drew a picture that was in the cache")

    monkeypatch.setattr(illustrations, "draw", refuse)
    cached = illustrations.pictures(5, cache_dir=tmp_path)

    assert cached == drawn
    assert len(list(tmp_path.glob("*/*.jpg"))) == 48


def test_a_new_seed_replaces_the_cached_pictures(tmp_path, monkeypatch):
    monkeypatch.setattr(illustrations, "draw", _small)
    illustrations.pictures(5, cache_dir=tmp_path)

    illustrations.pictures(6, cache_dir=tmp_path)

    assert [path.name for path in tmp_path.iterdir()] == [illustrations.cache_key(6)]


def test_the_library_holds_48_decodable_jpegs_of_1600_by_900():
    images = list(get_image_model().objects.all())

    assert len(images) == 48
    for image in images:
        assert (image.width, image.height) == (1600, 900)
        with image.open_file() as file, PILImage.open(file) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (1600, 900)
            picture.load()  # decodes the whole file


def test_library_images_have_their_description_as_alt_text():
    for image in get_image_model().objects.all():
        assert image.description
        assert image.default_alt_text == image.description


def test_every_article_has_a_lead_image_with_caption_and_credit():
    articles = Article.objects.all()

    assert not articles.filter(lead_image=None).exists()
    for article in articles:
        assert CAPTION.fullmatch(article.lead_image_caption), article.pk
        assert article.lead_image_credit == "رسم: خبر"
        assert article.lead_image_caption.endswith(article.lead_image.description)


def test_each_section_cycles_through_its_own_eight_images():
    used = {
        section.slug: set(
            Article.objects.filter(section=section).values_list("lead_image", flat=True)
        )
        for section in Section.objects.all()
    }

    assert all(len(images) == 8 for images in used.values())
    assert len(set().union(*used.values())) == 48


def test_the_newest_stories_of_a_section_never_share_an_image():
    for section in Section.objects.all():
        newest = (
            Article.objects.visible()
            .filter(section=section)
            .newest_first()
            .values_list("lead_image", flat=True)[:8]
        )
        assert len(set(newest)) == len(newest) == 8, section.slug


def test_the_newest_stories_overall_never_share_an_image():
    newest = Article.objects.visible().newest_first()
    images = list(newest.values_list("lead_image", flat=True)[:12])

    assert len(set(images)) == len(images)


def test_pictures_on_the_home_page_are_all_different(client):
    page = client.get("/").text

    pictures = re.findall(r"<picture>.*?</picture>", page, flags=re.S)
    names = [set(re.findall(r"khabar-demo-[a-z]+-\d", picture)) for picture in pictures]

    assert len(pictures) >= 5
    assert all(len(name) == 1 for name in names)
    assert len({name.pop() for name in names}) == len(pictures)


def test_about_one_article_in_ten_has_a_picture_in_its_body():
    with_picture = []
    for article in Article.objects.all():
        blocks = [b for b in article.body.raw_data if b["type"] == "image"]
        if blocks:
            with_picture.append((article, blocks))

    assert len(with_picture) == 30
    for article, blocks in with_picture:
        (block,) = blocks
        assert block["value"]["image"] != article.lead_image_id
        assert CAPTION.fullmatch(block["value"]["caption"])
        assert block["value"]["credit"] == "رسم: خبر"


def test_a_body_picture_is_shown_with_its_caption(client):
    article = next(
        article
        for article in Article.objects.visible().newest_first()
        if any(block["type"] == "image" for block in article.body.raw_data)
    )
    block = next(b for b in article.body.raw_data if b["type"] == "image")

    page = client.get(article.get_absolute_url()).text

    assert 'class="body-image"' in page
    assert block["value"]["caption"] in page


def test_the_command_counts_the_illustrations(demo):
    assert "48 illustrations" in demo


def test_composed_plans_name_a_picture_each_and_cycle_by_age():
    plans = compose.compose(seed=3)
    for section in {plan.section for plan in plans}:
        mine = sorted(
            (plan for plan in plans if plan.section == section),
            key=compose._newness,
        )
        turns = [plan.illustration for plan in mine]
        assert all(
            (b - a) % compose.ILLUSTRATIONS_PER_SECTION == 1
            for a, b in zip(turns, turns[1:], strict=False)
        )
    body_pictures = Counter(
        kind for plan in plans for kind, _ in plan.body if kind == "image"
    )
    assert body_pictures["image"] == len(plans) // compose.BODY_IMAGE_EVERY
