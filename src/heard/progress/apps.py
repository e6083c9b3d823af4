from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "heard.progress"
    label = "progress"

    def ready(self) -> None:
        from heard.progress import sections  # noqa: F401  (registers parts)
