from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    label = "safety"

    def ready(self) -> None:
        from heard.safety import shareables

        shareables.register()  # what a person may share with a counsellor
        from django.conf import settings

        from heard import nlp
        from heard.safety import sections  # noqa: F401 - registers the Help and bond sections

        nlp.configure(enabled=settings.NLP_ENABLED, concurrency=settings.NLP_CONCURRENCY)
