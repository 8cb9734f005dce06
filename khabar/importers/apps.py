from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "khabar.importers"
    label = "importers"
    verbose_name = "Importers"
