"""Daily exchanges: drawing today's prompt, answering, swapping, "not today", reactions, replies
and depth. Every write is here; views, the API and the demo call these functions."""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond, Membership
from heard.core import once
from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.notices import notice_send, notice_withdraw
from heard.core.progress import progress_recorded
from heard.prompts import selectors
from heard.prompts.days import local_midnight, local_today
from heard.prompts.deck import DEPTHS, THEMES, Prompt, prompt_index, prompts_for
from heard.prompts.models import (
    Answer,
    DepthChoice,
    Exchange,
    ExchangeState,
    PromptDraw,
    Reaction,
    ReactionKind,
    Reply,
    Skip,
)
from heard.safety.services import TextCheck, classify, safety_check_text

MAX_SWAPS = selectors.MAX_SWAPS  # per exchange
ANSWER_MAX = 5000
REPLY_MAX = 2000


@dataclass(frozen=True)
class Saved:
    """What happened to a piece of writing. ``held`` is True when a safety check kept it from
    being shared; the writer then chooses to share it anyway, keep it private or get help."""

    answer: Answer | None
    check: TextCheck
    held: bool = False
    reply: Reply | None = None


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def exchange_url(exchange: Exchange) -> str:
    return reverse("prompts:exchange", args=[exchange.bond_id, exchange.pk])


def _member_ids(bond_id: int) -> set[int]:
    return set(Membership.objects.filter(bond_id=bond_id).values_list("user_id", flat=True))


def _other(exchange: Exchange, user: User) -> User | None:
    membership = (
        Membership.objects.select_related("user")
        .filter(bond_id=exchange.bond_id)
        .exclude(user=user)
        .first()
    )
    return membership.user if membership else None


# --- today's exchange ----------------------------------------------------------------------


def draw_prompt(
    *,
    bond: Bond,
    depth: int,
    exclude: Collection[str] = (),
    rng: random.Random | None = None,
    theme: str | None = None,
) -> Prompt:
    """A prompt for the bond's kind at ``depth`` (and on ``theme``, if given) that the bond has
    been shown least often: so none repeats until every such prompt has been used."""
    candidates = prompts_for(bond.kind, depth)
    if theme is not None:
        candidates = [p for p in candidates if theme in p.themes]
    if not candidates:
        raise DomainError("There are no questions for this kind of bond yet.")
    used = dict(
        PromptDraw.objects.filter(bond=bond, prompt_id__in=[p.id for p in candidates])
        .values_list("prompt_id")
        .annotate(n=Count("id"))
        .values_list("prompt_id", "n")
    )
    fresh = [p for p in candidates if p.id not in exclude] or candidates
    least = min(used.get(p.id, 0) for p in fresh)
    pool = [p for p in fresh if used.get(p.id, 0) == least]
    return (rng or random).choice(pool)


def _set_prompt(exchange: Exchange, prompt: Prompt, now: datetime.datetime) -> None:
    exchange.prompt_id = prompt.id
    exchange.depth = prompt.depth
    PromptDraw.objects.create(
        bond_id=exchange.bond_id, exchange=exchange, prompt_id=prompt.id, created_at=now
    )


def _still_current(latest: Exchange | None, user: User, now: datetime.datetime) -> bool:
    return latest is not None and (
        not latest.is_finished or _finished_since(latest, local_midnight(user, now))
    )


def exchange_today(
    *,
    bond: Bond,
    user: User,
    now: datetime.datetime | None = None,
    rng: random.Random | None = None,
) -> Exchange:
    """The bond's current exchange for this person, starting a new one if it is time.

    A new prompt is drawn only when the last one was finished (both answered, or set aside)
    before this person's own midnight: so after finishing, it stays today's question for the
    rest of their day. An open one is never replaced: nobody loses an
    answer, and whoever answered first simply waits.

    Almost every visit finds today's exchange already there: that is a plain read, with no
    transaction and no lock. Only the first visit of a new day takes the bond's lock, looks
    again, and draws: so two first visits at the same moment still draw one prompt.
    """
    now = _now(now)
    latest = selectors.latest_exchange(bond=bond)
    if _still_current(latest, user, now):
        return latest  # type: ignore[return-value]
    return _exchange_start(bond=bond, user=user, now=now, rng=rng)


