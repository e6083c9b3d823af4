from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "heard.quality"
    label = "quality"

    def ready(self) -> None:
        from heard.quality import sections  # noqa: F401  (registers parts)
