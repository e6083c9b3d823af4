from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "heard.learn"
    label = "learn"

    def ready(self) -> None:
        from heard.learn import shareables

        shareables.register()  # what a person may share with a counsellor
        from heard.learn import sections  # noqa: F401  (registers the Today, Progress and bond parts)