@transaction.atomic
def _exchange_start(
    *, bond: Bond, user: User, now: datetime.datetime, rng: random.Random | None
) -> Exchange:
    # Lock the bond so two first visits at the same moment don't draw two prompts.
    Bond.objects.select_for_update().filter(pk=bond.pk).values_list("pk").first()
    latest = selectors.latest_exchange(bond=bond)
    if _still_current(latest, user, now):
        return latest  # type: ignore[return-value]
    depth = selectors.bond_depth(bond=bond, user=user).current
    prompt = draw_prompt(bond=bond, depth=depth, rng=rng)
    exchange = Exchange.objects.create(
        bond=bond,
        prompt_id=prompt.id,
        depth=prompt.depth,
        day=local_today(user, now),
        created_at=now,
    )
    PromptDraw.objects.create(bond=bond, exchange=exchange, prompt_id=prompt.id, created_at=now)
    return exchange


def _theme_prompt(bond: Bond, user: User, theme: str, rng: random.Random | None) -> Prompt:
    """A prompt on ``theme`` at the bond's depth, or the deepest lighter one that exists."""
    current = selectors.bond_depth(bond=bond, user=user).current
    for depth in range(current, 0, -1):
        if any(theme in p.themes for p in prompts_for(bond.kind, depth)):
            return draw_prompt(bond=bond, depth=depth, theme=theme, rng=rng)
    raise DomainError("There are no questions on this theme for this kind of bond yet.")


@transaction.atomic
def exchange_on_theme(
    *,
    bond: Bond,
    user: User,
    theme: str,
    now: datetime.datetime | None = None,
    rng: random.Random | None = None,
) -> Exchange:
    """Today's question on ``theme``, chosen together (e.g. after reading a lesson together).

    An open question nobody has answered yet is changed to one on the theme (drafts are kept,
    as with a swap); a finished one is followed by a new question at once. An open question
    that already has an answer stays, so nobody loses what they shared."""
    return _exchange_chosen(
        bond=bond,
        user=user,
        matches=lambda e: theme in prompt_themes(e.prompt_id),
        pick=lambda: _theme_prompt(bond, user, theme, rng),
        now=_now(now),
    )


@transaction.atomic
def exchange_for_practice(
    *,
    bond: Bond,
    user: User,
    theme: str | None = None,
    depth: int | None = None,
    since: datetime.datetime,
    now: datetime.datetime | None = None,
    rng: random.Random | None = None,
) -> Exchange:
    """A question on ``theme`` (or at ``depth``) for practice a counsellor set, with the usual
    answer-then-reveal. Both people get the same one: an open question that fits is kept, and
    so is one that fits which both answered since ``since`` (the practice was set), so the
    second person to open the practice finds the first one's question. Otherwise it goes as
    ``exchange_on_theme`` does.

    A depth never goes past the depth the two of them chose (``bond_depth``): a counsellor's
    practice is no way round that consent, so the question is at the lighter of the two."""
    if (theme is None) == (depth is None):
        raise DomainError("Choose a theme or a depth.")
    now = _now(now)
    if theme is not None:
        if theme not in THEMES:
            raise DomainError("There are no questions on this theme.")
        return _exchange_chosen(
            bond=bond,
            user=user,
            matches=lambda e: theme in prompt_themes(e.prompt_id),
            pick=lambda: _theme_prompt(bond, user, theme, rng),
            now=now,
            since=since,
        )
    if depth not in DEPTHS:
        raise DomainError("Choose a depth of 1 (light), 2 (personal) or 3 (vulnerable).")
    level = min(depth, selectors.bond_depth(bond=bond, user=user).current)
    return _exchange_chosen(
        bond=bond,
        user=user,
        matches=lambda e: e.depth == level,
        pick=lambda: draw_prompt(bond=bond, depth=level, rng=rng),
        now=now,
        since=since,
    )


