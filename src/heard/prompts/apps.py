from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "heard.prompts"
    label = "prompts"

    def ready(self) -> None:
        from heard.prompts import wiring

        wiring.connect()
