"""The dataset, the shipped model file, the CLI and the docs writer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from heard.safety import bench, dataset
from heard.safety.cli import main
from heard.safety.model import MODEL_PATH, LinearModel


def test_dataset_size_and_balance() -> None:
    rows = dataset.load()
    labels = Counter(row.label for row in rows)
    assert len(rows) >= 1500
    for label in ("self_harm", "harm_to_others", "abuse"):
        assert labels[label] >= 300
    families = Counter(row.family for row in rows if row.label == "none")
    for family in dataset.HARD_NEGATIVE_FAMILIES:
        assert families[family] >= 60
    assert len({row.id for row in rows}) == len(rows)


def test_groups_never_straddle_the_split() -> None:
    sides: dict[str, set[str]] = {}
    for row in dataset.load():
        sides.setdefault(row.group, set()).add(row.split)
    assert all(len(s) == 1 for s in sides.values())


def test_dataset_file_matches_generator() -> None:
    assert [r.text for r in dataset.load()] == [r.text for r in dataset.generate()]


def test_model_file_is_plain_arrays() -> None:
    model = LinearModel.load(MODEL_PATH)
    assert model.coef.shape[0] == 4
    assert set(model.thresholds) == {"self_harm", "harm_to_others", "abuse"}


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


def test_no_cue_bars_are_saved_and_higher(tmp_path: Path) -> None:
    shipped = LinearModel.load(MODEL_PATH)
    assert set(shipped.no_cue_thresholds) <= {"self_harm", "abuse"}
    for label, bar in shipped.no_cue_thresholds.items():
        assert bar >= shipped.thresholds[label]
    path = tmp_path / "model.npz"
    shipped.save(path)
    assert LinearModel.load(path).no_cue_thresholds == shipped.no_cue_thresholds
    probs = {"none": 0.1, "self_harm": 0.0, "harm_to_others": 0.0, "abuse": 0.9}
    assert shipped.decide(probs, thresholds={}) == "none"
