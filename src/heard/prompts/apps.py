from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "heard.prompts"
    label = "prompts"

    def ready(self) -> None:
        from heard.prompts import shareables

        shareables.register()  # what a person may share with a counsellor
        from heard.prompts import wiring

        wiring.connect()
