from django.apps import AppConfig


class BondsConfig(AppConfig):
    name = "heard.bonds"
    label = "bonds"
