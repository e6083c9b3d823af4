from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "heard.together"
    label = "together"

    def ready(self) -> None:
        from heard.together import sections  # noqa: F401  (registers parts)
