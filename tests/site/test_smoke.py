import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_and_article_render(client):
    article = ArticleFactory(title="انتخابات بلدية")
    assert client.get("/").status_code == 200
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "انتخابات بلدية" in response.text
