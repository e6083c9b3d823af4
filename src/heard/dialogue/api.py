"""The dialogue as JSON: every step a client needs to run a dialogue, through the same services
and the same access rules as the web pages (anyone but the two members gets a 404)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from heard.accounts.models import User
from heard.api_errors import also_answers
from heard.bonds.selectors import bond_for_member, bonds_for
from heard.dialogue import selectors, services
from heard.dialogue.api_tools import router as tools_router
from heard.dialogue.coaching import coach_step, summary_quietly
from heard.dialogue.models import Dialogue, Step
from heard.dialogue.schemas import (
    CoachingOut,
    Detail,
    DialogueIn,
    DialogueOut,
    DraftOut,
    NeedIn,
    RateIn,
    SayItStartIn,
    SendOut,
    ShareTextIn,
    TextIn,
    TurnDraftIn,
)
from heard.safety.selectors import joint_exercise_require, safety_json
from heard.safety.services import TextCheck

router = Router(tags=["dialogue"])
router.add_router("", tools_router)

OK_OR_BLOCKED = {200: DialogueOut, 409: Detail}
SENT_OR_BLOCKED = {200: SendOut, 409: Detail}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _load(request: HttpRequest, dialogue_id: int) -> Dialogue:
    """The dialogue, for members only (404), once the joint-exercise gate lets them in (409)."""
    dialogue, bond = selectors.dialogue_for_member(user=_user(request), dialogue_id=dialogue_id)
    joint_exercise_require(user=_user(request), bond=bond.bond)
    return dialogue


def dialogue_out(dialogue: Dialogue, user: User) -> dict[str, Any]:
    # Fresh after a write, with both people in the same query.
    dialogue = Dialogue.objects.select_related("speaker", "listener").get(pk=dialogue.pk)
    status = selectors.status_for(dialogue=dialogue, viewer=user)
    draft = selectors.draft_for(dialogue=dialogue, author=services.draft_author(dialogue, user))
    last_round = dialogue.round if dialogue.state == "done" else dialogue.round - 1
    rating = selectors.rating_for(dialogue=dialogue, round=last_round) if last_round else None
    other = dialogue.listener if user.pk == dialogue.speaker_id else dialogue.speaker
    return {
        "id": dialogue.pk,
        "bond_id": dialogue.bond_id,
        "mode": dialogue.mode,
        "state": dialogue.state,
        "need": dialogue.need,
        "round": dialogue.round,
        "version": dialogue.version,
        "paused": dialogue.is_paused,
        "ended": dialogue.ended_at is not None,
        "speaker": dialogue.speaker.username,
        "listener": dialogue.listener.username,
        "your_role": "speaker" if user.pk == dialogue.speaker_id else "listener",
        "your_turn": status.yours,
        "status": status.text,
        "other_typing": selectors.is_typing(dialogue=dialogue, user=other),
        "turns": [
            {
                "id": t.pk,
                "round": t.round,
                "author": t.author.username,
                "step": t.step,
                "text": t.text,
                "created_at": t.created_at,
            }
            for t in selectors.turns_for(dialogue=dialogue, round=dialogue.round)
        ],
        "my_draft": _draft_out(draft),
        "last_rating": {
            "round": rating.round,
            "rater": rating.rater.username,
            "felt_heard": rating.felt_heard,
            "what_helped": rating.what_helped,
        }
        if rating
        else None,
    }


def _draft_out(draft: Any) -> dict[str, Any] | None:
    if draft is None:
        return None
    return {
        "step": draft.step,
        "text": draft.text,
        "updated_at": draft.updated_at,
        "safety": safety_json(TextCheck(label=draft.risk_label)),
    }


def _sent(dialogue: Dialogue, user: User, sent: services.Sent) -> dict[str, Any]:
    return {
        "sent": sent.sent,
        "dialogue": dialogue_out(dialogue, user),
        "safety": safety_json(sent.check),
    }


def _run(request: HttpRequest, dialogue_id: int, action: Any, **kwargs: Any) -> Any:
    """Load (404 for non-members), check the safety gate, act, and answer with the new state."""
    dialogue = _load(request, dialogue_id)
    result = action(dialogue=dialogue, actor=_user(request), **kwargs)
    if isinstance(result, services.Sent):
        return _sent(dialogue, _user(request), result)
    return dialogue_out(dialogue, _user(request))


# --------------------------------------------------------------------------- dialogues


@router.post("/dialogues", response={201: DialogueOut, 409: Detail})
def dialogue_create(request: HttpRequest, payload: DialogueIn) -> Any:
    user = _user(request)
    bond = bond_for_member(user=user, bond_id=payload.bond_id)
    joint_exercise_require(user=user, bond=bond.bond)
    dialogue = services.dialogue_start(
        bond=bond.bond,
        starter=user,
        other=bond.other,
        mode=payload.mode,
        starter_speaks=payload.speaker == "me",
    )
    return 201, dialogue_out(dialogue, user)


@router.get("/dialogues", response=list[DialogueOut])
def dialogue_list(request: HttpRequest, bond_id: int | None = None) -> Any:
    """The latest dialogue in each of your bonds (or in one bond)."""
    user = _user(request)
    bonds = [bond_for_member(user=user, bond_id=bond_id)] if bond_id else bonds_for(user=user)
    found = [selectors.latest_dialogue(bond=b.bond) for b in bonds]
    return [dialogue_out(d, user) for d in found if d is not None]


@router.get("/dialogues/{int:dialogue_id}", response=OK_OR_BLOCKED)
def dialogue_get(request: HttpRequest, dialogue_id: int) -> Any:
    return dialogue_out(_load(request, dialogue_id), _user(request))


@router.post("/dialogues/{int:dialogue_id}/need", response=OK_OR_BLOCKED)
def need_choose(request: HttpRequest, dialogue_id: int, payload: NeedIn) -> Any:
    return _run(request, dialogue_id, services.need_choose, need=payload.need)


@router.post("/dialogues/{int:dialogue_id}/share", response=SENT_OR_BLOCKED)
def share(request: HttpRequest, dialogue_id: int, payload: ShareTextIn) -> Any:
    return _run(
        request,
        dialogue_id,
        services.share_send,
        text=payload.text,
        more=payload.more,
        share_anyway=payload.share_anyway,
    )


@router.post("/dialogues/{int:dialogue_id}/share/finish", response=OK_OR_BLOCKED)
def share_finish(request: HttpRequest, dialogue_id: int) -> Any:
    return _run(request, dialogue_id, services.share_finish)


@router.get("/dialogues/{int:dialogue_id}/draft", response={200: DraftOut, 204: None, 409: Detail})
def draft_get(request: HttpRequest, dialogue_id: int) -> Any:
    """Your own draft (only ever yours)."""
    dialogue = _load(request, dialogue_id)
    draft = selectors.draft_for(
        dialogue=dialogue, author=services.draft_author(dialogue, _user(request))
    )
    return _draft_out(draft) if draft else (204, None)


@router.put("/dialogues/{int:dialogue_id}/draft", response={200: DraftOut, 204: None, 409: Detail})
def draft_put(request: HttpRequest, dialogue_id: int, payload: TurnDraftIn) -> Any:
    dialogue = _load(request, dialogue_id)
    draft, _ = services.draft_save(dialogue=dialogue, actor=_user(request), text=payload.text)
    if draft.pk is None:
        # A late autosave of the turn just sent: nothing is kept as a draft.
        return 204, None
    return _draft_out(draft)


@router.post(
    "/dialogues/{int:dialogue_id}/feedback",
    response={200: CoachingOut, 409: Detail},
    openapi_extra=also_answers(429, 503),
)
def feedback(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    """The coach on a draft, for the step the dialogue is at, following the speaker's need."""
    dialogue = _load(request, dialogue_id)
    step = selectors.writing_step(dialogue)
    listener_step = step if step in {Step.MIRROR, Step.VALIDATE, Step.EMPATHIZE} else None
    coaching = coach_step(
        user=_user(request),
        text=payload.text,
        share=selectors.shared_text(dialogue=dialogue),
        need=dialogue.need,
        step=listener_step,
    )
    return {"step": listener_step, **coaching.to_dict()}


