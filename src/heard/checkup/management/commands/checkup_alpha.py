from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heard.checkup.content import COMPONENTS, SCALES, checkup_items
from heard.checkup.models import CheckupResult
from heard.checkup.scoring import alpha_by_scale


class Command(BaseCommand):
    help = (
        "Cronbach's alpha for each check-up component on this instance's own answers "
        "(each person's latest check-up per bond). Nothing leaves the server."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--all-results",
            action="store_true",
            help="use every stored check-up, not only each person's latest per bond",
        )
        parser.add_argument(
            "--roadblocks", action="store_true", help="include the roadblock scales too"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        results = CheckupResult.objects.order_by("-created_at").values_list(
            "user_id", "bond_id", "answers"
        )
        responses = []
        seen: set[tuple[int, int | None]] = set()
        for user_id, bond_id, answers in results.iterator():
            if not options["all_results"]:
                if (user_id, bond_id) in seen:
                    continue
                seen.add((user_id, bond_id))
            responses.append(answers)
        scales = SCALES if options["roadblocks"] else COMPONENTS
        try:
            found = alpha_by_scale(checkup_items(), responses, scales=scales)
        except ValueError as exc:
            raise CommandError(f"A stored answer is not valid: {exc}") from None
        self.stdout.write(f"Check-up responses considered: {len(responses)}")
        self.stdout.write(f"{'scale':<17}{'alpha':>7}{'responses':>11}{'items':>7}")
        for scale in scales:
            r = found[scale]
            alpha = "n/a" if r.alpha is None else f"{r.alpha:.2f}"
            self.stdout.write(f"{scale:<17}{alpha:>7}{r.respondents:>11}{r.items:>7}")
        self.stdout.write(
            "n/a means too few complete responses (at least 2 are needed) or no variation. "
            "About 0.7 or more suggests the statements hang together; with few people the "
            "number can swing a lot."
        )
