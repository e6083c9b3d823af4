"""The listening dialogue's state machine: every change to a dialogue goes through here.

    choosing_need -> sharing -> mirroring -> confirming -> validating -> empathizing -> rating -> done
                                    ^            |  (the speaker corrects or adds more)       |
                                    +------------+          (the speaker asked for ideas:)   v
                                                                              empathizing -> ideas -> rating
    done -(swap)-> choosing_need (next round, roles swapped)
    any open state -(end)-> done (either person ends the dialogue; no swap after that)

Only the person whose turn it is may act (in "together" mode either member may act for the
role whose turn it is: they share one device). Text meant for the other person is checked for
crisis language first; on a detection it is kept as the writer's draft and not sent until the
writer chooses to share it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.core.errors import Conflict, DomainError
from heard.core.notices import notice_send, notice_withdraw
from heard.core.progress import progress_recorded
from heard.dialogue.models import Dialogue, Draft, Mode, Need, Rating, State, Step, Turn
from heard.safety.services import TextCheck, classify, safety_check_text

MAX_TEXT = 4000
MAX_HELPED = 1000

# (state, action) -> next state. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.CHOOSING_NEED, "choose_need"): State.SHARING,
    (State.SHARING, "share_more"): State.SHARING,
    (State.SHARING, "share"): State.MIRRORING,
    (State.MIRRORING, "mirror"): State.CONFIRMING,
    (State.CONFIRMING, "confirm"): State.VALIDATING,
    (State.CONFIRMING, "correct"): State.MIRRORING,
    (State.VALIDATING, "validate"): State.EMPATHIZING,
    (State.EMPATHIZING, "empathize"): State.RATING,  # State.IDEAS when they asked for ideas
    (State.IDEAS, "ideas"): State.RATING,
    (State.RATING, "rate"): State.DONE,
    (State.DONE, "swap"): State.CHOOSING_NEED,
}
LISTENER_ACTIONS = {"mirror", "validate", "empathize", "ideas"}
# What the person whose turn it is writes in each state (None: nothing to write).
STEP_FOR_STATE: dict[str, str | None] = {
    State.CHOOSING_NEED: None,
    State.SHARING: Step.SHARE,
    State.MIRRORING: Step.MIRROR,
    State.CONFIRMING: Step.CORRECT,
    State.VALIDATING: Step.VALIDATE,
    State.EMPATHIZING: Step.EMPATHIZE,
    State.IDEAS: Step.IDEAS,
    State.RATING: Step.RATE,
    State.DONE: None,
}
LISTENER_STATES = {State.MIRRORING, State.VALIDATING, State.EMPATHIZING, State.IDEAS}
# What the person whose turn it is is doing, for "waiting for X to ..." and refusals.
DOING: dict[str, str] = {
    State.CHOOSING_NEED: "choose what they need",
    State.SHARING: "share",
    State.MIRRORING: "say back what they heard",
    State.CONFIRMING: "say whether the mirror fits",
    State.VALIDATING: "say why it makes sense",
    State.EMPATHIZING: "imagine how it feels",
    State.IDEAS: "offer an idea or two",
    State.RATING: "say how heard they felt",
    State.DONE: "",
}
# The same, said to the person whose turn it is ("Your turn to ...").
DOING_YOU: dict[str, str] = {
    **DOING,
    State.CHOOSING_NEED: "choose what you need",
    State.MIRRORING: "say back what you heard",
    State.RATING: "say how heard you felt",
}


@dataclass(frozen=True)
class Sent:
    """The result of sending text: sent, or kept as a private draft after a safety detection."""

    sent: bool
    check: TextCheck
    turn: Turn | None = None


def turn_user(dialogue: Dialogue) -> User | None:
    """Whose turn it is; None when the round is done (either may swap or stop)."""
    if dialogue.state == State.DONE:
        return None
    if dialogue.state in LISTENER_STATES:
        return dialogue.listener
    return dialogue.speaker


def _members(dialogue: Dialogue) -> tuple[int, int]:
    return (dialogue.speaker_id, dialogue.listener_id)


def _check_action(dialogue: Dialogue, actor: User, action: str) -> User:
    """Refuse an action that isn't allowed now; return who it is done as (the role's person)."""
    if actor.pk not in _members(dialogue):
        raise DomainError("Only the two people in this dialogue can take part.")
    if dialogue.is_paused and action not in {"resume"}:
        raise Conflict("This dialogue is paused. Resume it when you're both ready.")
    if (dialogue.state, action) not in TRANSITIONS:
        if dialogue.state == State.DONE:
            raise Conflict("This round is finished. You can swap roles to start the next one.")
        raise Conflict(
            f"That step isn't open right now. The dialogue is at: "
            f"{State(dialogue.state).label.lower()}."
        )
    if action == "swap":
        return actor
    role_user = dialogue.listener if action in LISTENER_ACTIONS else dialogue.speaker
    if dialogue.mode == Mode.APART and actor.pk != role_user.pk:
        who = turn_user(dialogue)
        name = who.username if who else role_user.username
        raise DomainError(
            f"It's {name}'s turn to {DOING[dialogue.state]}. "
            "Your turn comes next; this page will update when it does."
        )
    return role_user


def _clean_text(text: str, *, limit: int = MAX_TEXT, what: str = "Write something first.") -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(what)
    if len(text) > limit:
        raise DomainError(f"That's a lot to take in at once. Keep it under {limit} characters.")
    return text


def _advance(dialogue: Dialogue, action: str, actor: User) -> None:
    nxt = TRANSITIONS[(dialogue.state, action)]
    if action == "empathize" and dialogue.need == Need.IDEAS:
        nxt = State.IDEAS
    dialogue.state = nxt
    dialogue.version += 1
    dialogue.save(update_fields=["state", "version", "updated_at"])
    _notify_turn(dialogue, actor)


def _notify_turn(dialogue: Dialogue, actor: User) -> None:
    """In apart mode, tell the person whose turn it now is (our words, never theirs)."""
    key = f"dialogue-{dialogue.pk}"
    for user in (dialogue.speaker, dialogue.listener):
        notice_withdraw(user=user, key=key)
    if dialogue.mode != Mode.APART:
        return
    url = reverse("dialogue:detail", args=[dialogue.pk])
    nxt = turn_user(dialogue)
    if nxt is not None and nxt.pk != actor.pk:
        notice_send(
            user=nxt,
            kind="dialogue_turn",
            text=f"Your turn in the listening dialogue with {actor.username}.",
            url=url,
            bond=dialogue.bond,
            key=key,
        )
    elif nxt is None:
        other = dialogue.listener if actor.pk == dialogue.speaker_id else dialogue.speaker
        notice_send(
            user=other,
            kind="dialogue_done",
            text=f"{actor.username} ended your listening dialogue for now. You can start "
            "another whenever you're both ready."
            if dialogue.ended_at
            else f"{actor.username} finished this round of your listening dialogue. "
            "You can swap roles when you're both ready.",
            url=url,
            bond=dialogue.bond,
            key=key,
        )


def _lock(dialogue: Dialogue) -> Dialogue:
    return (
        Dialogue.objects.select_for_update()
        .select_related("speaker", "listener", "bond")
        .get(pk=dialogue.pk)
    )


def _check_for_sending(
    *,
    dialogue: Dialogue,
    author: User,
    text: str,
    step: str,
    share_anyway: bool,
    draft: Draft | None,
) -> TextCheck:
    shared = dialogue.mode == Mode.TOGETHER  # the other person may be looking at the screen
    # Someone choosing "share anyway" was already shown the panel for this text: don't log twice.
    if share_anyway and draft is not None and draft.text == text and draft.risk_label != "none":
        return TextCheck(label=draft.risk_label, discreet=shared)
    return safety_check_text(
        user=author, text=text, source=f"dialogue_{step}", shared_screen=shared
    )


def _send(
    dialogue: Dialogue,
    *,
    author: User,
    step: str,
    text: str,
    share_anyway: bool,
    coach: dict | None = None,
) -> Sent:
    draft = Draft.objects.filter(dialogue=dialogue, author=author).first()
    check = _check_for_sending(
        dialogue=dialogue,
        author=author,
        text=text,
        step=step,
        share_anyway=share_anyway,
        draft=draft,
    )
    if check.is_risk and not share_anyway:
        Draft.objects.update_or_create(
            dialogue=dialogue,
            author=author,
            defaults={"step": step, "text": text, "risk_label": check.label},
        )
        return Sent(sent=False, check=check)
    turn = Turn.objects.create(
        dialogue=dialogue,
        round=dialogue.round,
        author=author,
        step=step,
        text=text,
        coach_summary=coach or {},
    )
    Draft.objects.filter(dialogue=dialogue, author=author).delete()
    return Sent(sent=True, check=check, turn=turn)


# --------------------------------------------------------------------------- starting


@transaction.atomic
def dialogue_start(
    *, bond: Bond, starter: User, other: User, mode: str, starter_speaks: bool = True
) -> Dialogue:
    """Start a dialogue in a bond. Callers check joint-exercise safety first."""
    if mode not in Mode.values:
        raise DomainError("Choose how to do this: together on one device, or apart.")
    if starter.pk == other.pk:
        raise DomainError("A dialogue needs two people.")
    existing = Dialogue.objects.filter(bond=bond).exclude(state=State.DONE).first()
    if existing is not None:
        raise Conflict(
            f"You already have a dialogue going with {other.username}. Carry on with that one."
        )
    speaker, listener = (starter, other) if starter_speaks else (other, starter)
    dialogue = Dialogue.objects.create(bond=bond, mode=mode, speaker=speaker, listener=listener)
    _notify_turn(dialogue, starter)
    return dialogue


# --------------------------------------------------------------------------- the speaker


@transaction.atomic
def need_choose(*, dialogue: Dialogue, actor: User, need: str) -> Dialogue:
    dialogue = _lock(dialogue)
    if need not in Need.values:
        raise DomainError("Choose what you need: to be heard, to be comforted, or ideas.")
    _check_action(dialogue, actor, "choose_need")
    dialogue.need = need
    dialogue.save(update_fields=["need"])
    _advance(dialogue, "choose_need", actor)
    return dialogue


@transaction.atomic
def share_send(
    *, dialogue: Dialogue, actor: User, text: str, more: bool = False, share_anyway: bool = False
) -> Sent:
    """The speaker shares. With ``more``, they keep the floor to add another part."""
    dialogue = _lock(dialogue)
    action = "share_more" if more else "share"
    author = _check_action(dialogue, actor, action)
    clean = _clean_text(text, what="Write what's on your mind first.")
    sent = _send(dialogue, author=author, step=Step.SHARE, text=clean, share_anyway=share_anyway)
    if sent.sent:
        if more:
            dialogue.version += 1
            dialogue.save(update_fields=["version", "updated_at"])
        else:
            _advance(dialogue, action, actor)
    return sent


@transaction.atomic
def share_finish(*, dialogue: Dialogue, actor: User) -> Dialogue:
    """The speaker has said all they want to for now (after one or more parts)."""
    dialogue = _lock(dialogue)
    _check_action(dialogue, actor, "share")
    if not Turn.objects.filter(dialogue=dialogue, round=dialogue.round, step=Step.SHARE).exists():
        raise DomainError("Share something first, then let them listen.")
    _advance(dialogue, "share", actor)
    return dialogue


@transaction.atomic
def mirror_confirm(*, dialogue: Dialogue, actor: User) -> Dialogue:
    dialogue = _lock(dialogue)
    author = _check_action(dialogue, actor, "confirm")
    Turn.objects.create(dialogue=dialogue, round=dialogue.round, author=author, step=Step.CONFIRM)
    Draft.objects.filter(dialogue=dialogue, author=author).delete()
    _advance(dialogue, "confirm", actor)
    return dialogue


@transaction.atomic
def mirror_correct(
    *, dialogue: Dialogue, actor: User, text: str, share_anyway: bool = False
) -> Sent:
    """The speaker corrects the mirror or adds more; the listener mirrors again."""
    dialogue = _lock(dialogue)
    author = _check_action(dialogue, actor, "correct")
    clean = _clean_text(text, what="Say what they missed, or what you'd like to add.")
    sent = _send(dialogue, author=author, step=Step.CORRECT, text=clean, share_anyway=share_anyway)
    if sent.sent:
        _advance(dialogue, "correct", actor)
    return sent


# --------------------------------------------------------------------------- the listener

ACTION_FOR_STEP = {
    Step.MIRROR: "mirror",
    Step.VALIDATE: "validate",
    Step.EMPATHIZE: "empathize",
    Step.IDEAS: "ideas",
}


@transaction.atomic
def listener_send(
    *,
    dialogue: Dialogue,
    actor: User,
    step: str,
    text: str,
    share_anyway: bool = False,
    coach_summary: dict | None = None,
) -> Sent:
    """Send a mirror, a validation, an empathy line or (when asked for) ideas, as typed."""
    if step not in ACTION_FOR_STEP:
        raise DomainError("The listener's steps are mirror, validate, empathize and ideas.")
    dialogue = _lock(dialogue)
    action = ACTION_FOR_STEP[Step(step)]
    author = _check_action(dialogue, actor, action)
    clean = _clean_text(text)
    summary = {k: v for k, v in (coach_summary or {}).items() if k in {"labels", "score"}}
    sent = _send(
        dialogue, author=author, step=step, text=clean, share_anyway=share_anyway, coach=summary
    )
    if sent.sent:
        _advance(dialogue, action, actor)
    return sent


# --------------------------------------------------------------------------- the end of a round


@transaction.atomic
def rating_submit(
    *,
    dialogue: Dialogue,
    actor: User,
    felt_heard: int,
    what_helped: str = "",
    share_anyway: bool = False,
) -> Sent:
    dialogue = _lock(dialogue)
    author = _check_action(dialogue, actor, "rate")
    if not isinstance(felt_heard, int) or not 1 <= felt_heard <= 5:
        raise DomainError("Choose how heard you felt, from 1 (not much) to 5 (completely).")
    helped = (what_helped or "").strip()
    if len(helped) > MAX_HELPED:
        raise DomainError(f"Keep what helped under {MAX_HELPED} characters.")
    check = TextCheck(label="none")
    if helped:
        draft = Draft.objects.filter(dialogue=dialogue, author=author).first()
        check = _check_for_sending(
            dialogue=dialogue,
            author=author,
            text=helped,
            step=Step.RATE,
            share_anyway=share_anyway,
            draft=draft,
        )
        if check.is_risk and not share_anyway:
            Draft.objects.update_or_create(
                dialogue=dialogue,
                author=author,
                defaults={"step": Step.RATE, "text": helped, "risk_label": check.label},
            )
            return Sent(sent=False, check=check)
    Rating.objects.create(
        dialogue=dialogue,
        round=dialogue.round,
        rater=author,
        listener=dialogue.listener,
        felt_heard=felt_heard,
        what_helped=helped,
    )
    Draft.objects.filter(dialogue=dialogue, author=author).delete()
    _advance(dialogue, "rate", actor)
    # A finished round counts for both people (their rounds done, how heard they felt).
    progress_recorded(users=[dialogue.speaker, dialogue.listener])
    return Sent(sent=True, check=check)


@transaction.atomic
def roles_swap(*, dialogue: Dialogue, actor: User) -> Dialogue:
    """Start the next round with the listener as speaker."""
    dialogue = _lock(dialogue)
    _check_action(dialogue, actor, "swap")
    if dialogue.ended_at is not None:
        raise Conflict("This dialogue was ended. Start a new one whenever you're both ready.")
    dialogue.speaker, dialogue.listener = dialogue.listener, dialogue.speaker
    dialogue.round += 1
    dialogue.need = ""
    dialogue.save(update_fields=["speaker", "listener", "round", "need"])
    Draft.objects.filter(dialogue=dialogue).delete()
    _advance(dialogue, "swap", actor)
    return dialogue


@transaction.atomic
def dialogue_end(*, dialogue: Dialogue, actor: User) -> Dialogue:
    """Either person may end the dialogue at any point; what was said so far is kept."""
    dialogue = _lock(dialogue)
    if actor.pk not in _members(dialogue):
        raise DomainError("Only the two people in this dialogue can end it.")
    if not dialogue.is_open:
        raise Conflict("This dialogue has already finished.")
    dialogue.state = State.DONE
    dialogue.ended_at = timezone.now()
    dialogue.ended_by = actor
    dialogue.paused_at = None
    dialogue.version += 1
    dialogue.save(
        update_fields=["state", "ended_at", "ended_by", "paused_at", "version", "updated_at"]
    )
    Draft.objects.filter(dialogue=dialogue).delete()
    _notify_turn(dialogue, actor)
    return dialogue


@transaction.atomic
def dialogue_pause(*, dialogue: Dialogue, actor: User) -> Dialogue:
    dialogue = _lock(dialogue)
    if actor.pk not in _members(dialogue):
        raise DomainError("Only the two people in this dialogue can pause it.")
    if not dialogue.is_open:
        raise Conflict("This round is finished; there's nothing to pause.")
    if dialogue.is_paused:
        raise Conflict("This dialogue is already paused.")
    dialogue.paused_at = timezone.now()
    dialogue.version += 1
    dialogue.save(update_fields=["paused_at", "version", "updated_at"])
    return dialogue


@transaction.atomic
def dialogue_resume(*, dialogue: Dialogue, actor: User) -> Dialogue:
    dialogue = _lock(dialogue)
    if actor.pk not in _members(dialogue):
        raise DomainError("Only the two people in this dialogue can resume it.")
    if not dialogue.is_paused:
        raise Conflict("This dialogue isn't paused.")
    dialogue.paused_at = None
    dialogue.version += 1
    dialogue.save(update_fields=["paused_at", "version", "updated_at"])
    return dialogue


# --------------------------------------------------------------------------- drafts


def draft_author(dialogue: Dialogue, actor: User) -> User:
    """Whose draft the actor is writing: their own, or on a shared device the turn-holder's."""
    if actor.pk not in _members(dialogue):
        raise DomainError("Only the two people in this dialogue can write in it.")
    if dialogue.mode == Mode.TOGETHER:
        return turn_user(dialogue) or actor
    return actor


