from django.apps import AppConfig


class TwostepConfig(AppConfig):
    name = "heard.twostep"
    verbose_name = "Two-step sign-in"
