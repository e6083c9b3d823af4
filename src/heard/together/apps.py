from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "heard.together"
    label = "together"

    def ready(self) -> None:
        from heard.together import shareables

        shareables.register()  # what a person may share with a counsellor
        from heard.together import sections  # noqa: F401  (registers parts)
