from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Finanziamenti"

    def ready(self) -> None:
        from django.utils.translation import gettext

        from funding import rules
        from funding.dashboard import calls_for_dashboard
        from network.dashboard import register_dashboard_provider

        # The rules return catalogue keys and parameters; their texts are translated here, in the app.
        rules.install_translator(gettext)
        register_dashboard_provider(calls_for_dashboard)
