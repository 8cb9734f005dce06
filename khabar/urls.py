"""Every URL Khabar answers: the newsroom under /admin/, the rest public."""

from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from khabar.newsroom.search_views import from_page_search
from khabar.site import files

urlpatterns = [
    # Wagtail's page search and the explorer root's search box (the
    # dashboard's) need page permissions no newsroom role has; a query sent
    # to them goes to the newsroom search (khabar/newsroom/search_views.py).
    path("admin/pages/search/", from_page_search, name="newsroom_page_search"),
    path("admin/pages/", from_page_search, name="newsroom_explore_root"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("khabar.readership.urls")),
    path("documents/", include(files.document_urls)),
    path("api/v1/", include("khabar.api.urls")),
    path("wp-json/", include("khabar.api.wordpress.urls")),
    path("", include("khabar.site.urls")),
    path("", include("khabar.syndication.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL, view=files.serve_media, document_root=settings.MEDIA_ROOT
    )
else:
    # Uploaded images in the embedded set-up; nginx serves /media/ at scale.
    urlpatterns += [
        path(
            "media/<path:path>",
            files.serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

handler404 = "khabar.site.views.not_found"
handler500 = "khabar.site.views.server_error"
