"""Realistic history in bulk, for the web benchmark and the query-count tests.

Each bond gets, for every day of its history: both people's check-ins with a connection
rating, a daily question both answered, and now and then a listening dialogue with ratings, a
note of appreciation and a check-up. Rows go in with ``bulk_create`` in batches; the encrypted
texts are encrypted once and reused (the same ciphertext in many rows costs the pages nothing
more to read, and seeding 100,000 bonds would otherwise spend minutes in Fernet)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

T = TypeVar("T", bound=models.Model)

BATCH = 2000
FEELINGS = ("calm", "happy", "tired", "hopeful", "worried", "content")


@dataclass(frozen=True)
class Seeded:
    """The people the benchmark logs in as: ``person`` has ``bonds_each`` bonds."""

    person: Any
    partners: list[Any]
    bonds: list[Any]


def _chunks(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _bulk(model: type[T], rows: Sequence[T]) -> list[T]:
    made: list[T] = []
    for chunk in _chunks(rows):
        made.extend(model._default_manager.bulk_create(chunk))
    return made


def _encrypted_once(text: str) -> str:
    from heard.core.crypto import encrypt

    return encrypt(text)


@transaction.atomic
def seed_bonds(
    *,
    people: Sequence[tuple[Any, Any]],
    days: int,
    today: datetime.date | None = None,
    kind: str = "partner",
) -> list[Any]:
    """A bond for each (first, second) pair, with ``days`` days of history before today."""
    from heard.bonds.models import Bond, Membership
    from heard.safety.models import Screening

    now = timezone.now()
    today = today or now.date()
    start = now - datetime.timedelta(days=days + 1)
    bonds = _bulk(Bond, [Bond(kind=kind) for _ in people])
    # created_at is auto_now_add: move it back to the start of the history.
    Bond.objects.filter(pk__in=[b.pk for b in bonds]).update(created_at=start)
    members: list[Membership] = []
    screenings: list[Screening] = []
    for bond, (first, second) in zip(bonds, people, strict=True):
        for person in (first, second):
            members.append(Membership(bond=bond, user=person))
            screenings.append(Screening(user=person, bond=bond, positive=False))
    _bulk(Membership, members)
    _bulk(Screening, screenings)
    if days:
        _history(bonds=bonds, people=people, days=days, today=today)
    return bonds


def _history(
    *, bonds: Sequence[Any], people: Sequence[tuple[Any, Any]], days: int, today: datetime.date
) -> None:
    from heard.checkup.models import CheckupResult
    from heard.daily.models import CheckIn, ConnectionRating
    from heard.dialogue.models import Dialogue, Mode, Need, Rating, State
    from heard.prompts.deck import prompts_for
    from heard.prompts.models import Answer, Exchange, ExchangeState, PromptDraw
    from heard.together.models import Appreciation, AppreciationStatus

    answer_text = _encrypted_once("We made soup together and talked about the week.")
    deck = prompts_for("partner", 1) or prompts_for(bonds[0].kind, 1)
    tz = datetime.UTC
    checkins: list[CheckIn] = []
    exchanges: list[Exchange] = []
    dialogues: list[Dialogue] = []
    appreciations: list[Appreciation] = []
    checkups: list[CheckupResult] = []
    for offset in range(days, 0, -1):
        day = today - datetime.timedelta(days=offset)
        moment = datetime.datetime.combine(day, datetime.time(19, 0), tzinfo=tz)
        for index, (bond, (first, second)) in enumerate(zip(bonds, people, strict=True)):
            prompt = deck[(offset + index) % len(deck)]
            exchanges.append(
                Exchange(
                    bond=bond,
                    prompt_id=prompt.id,
                    depth=prompt.depth,
                    day=day,
                    created_at=moment,
                    state=ExchangeState.ANSWERED,
                    finished_at=moment + datetime.timedelta(hours=1),
                )
            )
            if offset % 7 == 3:
                dialogues.append(
                    Dialogue(
                        bond=bond,
                        mode=Mode.APART,
                        speaker=first,
                        listener=second,
                        need=Need.LISTEN,
                        state=State.DONE,
                        ended_at=moment,
                    )
                )
            if offset % 10 == 5:
                appreciations.append(
                    Appreciation(
                        bond=bond,
                        sender=first,
                        recipient=second,
                        status=AppreciationStatus.SENT,
                        sent_at=moment,
                    )
                )
            if offset in {days, max(1, days - 30)}:
                for person in (first, second):
                    checkups.append(
                        CheckupResult(
                            user=person,
                            bond=bond,
                            kind=bond.kind,
                            scores={"openness": 60, "responsiveness": 70},
                            closeness=5,
                        )
                    )
    # Check-ins are one a day per person, whatever the number of bonds they have.
    seen: set[tuple[int, datetime.date]] = set()
    for offset in range(days, 0, -1):
        day = today - datetime.timedelta(days=offset)
        for first, second in people:
            for person in (first, second):
                if (person.pk, day) in seen:
                    continue
                seen.add((person.pk, day))
                checkins.append(CheckIn(user=person, day=day, feeling=FEELINGS[offset % 6]))
    made_exchanges = _bulk(Exchange, exchanges)
    _bulk(
        PromptDraw,
        [
            PromptDraw(
                bond_id=e.bond_id, exchange=e, prompt_id=e.prompt_id, created_at=e.created_at
            )
            for e in made_exchanges
        ],
    )
    members = {bond.pk: pair for bond, pair in zip(bonds, people, strict=True)}
    answers = [
        Answer(
            exchange=e,
            author=person,
            text=_Stored(answer_text),
            prompt_id=e.prompt_id,
            submitted_at=e.created_at,
            updated_at=e.created_at,
        )
        for e in made_exchanges
        for person in members[e.bond_id]
    ]
    _bulk_stored(Answer, answers)
    made_checkins = _bulk(CheckIn, checkins)
    bonds_of: dict[int, list[Any]] = {}
    for bond, (first, second) in zip(bonds, people, strict=True):
        bonds_of.setdefault(first.pk, []).append(bond)
        bonds_of.setdefault(second.pk, []).append(bond)
    _bulk(
        ConnectionRating,
        [
            ConnectionRating(checkin=c, bond=bond, rating=5 + (c.day.toordinal() % 5))
            for c in made_checkins
            for bond in bonds_of[c.user_id]
        ],
    )
    made_dialogues = _bulk(Dialogue, dialogues)
    _bulk(
        Rating,
        [
            Rating(dialogue=d, round=1, rater=d.speaker, listener=d.listener, felt_heard=4)
            for d in made_dialogues
        ],
    )
    _bulk(Appreciation, appreciations)
    _bulk(CheckupResult, checkups)


class _Stored(str):
    """An already encrypted value: EncryptedTextField stores it as it is (see _bulk_stored)."""


def _bulk_stored(model: type[T], rows: Sequence[T]) -> None:
    """bulk_create for rows whose encrypted fields hold _Stored ciphertext."""
    from heard.core.crypto import EncryptedTextField

    fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
    original = [f.get_prep_value for f in fields]
    try:
        for field, prep in zip(fields, original, strict=True):

            def passthrough(value: Any, prep: Any = prep) -> Any:
                return str(value) if isinstance(value, _Stored) else prep(value)

            field.get_prep_value = passthrough  # type: ignore[method-assign]
        _bulk(model, rows)
    finally:
        for field, prep in zip(fields, original, strict=True):
            field.get_prep_value = prep  # type: ignore[method-assign]


def make_people(prefix: str, count: int, *, password: str) -> list[Any]:
    """``count`` people named prefix0, prefix1, ... sharing one password hash (hashed once)."""
    from heard.accounts.models import User

    hashed = make_password(password)
    return _bulk(
        User,
        [User(username=f"{prefix}{n}", password=hashed, time_zone="UTC") for n in range(count)],
    )


def pairs(people: Iterable[Any]) -> list[tuple[Any, Any]]:
    listed = list(people)
    return [(listed[n], listed[n + 1]) for n in range(0, len(listed) - 1, 2)]
