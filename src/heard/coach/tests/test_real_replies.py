"""The coach on everyday replies it was not trained on: each hurtful habit in its everyday
form, rewrites in the other person's words, and no praise for a reply that hurts.

Every reply here is written for the test and checked not to be a training row."""

from __future__ import annotations

import pytest

from heard.coach import analyze
from heard.coach.analyze import HURTFUL
from heard.coach.train import natural_rows

STRESS = "I'm so stressed about this deadline, I can't sleep"
MISS = "Work has been relentless lately and I really miss just hanging out with you."
SISTER = "My sister forgot my birthday again and I feel like I don't matter to her."

HURTFUL_FORMS = [
    ("sarcasm", MISS, "oh wow, poor you, having a job must be SO hard", "contempt"),
    ("mock sympathy", SISTER, "aww did someone get their feelings hurt again", "contempt"),
    ("too sensitive", SISTER, "you're way too sensitive about birthdays honestly", "invalidation"),
    ("it was a joke", SISTER, "she was probably just joking around, it was a joke", "invalidation"),
    ("at least", STRESS, "at least you have a job to be stressed about", "invalidation"),
    ("calm down", STRESS, "ok calm down, it's one deadline", "invalidation"),
    (
        "whataboutism",
        MISS,
        "what about me? i've been home alone every night this week",
        "defensiveness",
    ),
    (
        "counter-complaint",
        MISS,
        "i'm tired too you know, it's not like i've been on holiday",
        "defensiveness",
    ),
    ("fine whatever", MISS, "fine. whatever you say.", "deflection"),
    ("stonewalling", MISS, "kk noted", "deflection"),
    ("pivot to logistics", STRESS, "did you remember to book the car in for tuesday", "deflection"),
    (
        "blame dressed as advice",
        STRESS,
        "well maybe if you didn't leave everything to the last minute you wouldn't be so stressed",
        "blame",
    ),
    (
        "advice as a question",
        MISS,
        "why don't you just ask your boss for fewer hours then",
        "advice",
    ),
    (
        "validation then but you should",
        STRESS,
        "i get it, but you should have started weeks ago",
        "blame",
    ),
    # Our label guide files telling someone how to feel under advice.
    (
        "how to feel",
        SISTER,
        "you should feel lucky you even have a sister, not sad",
        "advice",
    ),
    ("welcome to adulthood", MISS, "yeah well, welcome to adulthood, we're all tired", "contempt"),
]


def _seen() -> set[str]:
    return {" ".join(r.reply.lower().split()) for r in natural_rows()}


def test_examples_are_not_training_rows() -> None:
    seen = _seen()
    for _, _, reply, _ in HURTFUL_FORMS:
        assert " ".join(reply.lower().split()) not in seen, reply


@pytest.mark.parametrize(
    ("form", "share", "reply", "label"), HURTFUL_FORMS, ids=[f[0] for f in HURTFUL_FORMS]
)
def test_each_hurtful_habit_is_noticed(form: str, share: str, reply: str, label: str) -> None:
    fb = analyze(reply, share=share, need="listen")
    assert label in fb.labels, (form, fb.labels)


@pytest.mark.parametrize(
    ("form", "share", "reply", "label"), HURTFUL_FORMS, ids=[f[0] for f in HURTFUL_FORMS]
)
def test_a_hurtful_reply_is_never_praised(form: str, share: str, reply: str, label: str) -> None:
    fb = analyze(reply, share=share, need="listen")
    if any(k in HURTFUL for k in fb.labels):
        assert fb.strengths == [], (form, [m.label for m in fb.strengths])
        assert fb.primary in HURTFUL


def test_the_rewrite_uses_the_other_persons_words() -> None:
    fb = analyze("well maybe if you didn't leave everything to the last minute", share=STRESS)
    suggestion = " ".join(m.suggestion for m in fb.messages).lower()
    assert "deadline" in suggestion and "stressed" in suggestion


def test_with_nothing_clear_the_coach_says_so_and_gives_one_step() -> None:
    fb = analyze("hmm right", share=SISTER)
    assert fb.labels == [] and len(fb.messages) == 1
    message = fb.messages[0]
    assert "not clear yet" in message.message
    assert "birthday" in message.suggestion and message.span == (0, len(fb.text))


def test_a_good_reply_is_praised_and_the_next_step_is_something_new() -> None:
    fb = analyze("oof, that sounds exhausting. what's been the hardest part?", share=MISS)
    assert fb.strengths
    labels = set(fb.labels)
    step = fb.strengths[0].suggestion
    assert not ("invite them to say more" in step and "question" in labels)


def test_a_sincere_oh_no_is_not_contempt() -> None:
    fb = analyze("oh no", share="The vet says Milo has a tumour.")
    assert "contempt" not in fb.labels


def test_every_message_points_at_a_span() -> None:
    fb = analyze("at least you have a job. anyway did you pay the gas bill?", share=STRESS)
    assert fb.messages and all(m.span is not None for m in fb.messages)
    for m in fb.messages:
        start, end = m.span  # type: ignore[misc]
        assert 0 <= start < end <= len(fb.text)


def test_the_natural_corpus_and_the_blind_set_meet_the_issue() -> None:
    from heard.coach.bench import blind_rows
    from heard.coach.labels import LABELS
    from heard.coach.train import TEMPLATE_SHARE, training_rows

    rows = natural_rows()
    assert len(rows) >= 6000
    for label in LABELS:
        assert sum(label in r.labels for r in rows) >= 400, label
    assert sum(len(r.labels) >= 2 for r in rows) >= 0.3 * len(rows)
    everything = training_rows()
    assert sum(r.source == "corpus" for r in everything) <= TEMPLATE_SHARE * len(everything) + 1
    blind = blind_rows()
    assert len(blind) >= 800
    seen = {
        (" ".join((r.share or "").lower().split()), " ".join(r.reply.lower().split())) for r in rows
    }
    for b in blind:
        assert (
            " ".join(b["share"].lower().split()),
            " ".join(b["reply"].lower().split()),
        ) not in seen
