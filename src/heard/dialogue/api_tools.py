"""The coach, practice, say-it, feelings and comfort as JSON. POST /api/v1/coach is the coach on
its own: rate limited per person, and answering 503 when the server switched it off."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from heard.accounts.models import User
from heard.api_errors import also_answers
from heard.bonds.selectors import bond_for_member
from heard.coach.feelings import families, search
from heard.dialogue import comfort, practice, selectors
from heard.dialogue.coaching import analyze_for
from heard.dialogue.content import scenarios_for
from heard.dialogue.models import ComfortRequest, PracticeAttempt
from heard.dialogue.say_it import say_it_check
from heard.dialogue.schemas import (
    AttemptIn,
    AttemptOut,
    AttemptResultOut,
    CoachIn,
    ComfortIn,
    ComfortOut,
    ComfortReplyIn,
    Detail,
    FeedbackOut,
    FeelingFamilyOut,
    SayItIn,
    SayItOut,
    ScenarioOut,
)
from heard.safety.selectors import joint_exercise_require, safety_json
from heard.safety.services import classify

router = Router(tags=["talk"])


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --------------------------------------------------------------------------- the coach


@router.post("/coach", response=FeedbackOut, openapi_extra=also_answers(429, 503))
def coach(request: HttpRequest, payload: CoachIn) -> Any:
    """Feedback on a reply: {reply, share?, need?} -> labels, scores and messages."""
    feedback = analyze_for(
        user=_user(request), reply=payload.reply, share=payload.share, need=payload.need
    )
    return feedback.to_dict()


# --------------------------------------------------------------------------- practice


def _scenario_out(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "relation": s.relation,
        "who": s.who,
        "need": s.need,
        "speaker": s.speaker,
        "share": s.share,
    }


def _attempt_out(a: PracticeAttempt) -> dict[str, Any]:
    return {
        "id": a.pk,
        "scenario_id": a.scenario_id,
        "reply": a.reply,
        "labels": list(a.labels),
        "score": a.score,
        "created_at": a.created_at,
    }


@router.get("/practice/scenarios", response=list[ScenarioOut])
def scenario_list(
    request: HttpRequest, relation: str | None = None, need: str | None = None
) -> Any:
    return [_scenario_out(s) for s in scenarios_for(relation or None, need or None)]


@router.get("/practice/scenarios/{scenario_id}", response=ScenarioOut)
def scenario_get(request: HttpRequest, scenario_id: str) -> Any:
    return _scenario_out(practice.practice_scenario(scenario_id))


@router.post("/practice/scenarios/{scenario_id}/attempts", response={201: AttemptResultOut})
def attempt_create(request: HttpRequest, scenario_id: str, payload: AttemptIn) -> Any:
    """Your reply, the coach's feedback, and then the example replies."""
    result = practice.practice_attempt(
        user=_user(request), scenario_id=scenario_id, reply=payload.reply
    )
    found = practice.practice_scenario(scenario_id)
    return 201, {
        "attempt": _attempt_out(result.attempt),
        "coach": result.coaching.to_dict() if result.coaching else None,
        "good_replies": list(found.good_replies),
        "watch_for": found.watch_for,
        "safety": safety_json(result.check),
    }


@router.get("/practice/attempts", response=list[AttemptOut])
def attempt_list(request: HttpRequest) -> Any:
    return [_attempt_out(a) for a in practice.attempts_for(user=_user(request), limit=100)]


# --------------------------------------------------------------------------- say it without blame


@router.post("/say-it/check", response=SayItOut)
def say_it(request: HttpRequest, payload: SayItIn) -> Any:
    checked = say_it_check(user=_user(request), parts=payload.dict())
    check = classify(checked.statement) if checked.statement else None
    return {**checked.to_dict(), "safety": safety_json(check)}


@router.get("/feelings", response=list[FeelingFamilyOut])
def feelings(request: HttpRequest, q: str = "") -> Any:
    """The feelings vocabulary by family; with ``q``, only the matching words."""
    matches = {w.word for w in search(q[:40])} if q.strip() else None
    out = []
    for f in families():
        words = [w for w in f.words if matches is None or w in matches]
        if words:
            out.append({"id": f.id, "name": f.name, "pleasant": f.pleasant, "words": words})
    return out


# --------------------------------------------------------------------------- comfort


def _comfort_out(c: ComfortRequest) -> dict[str, Any]:
    return {
        "id": c.pk,
        "bond_id": c.bond_id,
        "sender": c.sender.username,
        "feeling_word": c.feeling_word,
        "message": c.message,
        "reply": c.reply,
        "created_at": c.created_at,
        "answered_at": c.answered_at,
    }


@router.post("/comfort", response={201: ComfortOut, 409: Detail}, openapi_extra=also_answers(429))
def comfort_send(request: HttpRequest, payload: ComfortIn) -> Any:
    user = _user(request)
    bond = bond_for_member(user=user, bond_id=payload.bond_id)
    joint_exercise_require(user=user, bond=bond.bond)
    sent = comfort.comfort_send(
        sender=user,
        bond=bond,
        feeling_word=payload.feeling_word,
        message=payload.message,
        share_anyway=payload.share_anyway,
    )
    if sent.request is None:
        return 409, _held(sent)
    return 201, _comfort_out(sent.request)


def _held(sent: comfort.ComfortSent) -> dict[str, Any]:
    return {
        "detail": "Not sent yet: what you wrote is kept for you. Help is on the Help page; "
        "send it anyway with share_anyway.",
        "safety": safety_json(sent.check),
    }


@router.get("/comfort", response=list[ComfortOut])
def comfort_waiting(request: HttpRequest) -> Any:
    """Requests for comfort waiting for you."""
    return [_comfort_out(c) for c in selectors.comfort_waiting(user=_user(request))]


@router.post("/comfort/{int:request_id}/here", response={200: ComfortOut, 409: Detail})
def comfort_here(request: HttpRequest, request_id: int) -> Any:
    """ "I'm here", in one tap."""
    return _respond(request, request_id, ComfortReplyIn(reply=""))


@router.post("/comfort/{int:request_id}/reply", response={200: ComfortOut, 409: Detail})
def comfort_reply(request: HttpRequest, request_id: int, payload: ComfortReplyIn) -> Any:
    """ "I'm here" with a line of your own."""
    return _respond(request, request_id, payload)


def _respond(request: HttpRequest, request_id: int, payload: ComfortReplyIn) -> Any:
    user = _user(request)
    found, bond = selectors.comfort_for_member(user=user, request_id=request_id)
    joint_exercise_require(user=user, bond=bond.bond)
    sent = comfort.comfort_respond(
        request=found, responder=user, reply=payload.reply, share_anyway=payload.share_anyway
    )
    if sent.request is None:
        return 409, _held(sent)
    return _comfort_out(sent.request)
