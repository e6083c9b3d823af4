from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "heard.dialogue"
    label = "dialogue"
