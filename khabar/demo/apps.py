from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "khabar.demo"
    label = "demo"
    verbose_name = "Demo content"
