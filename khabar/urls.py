"""Every URL Khabar answers: the newsroom under /admin/, the rest public."""

from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from khabar.site import files

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("khabar.readership.urls")),
    path("documents/", include(files.document_urls)),
    path("api/v1/", include("khabar.api.urls")),
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
