from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    label = "safety"
