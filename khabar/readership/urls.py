from django.urls import path, register_converter

from khabar.readership import beacon


class ArticleIdConverter:
    """At most ten digits: a longer id is no article and never a big int."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ArticleIdConverter, "article_id")

app_name = "readership"

urlpatterns = [
    path("v/<article_id:pk>", beacon.beacon, name="beacon"),
    path("v/<article_id:pk>.gif", beacon.pixel, name="pixel"),
]
