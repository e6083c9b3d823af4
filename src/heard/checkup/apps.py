from django.apps import AppConfig


class CheckupConfig(AppConfig):
    name = "heard.checkup"
    label = "checkup"
