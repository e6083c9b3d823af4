from __future__ import annotations

import io
import json
import threading

import pytest

from heard.coach import (
    HABITS,
    LABELS,
    NEEDS,
    SKILLS,
    CoachInputError,
    Feedback,
    analyze,
    feelings,
    model,
)
from heard.coach.cli import main, run_jsonl

SHARE = "My manager yelled at me in front of a client today and I can't stop shaking."

CLEAR = {
    "reflection": "So your manager yelled at you in front of the client.",
    "feeling": "You must feel so humiliated.",
    "validation": "That makes complete sense.",
    "question": "What happened after that?",
    "support": "I'm here for you. I'm so sorry.",
    "self_disclosure": "I remember when my boss shouted at me in a meeting, I felt the same.",
    "advice": "You should report it to HR tomorrow.",
    "invalidation": "At least you still have a job.",
    "blame": "Honestly, it's your own fault, what did you expect?",
    "contempt": "Oh poor you. Cry me a river.",
    "defensiveness": "That's not my fault, I was only trying to help.",
    "deflection": "Anyway, did you see the game last night?",
}


def test_contract_names() -> None:
    assert set(LABELS) == set(SKILLS) | set(HABITS)
    assert len(LABELS) == 12
    assert NEEDS == ("listen", "comfort", "ideas")


@pytest.mark.parametrize("label", LABELS)
def test_each_label_on_a_clear_example(label: str) -> None:
    fb = analyze(CLEAR[label], share=SHARE, need="listen")
    assert label in fb.labels, (label, fb.probabilities)
    assert set(fb.probabilities) == set(LABELS)
    assert all(0.0 <= p <= 1.0 for p in fb.probabilities.values())


def test_feedback_shape_and_order() -> None:
    fb = analyze("That makes sense. You should just quit.", share=SHARE, need="listen")
    assert isinstance(fb, Feedback)
    kinds = [m.kind for m in fb.messages]
    assert kinds == sorted(kinds, key=lambda k: k != "strength"), "strengths come first"
    advice = next(m for m in fb.messages if m.label == "advice")
    assert advice.kind == "habit" and advice.suggestion
    start, end = advice.span  # type: ignore[misc]
    assert "quit" in fb.text[start:end]
    d = fb.to_dict()
    assert set(d) >= {"primary", "labels", "scores", "score", "feedback", "notes"}
    assert set(d["feedback"][0]) >= {"label", "message", "span", "suggestion"}
    assert 0 <= fb.score <= 100


def test_need_ideas_stops_advice_counting_against() -> None:
    reply = "You should ask your boss for a meeting."
    listen = analyze(reply, share=SHARE, need="listen")
    ideas = analyze(reply, share=SHARE, need="ideas")
    assert "advice" in listen.labels and "advice" in ideas.labels
    assert ideas.score > listen.score
    assert not any(m.label == "advice" and m.kind == "habit" for m in ideas.messages)
    assert any(m.label == "advice" and m.kind == "habit" for m in listen.messages)


def test_good_reply_scores_higher_than_harmful() -> None:
    good = analyze("It sounds like that was humiliating. Of course you're shaken.", share=SHARE)
    bad = analyze("Calm down, you're being so dramatic.", share=SHARE)
    assert good.score > bad.score
    assert bad.primary in HABITS


@pytest.mark.parametrize("bad", ["", "   \n\t", "\u200b\u200b", None, 42])
def test_empty_or_missing_is_a_clear_error(bad: object) -> None:
    with pytest.raises(CoachInputError) as err:
        analyze(bad)  # type: ignore[arg-type]
    assert str(err.value)


def test_unknown_need() -> None:
    with pytest.raises(CoachInputError, match="need"):
        analyze("That sounds hard.", need="fix-it")


def test_long_text_is_truncated_with_note() -> None:
    fb = analyze("That sounds so hard. " * 400)
    assert len(fb.text) == 5000
    assert any("5000" in n for n in fb.notes)


def test_non_english_gets_a_note() -> None:
    fb = analyze("Lo siento mucho, no sé qué decir pero estoy aquí contigo siempre.")
    assert any("language not supported" in n for n in fb.notes)
    fb = analyze("本当に大変だったね。話してくれてありがとう。")
    assert any("language not supported" in n for n in fb.notes)


@pytest.mark.parametrize(
    "odd",
    [
        "😢😢😢",
        "That\x00 sounds\x07 hard",
        "ｔｈａｔ ｓｏｕｎｄｓ ｈａｒｄ",
        "\ud800 broken",
        "?" * 50,
        "a",
    ],
)
def test_odd_unicode_never_crashes(odd: str) -> None:
    fb = analyze(odd, share=odd)
    assert 0 <= fb.score <= 100
    json.dumps(fb.to_dict())


