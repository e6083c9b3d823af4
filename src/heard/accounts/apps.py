import time

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heard.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from heard.accounts.middleware import LOGIN_AT, SEEN_AT

        def stamp_login(sender: object, request: object, user: object, **kwargs: object) -> None:
            session = getattr(request, "session", None)
            if session is not None:
                now = time.time()
                session[LOGIN_AT] = now
                session[SEEN_AT] = now

        user_logged_in.connect(stamp_login, dispatch_uid="heard-stamp-login")
