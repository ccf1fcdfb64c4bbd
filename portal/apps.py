from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portale pubblico"

    def ready(self) -> None:
        from families.desk import register_desk_provider
        from portal.desk import contact_requests

        register_desk_provider(contact_requests)