@transaction.atomic
def draft_save(*, dialogue: Dialogue, actor: User, text: str) -> tuple[Draft, TextCheck]:
    """Keep what someone is typing, so a closed tab or lost connection loses nothing.

    The safety check logs an event only when a draft first turns risky, not on every keystroke.
    """
    text = text or ""
    if len(text) > MAX_TEXT:
        raise DomainError(f"That's a lot to take in at once. Keep it under {MAX_TEXT} characters.")
    author = draft_author(dialogue, actor)
    step = STEP_FOR_STATE[dialogue.state] or Step.SHARE
    if turn_user(dialogue) is not None and turn_user(dialogue).pk != author.pk:  # type: ignore[union-attr]
        # Writing ahead while waiting is fine; it is kept for their next step.
        step = Step.SHARE if author.pk == dialogue.speaker_id else Step.MIRROR
    previous = Draft.objects.filter(dialogue=dialogue, author=author).first()
    last_sent = Turn.objects.filter(dialogue=dialogue, author=author).order_by("-pk").first()
    if last_sent is not None and text.strip() and last_sent.text == text.strip():
        # A late autosave of what was just sent (it raced the send): not a new draft.
        return previous or Draft(dialogue=dialogue, author=author, step=step), TextCheck("none")
    shared = dialogue.mode == Mode.TOGETHER
    check = classify(text, shared_screen=shared) if text.strip() else TextCheck(label="none")
    if check.is_risk and (previous is None or previous.risk_label == "none"):
        check = safety_check_text(
            user=author, text=text, source=f"dialogue_draft_{step}", shared_screen=shared
        )
    draft, _ = Draft.objects.update_or_create(
        dialogue=dialogue,
        author=author,
        defaults={"step": step, "text": text, "risk_label": check.label},
    )
    return draft, check


def draft_discard(*, dialogue: Dialogue, actor: User) -> None:
    Draft.objects.filter(dialogue=dialogue, author=draft_author(dialogue, actor)).delete()
