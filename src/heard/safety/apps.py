from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    label = "safety"

    def ready(self) -> None:
        from heard.safety import sections  # noqa: F401 - registers the Help and bond sections
