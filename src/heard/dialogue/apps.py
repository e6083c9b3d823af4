from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "heard.dialogue"
    label = "dialogue"

    def ready(self) -> None:
        from heard.dialogue import shareables

        shareables.register()  # what a person may share with a counsellor
        from heard.core.demo import DEMO_ACTIVITY
        from heard.dialogue import practice  # noqa: F401  (registers the progress series)
        from heard.dialogue.demo import demo_dialogue
        from heard.dialogue.sections import register_sections

        register_sections()
        if demo_dialogue not in DEMO_ACTIVITY:
            DEMO_ACTIVITY.append(demo_dialogue)
