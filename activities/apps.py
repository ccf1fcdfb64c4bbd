from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Attività"

    def ready(self) -> None:
        from activities.desk import sessions_of_week, sessions_today
        from activities.history import family_events
        from families.desk import register_desk_provider
        from families.history import register_history_provider
        from families.review import register_review_provider

        register_desk_provider(sessions_today)
        register_history_provider(family_events)
        register_review_provider(sessions_of_week)
