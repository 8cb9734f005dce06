from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "khabar.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"
