from django.apps import AppConfig


class ConciliazioneConfig(AppConfig):
    name = "conciliazione"
    verbose_name = "Conciliazione vita-lavoro"

    def ready(self) -> None:
        from django.utils.translation import gettext

        from conciliazione import rules

        # The rules return codes and parameters; their texts are translated here, in the app.
        rules.install_translator(gettext)
