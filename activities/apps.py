from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Attività"

    def ready(self) -> None:
        from activities.desk import sessions_today
        from families.desk import register_desk_provider

        register_desk_provider(sessions_today)