def test_batch_format_with_a_bad_line() -> None:
    lines = [
        json.dumps({"id": "a", "reply": "What happened?", "share": SHARE, "need": "listen"}),
        "{not json",
        json.dumps({"id": "c", "reply": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 5, "reply": "You should quit.", "need": "ideas"}),
    ]
    out = io.StringIO()
    assert run_jsonl(io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(rows) == 5
    assert rows[0]["id"] == "a" and set(rows[0]) >= {
        "id",
        "primary",
        "labels",
        "scores",
        "score",
        "feedback",
    }
    assert "question" in rows[0]["labels"]
    assert set(rows[1]) == {"id", "error"} and set(rows[2]) == {"id", "error"}
    assert rows[2]["id"] == "c"
    assert "error" in rows[3]
    assert rows[4]["id"] == 5 and "advice" in rows[4]["labels"]


def test_cli_single_reply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["That sounds exhausting.", "--share", SHARE, "--need", "comfort"]) == 0
    assert "Listening score" in capsys.readouterr().out
    assert main([""]) == 2


def test_thread_safe_lazy_load(monkeypatch: pytest.MonkeyPatch) -> None:
    model.reset_model()
    calls = []
    real = model.Model.load

    def counting(path: object = None) -> model.Model:
        calls.append(1)
        return real()

    monkeypatch.setattr(model.Model, "load", staticmethod(counting))
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(id(model.get_model()))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(results)) == 1
    model.reset_model()


def test_feelings_vocabulary() -> None:
    words = feelings.all_words()
    assert len(words) >= 120 and len(set(words)) == len(words)
    fams = feelings.families()
    assert any(f.pleasant for f in fams) and any(not f.pleasant for f in fams)
    assert feelings.search("lonel")[0].word == "lonely"
    assert feelings.search("") == []


def test_corpus_meets_the_issue() -> None:
    from heard.coach import corpus

    rows = corpus.load()
    assert len(rows) >= 4000
    for label in LABELS:
        assert sum(1 for r in rows if label in r["labels"]) >= 250, label
    assert all({"id", "group", "share", "need", "reply", "labels"} <= set(r) for r in rows)


@pytest.mark.parametrize(
    "reply",
    [
        "I went through the same thing last year when my boss shouted at me",
        "I had a boss like that once. I used to dread Mondays.",
        "I've been there too, and it was lonely.",
    ],
)
def test_own_related_experience_is_not_defensive_or_deflecting(reply: str) -> None:
    fb = analyze(reply, share=SHARE)
    assert "self_disclosure" in fb.labels, fb.probabilities
    assert "defensiveness" not in fb.labels and "deflection" not in fb.labels, fb.labels


def test_self_disclosure_with_a_real_change_of_subject_is_still_deflection() -> None:
    fb = analyze("I went through that too. Anyway, did you see the game?", share=SHARE)
    assert "deflection" in fb.labels


@pytest.mark.parametrize(
    ("need", "says", "not_says"),
    [
        (None, "Unless they asked for ideas", "they asked to be heard"),
        ("listen", "they asked to be heard", "Unless they asked"),
        ("comfort", "they asked for comfort", "they asked to be heard"),
    ],
)
def test_advice_message_follows_the_need(need: str | None, says: str, not_says: str) -> None:
    fb = analyze("You should report it to HR tomorrow.", share=SHARE, need=need)
    advice = next(m for m in fb.messages if m.label == "advice")
    assert advice.kind == "habit"
    assert says in advice.message and not_says not in advice.message


def test_conversations_file_parses() -> None:
    from heard.coach import corpus

    blocks = corpus.load_conversations()
    assert len(blocks) >= 40
    assert sum(len(replies) for _, replies in blocks) >= 400
    rows = [r for r in corpus.load() if str(r["id"]).startswith("conv-")]
    assert len(rows) == sum(len(replies) for _, replies in blocks)


def test_the_dialogues_mirror_template_counts_as_reflection():
    feedback = analyze(
        "What I heard is that work has been piling up and you feel nobody notices. Did I get it?",
        share="Work keeps piling up and nobody notices how much I do.",
        need="listen",
    )
    assert "reflection" in feedback.labels


def test_the_corpus_file_is_what_its_data_files_compose() -> None:
    """Training reads data/corpus.jsonl; the text it is composed from lives in data files
    (templates.jsonl, scenarios.txt, ...), and the two must not drift apart."""
    from heard.coach import corpus

    assert corpus.FRAGMENTS and corpus.PATTERNS and corpus.NONE_REPLIES
    assert corpus.generate() == corpus.load()


