from django.urls import path

from khabar import inputs  # noqa: F401  (the id and text converters)
from khabar.site import info, search, views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("a/<id:pk>", views.article, name="article"),
    path("latest/", views.latest, name="latest"),
    path("s/<text:slug>/", views.section, name="section"),
    path("t/<text:slug>/", views.tag, name="tag"),
    path("authors/<text:slug>/", views.author, name="author"),
    path("search/", search.search_page, name="search"),
    path("opensearch.xml", search.opensearch, name="opensearch"),
    path("about/", info.about, name="about"),
    path("contact/", info.contact, name="contact"),
    path("privacy/", info.privacy, name="privacy"),
    path("favicon.ico", info.favicon, name="favicon"),
    path("manifest.webmanifest", info.manifest, name="manifest"),
]
