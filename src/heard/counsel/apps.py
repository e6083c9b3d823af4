from django.apps import AppConfig


class CounselConfig(AppConfig):
    name = "heard.counsel"
    label = "counsel"
    verbose_name = "Counsellor mode"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from heard.core.reminders import register_due
        from heard.core.shareables import register_sharer
        from heard.counsel import (
            nav,
            sections,  # noqa: F401  (registers the Today part)
            selectors,
            services,
        )

        register_sharer(
            share=services.item_share_everywhere,
            shared_ids=selectors.shared_ids,
            has_counsellor=selectors.has_counsellor,
        )
        # The practice reminder (quality's reminder system asks through core, not us).
        register_due("practice", selectors.practice_due)
        # The Clients menu: whether someone is a counsellor is kept in their session at login.
        user_logged_in.connect(nav.remember_role, dispatch_uid="heard.counsel.nav")
