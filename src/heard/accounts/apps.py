import time
from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heard.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from heard.accounts.middleware import LOGIN_AT, SEEN_AT
        from heard.accounts.sessions import device_session_record

        def stamp_login(sender: object, request: Any, user: Any, **kwargs: object) -> None:
            session = getattr(request, "session", None)
            if session is not None:
                now = time.time()
                session[LOGIN_AT] = now
                session[SEEN_AT] = now
                device_session_record(request=request, user=user)

        user_logged_in.connect(stamp_login, dispatch_uid="heard-stamp-login", weak=False)
