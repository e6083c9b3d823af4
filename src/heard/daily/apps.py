from django.apps import AppConfig


class DailyConfig(AppConfig):
    name = "heard.daily"
    label = "daily"

    def ready(self) -> None:
        from heard.daily import shareables

        shareables.register()  # what a person may share with a counsellor
        from heard.core.demo import DEMO_ACTIVITY
        from heard.daily import demo, sections, selectors  # noqa: F401  (registers parts, series)

        if demo.add_demo_checkins not in DEMO_ACTIVITY:
            DEMO_ACTIVITY.append(demo.add_demo_checkins)
