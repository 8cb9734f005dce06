"""Factories for the content model: build only what a test needs."""

import datetime as dt
import functools

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag

#: Every factory user's password.
PASSWORD = "correct horse 42"


@functools.cache
def _hash(password, hashers):
    return make_password(password)


def hash_once(password):
    """*password* hashed as ``make_password`` does, once per password and
    ``PASSWORD_HASHERS`` (the ``fast_hasher`` fixture changes them).

    PBKDF2's million rounds take over half a second here, and the suite
    makes hundreds of users with the same password: hashing it for each
    took minutes. Their hashes now share a salt, which no test reads;
    signing in still checks the password against a real hash.
    """
    return _hash(password, tuple(settings.PASSWORD_HASHERS))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password(PASSWORD, transform=hash_once)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"قسم {n}")
    order = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"كاتب رقم {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"وسم {n}")


def _body(paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


class ArticleFactory(factory.django.DjangoModelFactory):
    """A live article, published an hour ago unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False, first_published_at=None)

    title = factory.Sequence(lambda n: f"خبر عاجل عن الاقتصاد رقم {n}")
    summary = "ملخص قصير للخبر يشرح أهم ما فيه."
    section = factory.SubFactory(SectionFactory)
    body = factory.LazyFunction(
        lambda: _body(["فقرة أولى من نص الخبر.", "فقرة ثانية من نص الخبر."])
    )
    live = True
    first_published_at = factory.LazyFunction(
        lambda: timezone.now() - dt.timedelta(hours=1)
    )
    last_published_at = factory.SelfAttribute("first_published_at")

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.save(update_fields=["tags"])  # parental m2m waits for save()

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for order, author in enumerate(extracted):
                ArticleAuthor.objects.create(
                    article=self, author=author, sort_order=order
                )
