from django.apps import AppConfig


class CheckupConfig(AppConfig):
    name = "heard.checkup"
    label = "checkup"

    def ready(self) -> None:
        from heard.checkup import demo, sections  # noqa: F401  (registers parts)
        from heard.core.demo import DEMO_ACTIVITY

        if demo.add_demo_activity not in DEMO_ACTIVITY:
            DEMO_ACTIVITY.append(demo.add_demo_activity)
