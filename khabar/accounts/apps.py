from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "khabar.accounts"
    label = "accounts"
    verbose_name = _("Newsroom accounts")

    def ready(self):
        from khabar.accounts import audit

        audit.connect()
