"""Old addresses in the admin: administrators look them up and mend them."""

import pytest
from django.urls import reverse

from khabar.importers.models import LegacyPath
from khabar.newsroom import roles
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]
NS = "wagtailsnippets_importers_legacypath"


@pytest.fixture
def admin(client):
    user = UserFactory(username="admin-x", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_an_administrator_adds_an_old_address_typed_as_a_browser_shows_it(
    client, admin
):
    article = ArticleFactory()
    response = client.post(
        reverse(f"{NS}:add"),
        {
            "path": "/2019/05/%D8%AE%D8%A8%D8%B1/",
            "kind": "article",
            "object_id": article.pk,
        },
    )
    assert response.status_code == 302
    assert LegacyPath.objects.get().path == "/2019/05/خبر"
    answer = client.get("/2019/05/%d8%ae%d8%a8%d8%b1")
    assert answer.status_code == 301
    assert answer["Location"] == f"/a/{article.pk}"
    listing = client.get(reverse(f"{NS}:list"), {"q": "2019"})
    assert "/2019/05/خبر" in listing.content.decode()


def test_the_form_refuses_a_path_without_its_slash_and_a_target_that_is_not_public(
    client, admin
):
    draft = ArticleFactory(draft=True)
    response = client.post(
        reverse(f"{NS}:add"),
        {"path": "old-story", "kind": "article", "object_id": draft.pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"path", "object_id"}
    assert not LegacyPath.objects.exists()


def test_a_chief_editor_cannot_change_old_addresses(client):
    client.force_login(UserFactory(username="chief-x", role=roles.CHIEF_EDITOR))
    LegacyPath.objects.create(path="/old", kind="site")
    assert client.get(reverse(f"{NS}:list")).status_code in (302, 403)
    response = client.post(reverse(f"{NS}:add"), {"path": "/x", "kind": "site"})
    assert response.status_code in (302, 403)
    assert LegacyPath.objects.count() == 1
