from django.urls import path

from khabar import inputs  # noqa: F401  (the text converter)
from khabar.syndication import views

app_name = "syndication"

urlpatterns = [
    path("rss/", views.feed, {"fmt": "rss"}, name="rss"),
    path("atom/", views.feed, {"fmt": "atom"}, name="atom"),
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-<text:name>.xml", views.sitemap, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
]

for prefix, kind in (("s", "section"), ("t", "tag"), ("authors", "author")):
    for fmt in ("rss", "atom"):
        urlpatterns.append(
            path(
                f"{prefix}/<text:slug>/{fmt}/",
                views.feed,
                {"fmt": fmt, "kind": kind},
                name=f"{kind}-{fmt}",
            )
        )
