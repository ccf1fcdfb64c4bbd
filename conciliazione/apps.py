from django.apps import AppConfig


class ConciliazioneConfig(AppConfig):
    name = "conciliazione"
    verbose_name = "Conciliazione vita-lavoro"
