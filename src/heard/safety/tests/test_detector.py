"""The detector: each risk class, each hard-negative family, and odd input."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from heard.safety import rules
from heard.safety.detector import RISK_LABELS, Detection, check
from heard.safety.model import LABELS, normalise

SELF_HARM = [
    "I want to kill myself.",
    "I've been hurting myself again and hiding it from you.",
    "I don't want to be alive anymore.",
    "I can't keep myself safe tonight.",
    "Everyone would be better off without me.",
    "everyone would be better off without me",
    "i dont want to be here anymore",
    "I keep hoping I won't wake up tomorrow.",
    "I'm not okay. I keep thinking about not being alive anymore.",
]
HARM_TO_OTHERS = [
    "I'm going to hurt him when he gets home, I mean it.",
    "I'm scared I'll hit my wife next time we fight.",
    "I hit my girlfriend last night and I'm scared I'll do it again.",
    "I'm scared of what I'll do to him if he does that again.",
    "I'm going to kill him, I mean it.",
]
ABUSE = [
    "My husband hits me when he's been drinking.",
    "My partner said he'd kill me if I ever left.",
    "She won't let me see my friends and takes my whole paycheck.",
    "I'm scared of my boyfriend.",
    "I'm afraid to go home tonight.",
    "he checks my phone and won't let me see my friends",
    "I'm scared my boyfriend will hurt me tonight.",
    "Every time I disagree with my dad I end up getting hurt.",
    "im scared to go home tonight, he's in one of his moods",
    "Dad lashes out at me whenever he's had a bad day.",
]
HARD_NEGATIVES = {
    "idiom": [
        "This traffic is killing me.",
        "I'm dying to see that film with you.",
        "My feet are killing me after the hike.",
        "I could murder a pizza right now.",
        "You're going to kill me when you see what I spent lol.",
        "this week is killing me",
        "Dying to see you this weekend!",
        "I could kill for a coffee.",
        "My boss will murder me if this is late.",
        "dead tired, going to bed",
        "I want to disappear under a blanket for a week.",
        "My phone's about to die, call you later.",
    ],
    "negation": [
        "I'm not suicidal, just tired.",
        "I would never hurt myself, I just need sleep.",
        "My partner has never hurt me and never would.",
        "I'm not scared of my husband, I'm just annoyed with him.",
        "not suicidal, just exhausted",
        "I don't want to die, I want things to change.",
        "Nobody is hurting me, I promise, it's just a rough week.",
    ],
    "resolved_history": [
        "Years ago I used to self-harm. I'm doing well now.",
        "My ex used to control my money, but that was a decade ago and I'm safe now.",
        "When I was a teenager I thought about suicide; therapy helped and I'm okay now.",
        "I used to self-harm years ago, I've been well for a long time.",
    ],
    "media_news": [
        "In the film the main character wants to kill himself and his brother saves him.",
        "We watched a documentary about domestic violence last night.",
        "The news about the shooting downtown was awful.",
        "The film follows a man who plans to kill his brother for the inheritance.",
        "A man was stabbed outside the station last night, police said.",
    ],
    "worry_for_other": [
        "I'm worried about my sister, she said she feels hopeless. How can I support her?",
        "My friend told me her boyfriend hits her. How do I help?",
        "I think my roommate might be self-harming, how do I bring it up?",
        "I'm worried my brother might hurt himself.",
    ],
    "everyday": [
        "I love you even when you steal the blanket.",
        "Thank you for listening last night, it really helped.",
        "I hurt my ankle at football, nothing serious.",
        "It hurt my feelings when you forgot our anniversary.",
        "I killed the spider in the bath, you're welcome.",
        "My brother beat me at chess again.",
        "The deadline is killing my weekend plans.",
        "He controls the TV remote like it's his job.",
        "I'm scared of spiders, can you come and help?",
        "I was hurt that she forgot my birthday.",
        "My boss won't let me leave early on Friday.",
    ],
}


@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm(text: str) -> None:
    assert check(text).label == "self_harm"


@pytest.mark.parametrize("text", HARM_TO_OTHERS)
def test_harm_to_others(text: str) -> None:
    assert check(text).label == "harm_to_others"


@pytest.mark.parametrize("text", ABUSE)
def test_abuse(text: str) -> None:
    assert check(text).label == "abuse"


@pytest.mark.parametrize(
    ("family", "text"),
    [(family, text) for family, texts in HARD_NEGATIVES.items() for text in texts],
)
def test_hard_negatives_stay_none(family: str, text: str) -> None:
    result = check(text)
    assert result.label == "none", f"{family}: {result}"
    assert not result.is_risk


@pytest.mark.parametrize(
    ("family", "text"),
    [
        ("negation", "I'm not suicidal, just tired."),
        ("idiom", "lol I'll kill you if you spoil the finale"),
        ("media_news", "The character in the film says I want to die."),
        ("worry_for_other", "My friend said 'I want to kill myself' and I'm scared for her."),
        ("resolved_history", "Years ago I used to hurt myself, but I'm doing well now."),
    ],
)
def test_rule_guards(family: str, text: str) -> None:
    hits = rules.evaluate(normalise(text))
    assert hits, "the pattern should match so the guard is exercised"
    assert all(hit.guard == family for hit in hits)


@pytest.mark.parametrize(
    "text",
    ["this week is killing me", "I'm dying to see you", "I could murder a pizza", "dead tired"],
)
def test_idioms_carry_no_risk_cue(text: str) -> None:
    assert not rules.has_risk_cue(normalise(text))


@pytest.mark.parametrize(
    "text",
    ["I wish I wouldn't wake up", "I don't want to be here anymore", "he won't let me leave"],
)
def test_negated_existence_is_still_a_cue(text: str) -> None:
    assert rules.has_risk_cue(normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01",
        "🙂" * 5000,
        "x" * 200_000,
        "I want to kill myself " * 10_000,
        "ＩＷＡＮＴ　ｔｏ　ｄｉｅ",
        "\ud800 lone surrogate",
        "مرحبا كيف حالك",
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    result = check(text)
    assert isinstance(result, Detection)
    assert result.label in LABELS
    assert set(result.scores) == set(LABELS)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())


def test_long_text_still_detected() -> None:
    text = "We had a lovely day at the beach. " * 300 + "I want to kill myself."
    assert check(text).label == "self_harm"


def test_detection_contract() -> None:
    result = check("I want to kill myself")
    assert dataclasses.is_dataclass(result)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.label = "none"  # type: ignore[misc]
    assert result.is_risk and result.label in RISK_LABELS
    assert "kill" not in result.reason
    assert check("").label == "none"
    assert check("").is_risk is False


def test_thread_safe_loading() -> None:
    from heard.safety.model import get_model, reset_cache

    reset_cache()
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(get_model())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(m) for m in seen}) == 1


def test_no_django_imports() -> None:
    import re
    from pathlib import Path

    import heard.safety.detector

    root = Path(heard.safety.detector.__file__).parent
    for name in ("detector.py", "rules.py", "model.py", "resources.py", "fragments.py"):
        source = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:import|from) django", source, re.MULTILINE), name


def test_texting_contractions_are_restored() -> None:
    assert normalise("im scared and i dont know what to do") == (
        "i'm scared and i don't know what to do"
    )
