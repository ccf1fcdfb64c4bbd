from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory"
    verbose_name = "Mappatura delle risorse territoriali"

    def ready(self) -> None:
        from directory import referrals
        from families.destinations import register_destination_info

        register_destination_info(referrals.destination_info)
