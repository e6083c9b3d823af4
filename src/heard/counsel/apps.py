from django.apps import AppConfig


class CounselConfig(AppConfig):
    name = "heard.counsel"
    label = "counsel"
    verbose_name = "Counsellor mode"

    def ready(self) -> None:
        from heard.core.shareables import register_sharer
        from heard.counsel import (
            sections,  # noqa: F401  (registers the Today part)
            selectors,
            services,
        )

        register_sharer(
            share=services.item_share_everywhere,
            shared_ids=selectors.shared_ids,
            has_counsellor=selectors.has_counsellor,
        )
