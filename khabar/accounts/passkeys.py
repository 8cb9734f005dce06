"""django-otp-webauthn's ceremonies, recorded in the audit log.

The views are the package's; these subclasses only add the audit entries
and send a verified person on to the admin instead of LOGIN_REDIRECT_URL.
Passwordless sign-in is off (settings): a passkey is the second factor.
"""

from django.urls import path, reverse
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views

from khabar.accounts import audit


class BeginRegistration(views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            audit.record(
                self.request.user, audit.DEVICE_ADDED, self.request, device="passkey"
            )
        return response


class BeginAuthentication(views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")

    def complete_auth(self, device):
        super().complete_auth(device)
        audit.record(device.user, audit.SECOND_FACTOR, self.request, device="passkey")


app_name = "otp_webauthn"
urlpatterns = [
    path(
        "registration/begin/",
        BeginRegistration.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