def test_training_reports_grouped_cv_the_way_the_coach_decides() -> None:
    import numpy as np

    from heard.coach.labels import LABELS
    from heard.coach.train import Row, cv_report, format_cv

    thresholds = np.full(len(LABELS), 0.5)
    contempt, support = LABELS.index("contempt"), LABELS.index("support")
    rows = [
        Row("wow ok", "my cat died", "g1", {"contempt"}, source="natural", primary="contempt"),
        Row("here for you", "my cat died", "g1", {"support"}, source="natural", primary="support"),
        Row("noted", "my cat died", "g2", {"deflection"}, source="natural", primary="deflection"),
        Row("so sorry", None, "c1", {"support"}),  # not a natural row: left out of the figures
    ]
    oof = np.full((len(rows), len(LABELS)), 0.1)
    oof[0, contempt] = 0.9
    oof[1, support] = 0.9
    oof[1, contempt] = 0.7  # a false alarm, and the hurtful label then leads
    report = cv_report(rows, oof, thresholds)
    s = report["summary"]
    assert s["rows"] == 3
    assert s["f1"]["contempt"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["f1"]["support"] == 1.0 and s["f1"]["deflection"] == 0.0
    assert s["primary"] == pytest.approx(1 / 3, abs=1e-3)
    assert [e["reply"] for e in report["errors"]] == ["here for you", "noted"]
    assert report["errors"][0]["predicted_primary"] == "contempt"
    assert "macro-F1" in format_cv(report) and "contempt" in format_cv(report)


def test_the_primary_ranker_picks_among_skills_but_a_hurtful_habit_still_leads() -> None:
    import numpy as np

    from heard.coach.analyze import pick_primary
    from heard.coach.labels import LABELS

    th = dict.fromkeys(LABELS, 0.5)
    probs = dict.fromkeys(LABELS, 0.05)
    probs.update(reflection=0.7, validation=0.95)
    weights = np.eye(len(LABELS))
    bias = np.zeros(len(LABELS))
    bias[LABELS.index("reflection")] = 1.0  # a person leads with the mirror, not the "makes sense"
    ranker = (weights, bias)
    found = ["reflection", "validation"]
    assert pick_primary(probs, th, found, None) == "validation"  # the fixed rule: biggest ratio
    assert pick_primary(probs, th, found, None, ranker) == "reflection"
    # A hurtful habit leads whatever the ranker prefers, so a reply that hurts gets no praise.
    probs["contempt"] = 0.55
    bias[LABELS.index("reflection")] = 50.0
    assert pick_primary(probs, th, [*found, "contempt"], None, ranker) == "contempt"
    assert pick_primary(probs, th, [], None, ranker) == "none"


def test_grouped_cv_fits_the_primary_ranker_inside_the_folds() -> None:
    import numpy as np

    from heard.coach.labels import LABELS
    from heard.coach.train import Row, cv_report, fit_primary

    refl, val = LABELS.index("reflection"), LABELS.index("validation")
    rows, oof = [], []
    for n in range(80):
        lead = "reflection" if (n // 4) % 2 else "validation"
        rows.append(
            Row(
                f"reply {n}",
                "share",
                f"g{n % 4}",
                {"reflection", "validation"},
                source="natural",
                primary=lead,
            )
        )
        p = np.full(len(LABELS), 0.05)
        # validation always looks stronger; reflection leads where its probability is high
        p[val] = 0.99
        p[refl] = 0.95 if lead == "reflection" else 0.15
        oof.append(p)
    oof_arr = np.array(oof)
    th = np.full(len(LABELS), 0.1)
    fixed = cv_report(rows, oof_arr, th)["summary"]["primary"]
    nested = cv_report(rows, oof_arr, th, np.arange(80) % 4)["summary"]["primary"]
    assert fixed == 0.5 and nested == 1.0
    w, b = fit_primary(np.log(oof_arr / th), [r.primary or "none" for r in rows])
    assert w.shape == (len(LABELS), len(LABELS)) and b[LABELS.index("contempt")] < -100


def test_finding_the_sentence_a_label_is_about_runs_no_encoder_of_its_own() -> None:
    """The reply's sentences are read from the reply's own run (its token states pooled per
    sentence), not encoded again one by one."""
    from heard import nlp
    from heard.nlp.tests.test_encoder import counted_runs

    encoder = nlp.get_encoder()
    assert encoder is not None
    share = "Work has been relentless and I barely see anyone, I miss our evenings."
    reply = "Oh no. That sounds so lonely, being stuck there every night."
    with encoder._cache_lock:
        encoder._cache.clear()
        encoder._states.clear()
    with counted_runs() as runs:
        feedback = analyze(reply, share=share, need="listen")
    assert sum(runs) == 2  # the reply and the share, nothing per sentence
    spans = [m.span for m in feedback.messages if m.label in ("reflection", "feeling")]
    assert spans and all(
        s is not None and reply[s[0] : s[1]].startswith("That sounds") for s in spans
    )


def test_a_part_of_a_text_reads_like_that_part() -> None:
    from heard import nlp

    text = "The boiler broke again this morning. I miss you so much it hurts."
    parts = [(0, 36), (37, len(text))]
    pooled = nlp.encode_parts(text, parts)
    assert pooled is not None and pooled.shape == (2, nlp.DIM)
    alone = nlp.encode(["I miss you so much it hurts.", "The boiler broke again this morning."])
    assert alone is not None
    # Each part is nearer its own sentence than the other one.
    assert float(pooled[1] @ alone[0]) > float(pooled[1] @ alone[1])
    assert float(pooled[0] @ alone[1]) > float(pooled[0] @ alone[0])
