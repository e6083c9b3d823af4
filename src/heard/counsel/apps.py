from django.apps import AppConfig


class CounselConfig(AppConfig):
    name = "heard.counsel"
    label = "counsel"
    verbose_name = "Counsellor mode"

    def ready(self) -> None:
        from heard.counsel import sections  # noqa: F401  (registers the Today part)
