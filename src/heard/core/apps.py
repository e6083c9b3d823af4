from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    label = "core"

    def ready(self) -> None:
        # Today's own parts (ended bonds, notices) register with the sections registry.
        from heard.core import selectors  # noqa: F401
