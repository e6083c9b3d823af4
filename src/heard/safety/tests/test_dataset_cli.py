"""The data files, the shipped model file, the CLI and the docs writer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from heard.safety import bench, dataset
from heard.safety.cli import main
from heard.safety.model import MODEL_PATH, SafetyModel


def test_training_rows_are_natural_and_big_enough() -> None:
    rows = dataset.load_training()
    labels = Counter(row.label for row in rows)
    assert len(rows) >= 3000
    for label in ("self_harm", "harm_to_others", "abuse"):
        assert labels[label] >= 600
    assert len({row.group for row in rows}) >= 20  # batches for grouped cross-validation


def test_blind_sets_are_frozen_and_apart_from_training() -> None:
    training = {" ".join(r.text.lower().split()) for r in dataset.load_training()}
    natural = dataset.load_blind("natural")
    ordinary = dataset.load_blind("ordinary")
    assert len(natural) >= 600 and len(ordinary) >= 500
    assert all(r.label == "none" for r in ordinary)
    for row in [*natural, *ordinary, *dataset.load_blind("multilingual")]:
        assert " ".join(row.text.lower().split()) not in training


def test_the_coachs_shares_and_replies_train_as_everyday_text_less_the_excluded(
    tmp_path: Path,
) -> None:
    coach = tmp_path / "coach"
    coach.mkdir()
    row = '{{"id": "{i}", "share_id": "s1", "share": "work was long today", "reply": "{r}", '
    row += '"labels": [], "primary": "none", "batch": "b1"}}\n'
    (coach / "a.jsonl").write_text(
        row.format(i="c1", r="oof, come here")
        + row.format(i="c2", r="ok. did you get milk")
        + row.format(i="c3", r="left out"),
        encoding="utf-8",
    )
    excluded = tmp_path / "excluded.txt"
    excluded.write_text("# comment\nreply c3\n", encoding="utf-8")
    rows = dataset.everyday_rows(coach, excluded)
    # the share once, then each reply not excluded
    assert [r.text for r in rows] == [
        "work was long today",
        "oof, come here",
        "ok. did you get milk",
    ]
    assert all(r.label == "none" and r.ordinary for r in rows)
    assert {r.group for r in rows} == {"coach-a-b1"}
    assert [r.kind for r in rows] == ["dialogue_share", "dialogue_reply", "dialogue_reply"]
    shipped = dataset.load_training()
    assert sum(r.kind == "dialogue_reply" and r.id.startswith("coach-") for r in shipped) >= 5000
    assert all(r.label == "none" for r in shipped if r.id.startswith("coach-"))


def test_a_bad_row_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(
        '{"id": "a", "text": "fine", "label": "none", "batch": "b"}\n'
        '{"id": "b", "text": "oops", "label": "sad", "batch": "b"}\n',
        encoding="utf-8",
    )
    with pytest.raises(dataset.DatasetError, match=r"x.jsonl:2: unknown label"):
        dataset.load_training(tmp_path)


def test_model_file_is_plain_arrays_and_round_trips(tmp_path: Path) -> None:
    model = SafetyModel.load(MODEL_PATH)
    assert model.coef.shape[0] == 4 and model.emb_coef.shape == (4, 2 * 384)
    assert model.pooling == "mean_max"
    assert set(model.thresholds) == {"self_harm", "harm_to_others", "abuse"}
    copy = tmp_path / "model.npz"
    model.save(copy)
    again = SafetyModel.load(copy)
    assert again.thresholds == model.thresholds
    assert np.array_equal(again.emb_coef, model.emb_coef)


def test_cli_check(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "this traffic is killing me"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("label: none")
    assert "killing" not in out


def test_write_docs_keeps_other_sections(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n<!-- coach:start -->\ncoach\n<!-- coach:end -->\n\n"
        f"{bench.START}\nold\n{bench.END}\ntail\n",
        encoding="utf-8",
    )
    bench.write_docs("new figures", doc)
    text = doc.read_text(encoding="utf-8")
    assert "coach\n<!-- coach:end -->" in text and "tail" in text
    assert "new figures" in text and "old" not in text
    fresh = tmp_path / "none.md"
    bench.write_docs("figures", fresh)
    assert bench.START in fresh.read_text(encoding="utf-8")


def test_bench_says_when_a_target_is_missed() -> None:
    figures = bench.SetFigures(
        rows=10,
        classes={
            "self_harm": (0.9, 0.5, 4),
            "harm_to_others": (1.0, 1.0, 2),
            "abuse": (1.0, 1.0, 2),
        },
        false_alarm=0.2,
        none_rows=2,
    )
    result = bench.BenchResult({"natural": figures}, {}, "", 5.0, 50.0, 1.0, 100.0, True)
    text = bench.render(result)
    assert "self_harm" in text and text.count("**MISSED**") >= 3  # recall, false alarms, p95
