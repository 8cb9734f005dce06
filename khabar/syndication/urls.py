from django.urls import path

from khabar import inputs  # noqa: F401  (the text converter)
from khabar.syndication import views

app_name = "syndication"

urlpatterns = [
    path("rss/", views.feed, {"fmt": "rss"}, name="rss"),
    path("atom/", views.feed, {"fmt": "atom"}, name="atom"),
    path("feed.json", views.feed, {"fmt": "json"}, name="json"),
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-<text:name>.xml", views.sitemap, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
]

for prefix, kind in (("s", "section"), ("t", "tag"), ("authors", "author")):
    for fmt, tail in (("rss", "rss/"), ("atom", "atom/"), ("json", "feed.json")):
        urlpatterns.append(
            path(
                f"{prefix}/<text:slug>/{tail}",
                views.feed,
                {"fmt": fmt, "kind": kind},
                name=f"{kind}-{fmt}",
            )
        )
