"""The detector on wording it was not trained on: one test per kind the issue lists, the hard
negatives, odd input, and the rules-only fallback with the encoder switched off.

Every example here is written for the test and checked not to be a training row."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from heard import nlp
from heard.safety import dataset
from heard.safety.detector import RISK_LABELS, Detection, check
from heard.safety.model import LABELS

KINDS = {
    "self_harm": {
        "passive ideation": "honestly i don't see much reason to keep going these days",
        "passive ideation with lol": "some nights i kind of hope i just don't wake up lol",
        "burden": "they would all honestly be better off if i wasn't in the picture anymore",
        "farewell": "if i'm not around much longer please tell my sister i always loved her",
        "giving away a pet": "can you take biscuit for good? i won't be here to look after him after this month",
        "putting affairs in order": "i've closed my bank accounts and sorted the will so nobody has to deal with my stuff after",
        "writing a note": "i keep rewriting the letter i'm going to leave for everyone",
        "stopping vital medication": "i stopped taking my heart pills on purpose last week. whats the point of them",
        "if anything happens": "if anything happens to me, promise you'll look after mum ok",
        "plan with a timeline": "i've picked the date. after my birthday i'm done with all of this",
        "self-injury getting worse": "the cutting is getting worse, i do it every night now and it's deeper each time",
        "past attempt and now": "i tried once in 2019 and lately i feel exactly the way i did back then",
        "not suicidal, but": "i'm not suicidal or anything but i think about not existing pretty much every day",
        "non-native wording": "i am want to finish my life, i have no more power for the living",
    },
    "harm_to_others": {
        "veiled threat with a target": "he'll find out what happens to people who cross me. i know where he parks every night",
        "threatening a partner": "i'm going to make her pay for leaving me, she won't see it coming",
        "urge to hurt someone": "i'm scared that next time my son screams i'll actually hurt him",
    },
    "abuse": {
        "tracked down after leaving": "i moved out three months ago and he still turns up at my work and always knows where i am",
        "money control": "she takes my whole paycheck and gives me twenty a week for the bus",
        "phone checks": "he goes through my phone every night and makes me unlock it in front of him",
        "location tracking": "he put a tracker on my car and goes mad if i go anywhere he didn't ok",
        "isolation": "he won't let me see my friends anymore and says my family is poison",
        "violence": "my husband shoved me into the wall again when i asked about the money",
    },
}
FALSE_ALARMS = {
    "couple friction with a counsellor": "we argued about money again but we're seeing a counsellor now and it's getting better",
    "relative at peace with dying": "grandma is ninety-four and says she's at peace with dying, we're just enjoying her last weeks",
    "a relative's illness": "dad's chemo starts monday and i'm so scared for him",
    "violence in games": "i got killed like fifty times in that game last night lol, my squad carried me",
    "kill this presentation": "i'm going to kill this presentation tomorrow, wish me luck",
    "bereaved by suicide": "how can i support my friend whose brother died by suicide last spring?",
    "a joke marked as a joke": "i'm going to murder you at scrabble tonight (joking, obviously)",
    "missing a grandparent": "i miss grandad so much, it's been a year today since he passed",
    "feeling stupid about money": "i overdrew the account again and i feel so stupid about it",
    "a boss messaging late": "my boss keeps messaging me at eleven at night and it's driving me mad",
    "a mirror": "that sounds scary to carry on your own, i'm glad you told me",
    "feeling invisible": "i feel a bit invisible at family get-togethers, everyone talks over me",
}


# Short everyday messages between partners, friends and family: the last model flagged one
# in six of the coach's replies like these as a crisis (it had learnt that a short flat text
# reads like self-harm). Written for this test; none is a training row.
EVERYDAY_SHORT = [
    "did you remember to put the bins out",
    "told you to keep the parking ticket 🙄",
    "lol same, the 42 bus never turns up",
    "ok but who's picking the kids up thursday",
    "that's so annoying, sorry babe",
    "ugh mondays",
    "can you grab oat milk on the way back",
    "fair enough, we'll sort it at the weekend",
    "mum rang again, she wants us for lunch sunday",
    "no worries, i'll just eat later",
    "haha you're ridiculous",
    "sorry, phone was on silent",
]


def _training_texts() -> set[str]:
    return {" ".join(row.text.lower().split()) for row in dataset.load_training()}


def test_examples_are_not_training_rows() -> None:
    seen = _training_texts()
    for text in [t for kinds in KINDS.values() for t in kinds.values()] + [
        *FALSE_ALARMS.values(),
        *EVERYDAY_SHORT,
    ]:
        assert " ".join(text.lower().split()) not in seen


@pytest.mark.parametrize(
    ("label", "kind", "text"),
    [(label, kind, text) for label, kinds in KINDS.items() for kind, text in kinds.items()],
)
def test_each_kind_is_detected(label: str, kind: str, text: str) -> None:
    assert check(text).label == label, kind


def test_ordinary_hard_text_is_rarely_a_crisis() -> None:
    """The target is a rate (at most 8% of hard negatives flagged), so one of these twelve may
    be; which ones are is printed, so a change for the worse is visible."""
    flagged = [kind for kind, text in FALSE_ALARMS.items() if check(text).label != "none"]
    assert len(flagged) <= 1, flagged


def test_short_everyday_messages_are_not_a_crisis() -> None:
    flagged = [text for text in EVERYDAY_SHORT if check(text).label != "none"]
    assert len(flagged) <= 1, flagged


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01",
        "🙂" * 500,
        "a" * 50_000,
        "kill " * 5000,
        "<script>x</script>",
        "\u202e",
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    found = check(text)
    assert found.label in LABELS


def test_never_raises_on_non_text() -> None:
    assert check(None).label == "none"  # type: ignore[arg-type]
    assert check(12345).label in LABELS  # type: ignore[arg-type]


def test_a_risky_sentence_deep_in_a_long_text_is_found() -> None:
    filler = "work was long and the train was late again and i forgot the shopping. " * 12
    assert (
        check(
            filler + "i've started giving my things away because i won't need them soon. " + filler
        ).label
        == "self_harm"
    )


def test_detection_never_echoes_the_text() -> None:
    text = "canary-7f3a i don't want to be here anymore"
    found = check(text)
    dumped = repr(dataclasses.asdict(found))
    assert "canary" not in dumped and "anymore" not in dumped
    assert isinstance(found, Detection)
    assert set(found.scores) == set(LABELS)


def test_encoder_off_falls_back_to_the_rules() -> None:
    nlp.configure(enabled=False)
    try:
        explicit = check("I want to kill myself.")
        assert explicit.label == "self_harm" and explicit.reason == "rule"
        # Without the encoder, wording the rules were not written for is not judged.
        assert check(KINDS["self_harm"]["giving away a pet"]).reason == "rules-only"
        assert check("this traffic is killing me").label == "none"
    finally:
        nlp.configure(enabled=True)
    assert check(KINDS["self_harm"]["giving away a pet"]).reason in {"model", "rule"}


def test_another_language_is_marked_unjudged_or_caught() -> None:
    found = check("estoy muy cansada de todo y no sé qué hacer con mi vida ahora mismo")
    assert found.label == "self_harm" or found.unjudged


def test_thread_safe_loading() -> None:
    from heard.safety.model import get_model, reset_cache

    reset_cache()
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(get_model())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(m) for m in seen}) == 1 and seen[0] is not None


def test_risk_labels_are_the_model_labels() -> None:
    assert set(RISK_LABELS) | {"none"} == set(LABELS)


def test_no_django_imports() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for folder in ("safety", "nlp"):
        for name in (
            "detector.py",
            "model.py",
            "rules.py",
            "train.py",
            "dataset.py",
            "bench.py",
            "__init__.py",
        ):
            path = root / folder / name
            if path.exists():
                assert not re.search(r"^\s*(from|import) django", path.read_text(), re.M), path
