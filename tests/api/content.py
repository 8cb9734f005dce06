"""What tests/api/test_schemathesis.py publishes before it starts the
server: every kind of thing the read API shows, so that each shape of
answer is met, not only empty lists.

Run by ``khabar shell -c`` in the site's process (``python -m`` puts the
checkout on ``sys.path``), through the factories of the other tests. The
articles are announced as an import is (``articles_imported``): the
search index and the change log subscribe to it.
"""

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as Picture
from wagtail.images import get_image_model

from khabar.newsroom.events import articles_imported
from khabar.newsroom.models import Article, ArticleCorrection
from khabar.readership.models import ArticleHourlyViews
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

SECTIONS = ["سياسة", "اقتصاد", "رياضة"]
TAGS = ["مطار", "انتخابات", "النفط", "كرة القدم"]
AUTHORS = ["ليلى حداد", "سامر الخطيب"]
WORDS = ["افتتاح مطار", "نتائج الانتخابات", "أسعار النفط", "مباراة الكأس"]


def _image(title, size, colour):
    buffer = io.BytesIO()
    Picture.new("RGB", size, colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{title}.jpg"),
        width=size[0],
        height=size[1],
    )


def publish():
    """Publish the site's sections, tags, authors and articles."""
    now = timezone.now()
    photo = _image("lead", (1600, 900), (120, 40, 40))
    portrait = _image("portrait", (600, 600), (40, 40, 120))
    sections = [SectionFactory(name=name) for name in SECTIONS]
    tags = [TagFactory(name=name) for name in TAGS]
    authors = [AuthorFactory(name=AUTHORS[0], bio="مراسلة الشؤون المحلية.")]
    authors.append(AuthorFactory(name=AUTHORS[1], photo=portrait))
    articles = []
    for n in range(24):
        when = now - dt.timedelta(hours=3 * n + 1)
        article = ArticleFactory(
            title=f"{WORDS[n % len(WORDS)]}: الخبر رقم {n}",
            kicker="عاجل" if n % 5 == 0 else "",
            section=sections[n % len(sections)],
            first_published_at=when,
            last_published_at=when,
            lead_image=photo if n % 2 == 0 else None,
            lead_image_caption="صورة من موقع الحدث" if n % 2 == 0 else "",
            body=[
                ("paragraph", f"<p>{WORDS[n % len(WORDS)]} في <b>العاصمة</b>.</p>"),
                ("subheading", "خلفية"),
                ("quotation", {"text": "العمل مستمر.", "attribution": "المتحدث"}),
                ("image", {"image": photo, "caption": "المكان", "credit": "خبر"}),
                ("paragraph", "<p>وقال إن <i>الموعد</i> لم يتغير.</p>"),
            ],
            tags=[tags[n % len(tags)], tags[(n + 1) % len(tags)]],
            authors=[authors[n % len(authors)]],
            view_count=100 * (24 - n),
        )
        articles.append(article)
    for article in articles[:3]:
        ArticleCorrection.objects.create(
            article=article,
            note="صُحّح اسم المتحدث.",
            published_at=article.first_published_at + dt.timedelta(minutes=30),
        )
    hour = now.replace(minute=0, second=0, microsecond=0)
    ArticleHourlyViews.objects.bulk_create(
        ArticleHourlyViews(article=article, hour=hour, views=article.view_count)
        for article in articles[:8]
    )
    # Never visible: the API must not show them (404s, not 200s).
    ArticleFactory(draft=True, section=sections[0])
    ArticleFactory(first_published_at=now + dt.timedelta(days=1), live=False)
    ids = [article.pk for article in Article.objects.visible()]
    articles_imported.send(sender=Article, article_ids=ids)
