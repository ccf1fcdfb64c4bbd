from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Utenti e ruoli"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import stamp_sign_in

        # The inactivity clock starts at sign-in (written with the new session, not by a later request).
        user_logged_in.connect(stamp_sign_in, dispatch_uid="accounts.idle_stamp")
