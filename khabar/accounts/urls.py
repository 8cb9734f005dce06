"""The accounts pages, under /admin/accounts/ (see wagtail_hooks.py)."""

from django.urls import include, path

from khabar.accounts import passkeys, views

app_name = "khabar_accounts"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/app/", views.authenticator_app, name="authenticator_app"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path(
        "two-factor/<str:kind>/<int:pk>/remove/",
        views.remove_device,
        name="remove_device",
    ),
]

#: Mounted beside, not inside, so the package's "otp_webauthn" namespace
#: (which its template tags reverse) stays top-level.
webauthn_urls = [path("accounts/webauthn/", include(passkeys))]