def _listen(request: HttpRequest, dialogue_id: int, payload: TextIn, step: str) -> Any:
    dialogue = _load(request, dialogue_id)
    summary = summary_quietly(
        user=_user(request),
        text=payload.text,
        share=selectors.shared_text(dialogue=dialogue),
        need=dialogue.need,
        step=step,
    )
    sent = services.listener_send(
        dialogue=dialogue,
        actor=_user(request),
        step=step,
        text=payload.text,
        share_anyway=payload.share_anyway,
        coach_summary=summary,
    )
    return _sent(dialogue, _user(request), sent)


@router.post("/dialogues/{int:dialogue_id}/mirror", response=SENT_OR_BLOCKED)
def mirror(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    return _listen(request, dialogue_id, payload, Step.MIRROR)


@router.post("/dialogues/{int:dialogue_id}/validate", response=SENT_OR_BLOCKED)
def validate(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    return _listen(request, dialogue_id, payload, Step.VALIDATE)


@router.post("/dialogues/{int:dialogue_id}/empathize", response=SENT_OR_BLOCKED)
def empathize(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    return _listen(request, dialogue_id, payload, Step.EMPATHIZE)


@router.post("/dialogues/{int:dialogue_id}/ideas", response=SENT_OR_BLOCKED)
def ideas(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    """Only when the speaker asked for ideas, after the listener has empathized."""
    return _listen(request, dialogue_id, payload, Step.IDEAS)


@router.post("/dialogues/{int:dialogue_id}/end", response=OK_OR_BLOCKED)
def end(request: HttpRequest, dialogue_id: int) -> Any:
    """Either person ends the dialogue, mid-round too; what was said is kept."""
    return _run(request, dialogue_id, services.dialogue_end)


@router.post("/dialogues/{int:dialogue_id}/confirm", response=OK_OR_BLOCKED)
def confirm(request: HttpRequest, dialogue_id: int) -> Any:
    return _run(request, dialogue_id, services.mirror_confirm)


@router.post("/dialogues/{int:dialogue_id}/correct", response=SENT_OR_BLOCKED)
def correct(request: HttpRequest, dialogue_id: int, payload: TextIn) -> Any:
    return _run(
        request,
        dialogue_id,
        services.mirror_correct,
        text=payload.text,
        share_anyway=payload.share_anyway,
    )


@router.post("/dialogues/{int:dialogue_id}/rate", response=SENT_OR_BLOCKED)
def rate(request: HttpRequest, dialogue_id: int, payload: RateIn) -> Any:
    return _run(
        request,
        dialogue_id,
        services.rating_submit,
        felt_heard=payload.felt_heard,
        what_helped=payload.what_helped,
        share_anyway=payload.share_anyway,
    )


@router.post("/dialogues/{int:dialogue_id}/swap", response=OK_OR_BLOCKED)
def swap(request: HttpRequest, dialogue_id: int) -> Any:
    return _run(request, dialogue_id, services.roles_swap)


@router.post("/dialogues/{int:dialogue_id}/pause", response=OK_OR_BLOCKED)
def pause(request: HttpRequest, dialogue_id: int) -> Any:
    return _run(request, dialogue_id, services.dialogue_pause)


@router.post("/dialogues/{int:dialogue_id}/resume", response=OK_OR_BLOCKED)
def resume(request: HttpRequest, dialogue_id: int) -> Any:
    return _run(request, dialogue_id, services.dialogue_resume)


# Here rather than in api_tools.py, beside dialogue_out, so neither module imports the other.
@router.post("/say-it/start", response={201: DialogueOut, 409: Detail})
def say_it_start(request: HttpRequest, payload: SayItStartIn) -> Any:
    """Open a dialogue with the statement kept as your draft opening share."""
    user = _user(request)
    bond = bond_for_member(user=user, bond_id=payload.bond_id)
    joint_exercise_require(user=user, bond=bond.bond)
    if not payload.statement.strip():
        raise services.DomainError("Write your statement first.")
    dialogue = services.dialogue_start(
        bond=bond.bond, starter=user, other=bond.other, mode=payload.mode
    )
    services.draft_save(dialogue=dialogue, actor=user, text=payload.statement)
    return 201, dialogue_out(dialogue, user)