def _drawn_at(exchange: Exchange) -> datetime.datetime:
    """When the exchange's current question was drawn (a swap draws again)."""
    found = (
        PromptDraw.objects.filter(exchange=exchange, prompt_id=exchange.prompt_id)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return found or exchange.created_at


def _exchange_chosen(
    *,
    bond: Bond,
    user: User,
    matches: Callable[[Exchange], bool],
    pick: Callable[[], Prompt],
    now: datetime.datetime,
    since: datetime.datetime | None = None,
) -> Exchange:
    """The bond's question, changed to or followed by one that ``matches`` (drawn by
    ``pick``). Call inside a transaction: it takes the bond's lock."""
    Bond.objects.select_for_update().filter(pk=bond.pk).values_list("pk").first()
    latest = selectors.latest_exchange(bond=bond)
    if latest is not None and matches(latest):
        if not latest.is_finished:
            return latest
        if (
            since is not None
            and latest.state == ExchangeState.ANSWERED
            and _drawn_at(latest) >= since
        ):
            return latest
    if latest is not None and not latest.is_finished:
        if latest.answers.filter(submitted_at__isnull=False).exists():
            raise Conflict(
                "Today's question already has an answer. Finish it together first, "
                "then come back for this one."
            )
        latest = _lock(latest)
        _set_prompt(latest, pick(), now)
        latest.save(update_fields=["prompt_id", "depth"])
        return latest
    prompt = pick()
    exchange = Exchange.objects.create(
        bond=bond,
        prompt_id=prompt.id,
        depth=prompt.depth,
        day=local_today(user, now),
        created_at=now,
    )
    PromptDraw.objects.create(bond=bond, exchange=exchange, prompt_id=prompt.id, created_at=now)
    return exchange


def prompt_themes(prompt_id: str) -> tuple[str, ...]:
    prompt = prompt_index().get(prompt_id)
    return prompt.themes if prompt else ()


def _finished_since(exchange: Exchange, moment: datetime.datetime) -> bool:
    return exchange.finished_at is not None and exchange.finished_at >= moment


def _lock(exchange: Exchange) -> Exchange:
    return Exchange.objects.select_for_update().get(pk=exchange.pk)


def _ensure_open(exchange: Exchange) -> None:
    if exchange.state == ExchangeState.ANSWERED:
        raise Conflict("You've both answered this one, so the answers stay as they are.")
    if exchange.state == ExchangeState.SET_ASIDE:
        raise Conflict("This question was set aside. A new one comes on your next day.")


@transaction.atomic
def exchange_swap(
    *,
    exchange: Exchange,
    user: User,
    now: datetime.datetime | None = None,
    rng: random.Random | None = None,
) -> Exchange:
    """Swap today's prompt for another at the same depth, while nobody has answered yet.
    Drafts are kept; their writer is told the question changed."""
    exchange = _lock(exchange)
    _ensure_open(exchange)
    if exchange.answers.filter(submitted_at__isnull=False).exists():
        raise Conflict(
            "An answer to this question is already in, so it stays. "
            "You can choose Not today instead."
        )
    if exchange.swaps_used >= MAX_SWAPS:
        raise Conflict(
            f"This question has been swapped {MAX_SWAPS} times already. "
            "You can answer it, or choose Not today."
        )
    shown = set(exchange.draws.values_list("prompt_id", flat=True))
    prompt = draw_prompt(bond=exchange.bond, depth=exchange.depth, exclude=shown, rng=rng)
    _set_prompt(exchange, prompt, _now(now))
    exchange.swaps_used += 1
    exchange.save(update_fields=["prompt_id", "depth", "swaps_used"])
    return exchange


@transaction.atomic
def exchange_skip(*, exchange: Exchange, user: User, now: datetime.datetime | None = None) -> None:
    """ "Not today": this person sets today's question aside. A draft is kept."""
    exchange = _lock(exchange)
    _ensure_open(exchange)
    if exchange.answers.filter(author=user, submitted_at__isnull=False).exists():
        raise Conflict("You've already answered this one. You can still change your answer.")
    now = _now(now)
    Skip.objects.get_or_create(exchange=exchange, user=user, defaults={"created_at": now})
    notice_withdraw(user=user, key=_turn_key(exchange))
    _finish_if_done(exchange, now)


# --- answers -------------------------------------------------------------------------------


def _clean_text(text: str, *, limit: int, noun: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise DomainError(
            f"Your {noun} is {len(text):,} characters; please keep it under {limit:,}. "
            "Nothing you wrote was lost."
        )
    return text


def _check(answer: Answer, user: User, text: str, source: str) -> TextCheck:
    """Check new text; a detection is recorded once, not on every autosave of the same text."""
    if text == answer.text and answer.pk:
        return TextCheck(label=answer.risk_label)
    check = safety_check_text(user=user, text=text, source=source) if text else TextCheck("none")
    answer.risk_label = check.label
    return check


def _store(answer: Answer) -> None:
    """Save an answer. Two requests from the same person can race to create it (an autosave
    and a Share click): the later one then updates the row the first created, except that a
    draft never overwrites an answer already shared."""
    if answer.pk:
        answer.save()
        return
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        existing = Answer.objects.get(exchange_id=answer.exchange_id, author_id=answer.author_id)
        if existing.is_submitted and not answer.is_submitted:
            raise Conflict(
                "You've already answered. Use Save changes to update your answer."
            ) from None
        answer.pk = existing.pk
        answer.submitted_at = answer.submitted_at or existing.submitted_at
        answer.save()


def _answer_for(exchange: Exchange, author: User) -> Answer:
    answer = Answer.objects.filter(exchange=exchange, author=author).first()
    return answer or Answer(exchange=exchange, author=author)


@transaction.atomic
def answer_save_draft(
    *,
    exchange: Exchange,
    author: User,
    text: str,
    private: bool | None = None,
    now: datetime.datetime | None = None,
) -> Saved:
    """Keep a draft (autosave, or Save draft). Nothing is shared."""
    exchange = _lock(exchange)
    _ensure_open(exchange)
    text = _clean_text(text, limit=ANSWER_MAX, noun="answer")
    answer = _answer_for(exchange, author)
    if answer.is_submitted:
        raise Conflict("You've already answered. Use Save changes to update your answer.")
    check = _check(answer, author, text, "prompts_answer")
    answer.text = text
    if private is not None:
        answer.private = private
    answer.prompt_id = exchange.prompt_id
    answer.updated_at = _now(now)
    _store(answer)
    return Saved(answer=answer, check=check)


@transaction.atomic
def answer_submit(
    *,
    exchange: Exchange,
    author: User,
    text: str,
    private: bool = False,
    share_anyway: bool = False,
    now: datetime.datetime | None = None,
) -> Saved:
    """Answer (or change an answer) until both have answered. If the safety check finds crisis
    language in an answer meant to be shared, it is kept as a draft and not shared yet."""
    exchange = _lock(exchange)
    _ensure_open(exchange)
    text = _clean_text(text, limit=ANSWER_MAX, noun="answer")
    if not text:
        raise DomainError("Write a few words first, or choose Not today.")
    now = _now(now)
    answer = _answer_for(exchange, author)
    was_submitted = answer.is_submitted
    check = _check(answer, author, text, "prompts_answer")
    answer.text = text
    answer.private = private
    answer.prompt_id = exchange.prompt_id
    answer.updated_at = now
    held = check.is_risk and not private and not share_anyway
    if held:
        answer.submitted_at = None
        _store(answer)
        if was_submitted:
            other = _other(exchange, author)
            if other is not None:
                notice_withdraw(user=other, key=_turn_key(exchange))
        return Saved(answer=answer, check=check, held=True)
    answer.submitted_at = answer.submitted_at or now
    _store(answer)
    Skip.objects.filter(exchange=exchange, user=author).delete()
    if not was_submitted:
        _after_first_submit(exchange, author, now)
        progress_recorded(users=[author])
    return Saved(answer=answer, check=check)


def _turn_key(exchange: Exchange) -> str:
    return f"prompts-turn-{exchange.pk}"


def _after_first_submit(exchange: Exchange, author: User, now: datetime.datetime) -> None:
    other = _other(exchange, author)
    if other is None:
        return
    done = _finish_if_done(exchange, now)
    if not done and not Skip.objects.filter(exchange=exchange, user=other).exists():
        notice_send(
            user=other,
            kind="prompt_your_turn",
            text=f"{author.username} answered today's question. Your turn when you're ready.",
            url=exchange_url(exchange),
            bond=exchange.bond,
            key=_turn_key(exchange),
        )
    elif exchange.state == ExchangeState.ANSWERED and selectors.exchange_is_revealed(
        answers=list(exchange.answers.all())
    ):
        # The one who answered first has been waiting: let them know both answers are ready.
        notice_send(
            user=other,
            kind="prompt_revealed",
            text=f"{author.username} answered too. You can read both answers now.",
            url=exchange_url(exchange),
            bond=exchange.bond,
            key=f"prompts-revealed-{exchange.pk}",
        )


def _finish_if_done(exchange: Exchange, now: datetime.datetime) -> bool:
    """Close the exchange once each person has answered or chosen Not today."""
    members = _member_ids(exchange.bond_id)
    answered = set(
        exchange.answers.filter(submitted_at__isnull=False).values_list("author_id", flat=True)
    )
    skipped = set(exchange.skips.values_list("user_id", flat=True))
    if not members or not members <= answered | skipped:
        return False
    exchange.state = ExchangeState.ANSWERED if members <= answered else ExchangeState.SET_ASIDE
    exchange.finished_at = now
    exchange.save(update_fields=["state", "finished_at"])
    for user_id in members:
        notice_withdraw(user=User(pk=user_id), key=_turn_key(exchange))
    return True


# --- after the reveal ----------------------------------------------------------------------


def _ensure_revealed(exchange: Exchange) -> list[Answer]:
    exchange.refresh_from_db(fields=["state"])
    answers = list(exchange.answers.all())
    if exchange.state != ExchangeState.ANSWERED or not selectors.exchange_is_revealed(
        answers=answers
    ):
        raise Conflict("Reactions and replies open once you've both shared your answers.")
    return answers


@transaction.atomic
def reaction_toggle(*, exchange: Exchange, user: User, kind: str) -> bool:
    """React to the other person's answer; the same reaction again takes it back."""
    if kind not in ReactionKind.values:
        raise DomainError("Choose a reaction: thanks or heart.")
    answers = _ensure_revealed(exchange)
    theirs = next(a for a in answers if a.author_id != user.pk)
    deleted, _ = Reaction.objects.filter(answer=theirs, author=user, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(answer=theirs, author=user, kind=kind)
    return True


@transaction.atomic
def reply_add(
    *,
    exchange: Exchange,
    author: User,
    text: str,
    share_anyway: bool = False,
    now: datetime.datetime | None = None,
    submission_key: uuid.UUID | None = None,
) -> Saved:
    """A short reply under a revealed exchange. Crisis language keeps it unshared for now.

    The same ``submission_key`` again (a double click, a retry) hands back the first reply."""
    _ensure_revealed(exchange)
    sent_before = once.existing(Reply, key=submission_key, author=author)
    if sent_before is not None:
        return _saved_again(sent_before)
    text = _clean_text(text, limit=REPLY_MAX, noun="reply")
    if not text:
        raise DomainError("Write a few words first.")
    check = safety_check_text(user=author, text=text, source="prompts_reply")
    held = check.is_risk and not share_anyway
    reply, created = once.create_once(
        Reply,
        key=submission_key,
        author=author,
        create=lambda: Reply.objects.create(
            exchange=exchange,
            author=author,
            text=text,
            shared=not held,
            created_at=_now(now),
            submission_key=submission_key,
        ),
    )
    if not created:
        return _saved_again(reply)
    if not held:
        _reply_notice(exchange, author)
    return Saved(answer=None, check=check, held=held, reply=reply)


def _saved_again(reply: Reply) -> Saved:
    """A reply sent before, checked again without logging the detection twice."""
    check = TextCheck(label="none") if reply.shared else classify(reply.text)
    return Saved(answer=None, check=check, held=not reply.shared, reply=reply)


@transaction.atomic
def reply_share(*, exchange: Exchange, author: User, reply_id: int) -> Reply:
    """Share a reply that was held back after a safety check, because its writer chose to."""
    reply = Reply.objects.filter(exchange=exchange, author=author, pk=reply_id).first()
    if reply is None:
        raise NotFound("That reply doesn't exist.")
    if not reply.shared:
        reply.shared = True
        reply.save(update_fields=["shared"])
        _reply_notice(exchange, author)
    return reply


def _reply_notice(exchange: Exchange, author: User) -> None:
    other = _other(exchange, author)
    if other is not None:
        notice_send(
            user=other,
            kind="prompt_reply",
            text=f"{author.username} replied under a question you both answered.",
            url=exchange_url(exchange),
            bond=exchange.bond,
            key=f"prompts-reply-{exchange.pk}",
        )


# --- depth ---------------------------------------------------------------------------------


@transaction.atomic
def depth_choose(
    *, bond: Bond, user: User, depth: int, now: datetime.datetime | None = None
) -> selectors.DepthStatus:
    """Say how deep you're comfortable going. Going deeper needs both people and enough
    exchanges; stepping back works at once and the other person is not told why."""
    if depth not in DEPTHS:
        raise DomainError("Choose a depth of 1 (light), 2 (personal) or 3 (vulnerable).")
    now = _now(now)
    DepthChoice.objects.update_or_create(
        bond=bond, user=user, defaults={"depth": depth, "updated_at": now}
    )
    status = selectors.bond_depth(bond=bond, user=user)
    # Stepping back also changes today's question, if nobody has answered it yet.
    latest = selectors.latest_exchange(bond=bond)
    if (
        latest is not None
        and not latest.is_finished
        and latest.depth > status.current
        and not latest.answers.filter(submitted_at__isnull=False).exists()
    ):
        latest = _lock(latest)
        _set_prompt(latest, draw_prompt(bond=bond, depth=status.current), now)
        latest.save(update_fields=["prompt_id", "depth"])
    return status
