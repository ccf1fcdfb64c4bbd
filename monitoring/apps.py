from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Monitoraggio"

    def ready(self) -> None:
        from monitoring.approval import register_lock_hooks

        register_lock_hooks()  # an approved period locks the Centre's records dated in it

        from monitoring.freshness import register_hooks

        register_hooks()  # writes change the versions the stored figures are keyed on
