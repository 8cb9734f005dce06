"""Keep sessions without a verified second factor out of the admin.

After the password, a person who has enrolled a second factor is sent to
the verification page; one who must enrol (KHABAR_2FA_REQUIRED) and has
not is sent to enrolment, and can reach nothing else in the admin.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from khabar.accounts import twofactor
from khabar.security.middleware import admin_path

#: Admin views open to a session that has a password but no second factor.
OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # icons, fetched by every admin page
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "khabar_accounts:verify",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}
#: Views that add a second factor: open only to those who have none yet,
#: or a password alone would be enough to add one's own.
ENROL = {
    "khabar_accounts:two_factor",
    "khabar_accounts:authenticator_app",
    "khabar_accounts:recovery_codes",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The path first: touching request.user reads the session, which
        # would add "Vary: Cookie" to public pages that must not have it.
        if not request.path_info.startswith(admin_path()):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in OPEN:
            return None
        if twofactor.is_enrolled(user) or twofactor.recovery_codes_left(user):
            return _to("khabar_accounts:verify", request)
        if name in ENROL:
            return None
        if twofactor.second_factor_required(user):
            return _to("khabar_accounts:two_factor", request)
        return None


def _to(view_name, request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse(view_name)}?{query}")
