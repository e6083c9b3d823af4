from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "heard.prompts"
    label = "prompts"
