"""The shared encoder: loads once, encodes in batches, is encoded once per text, can be off."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from heard import nlp


def test_vectors_are_unit_length_and_carry_meaning() -> None:
    vectors = nlp.encode(
        ["i feel so alone lately", "i've been really lonely these days", "the bus was late"]
    )
    assert vectors is not None and vectors.shape == (3, nlp.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.2


@contextlib.contextmanager
def counted_runs() -> Iterator[list[int]]:
    """The encoder's model runs while the block runs (one batch size per run)."""
    encoder = nlp.get_encoder()
    assert encoder is not None
    runs: list[int] = []
    original = encoder._run

    def counting(windows: list[list[int]], states: list[np.ndarray] | None = None) -> np.ndarray:
        runs.append(len(windows))
        return original(windows, states)

    encoder._run = counting  # type: ignore[method-assign]
    try:
        yield runs
    finally:
        encoder._run = original  # type: ignore[method-assign]


def test_a_text_is_encoded_once_when_two_readers_ask() -> None:
    with counted_runs() as runs:
        text = "a text that both the coach and the crisis detector read in one request"
        first = nlp.encode([text])
        second = nlp.encode([text])
    assert runs == [1]
    assert first is not None and second is not None and np.array_equal(first, second)


def test_mean_max_pooling_keeps_a_strong_phrase_in_a_long_text() -> None:
    filler = "we did the shopping and then watched a film and made pasta for tea. "
    texts = [
        filler * 3 + "i want to disappear for good.",
        filler * 3,
        "i want to disappear for good.",
    ]
    with counted_runs() as runs:
        both = nlp.encode(texts, pooling="mean_max")
        mean = nlp.encode(texts)
    assert sum(runs) == 3  # the mean vectors came from the same run(s)
    assert both is not None and mean is not None and both.shape == (3, 2 * nlp.DIM)
    assert np.allclose(both[:, : nlp.DIM], mean)
    assert np.allclose(np.linalg.norm(both[:, nlp.DIM :], axis=1), 1.0, atol=1e-4)
    peak = both[:, nlp.DIM :]
    # The long text's peak vector carries the phrase it holds: closer to it than the same
    # filler without the phrase.
    assert float(peak[0] @ peak[2]) > float(peak[1] @ peak[2]) + 0.1


def test_an_unknown_pooling_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="pooling"):
        nlp.encode(["x"], pooling="cls")


def test_a_long_text_costs_one_bounded_window() -> None:
    encoder = nlp.get_encoder()
    assert encoder is not None
    assert len(encoder._window("one more long sentence about the week. " * 400)) == nlp.MAX_TOKENS


def test_loading_is_thread_safe() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(nlp.get_encoder())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(x) for x in seen}) == 1


def test_switched_off_it_returns_nothing() -> None:
    nlp.configure(enabled=False)
    try:
        assert nlp.get_encoder() is None
        assert nlp.encode(["anything"]) is None
    finally:
        nlp.configure(enabled=True)
    assert nlp.get_encoder() is not None


def test_the_cache_keeps_no_text() -> None:
    encoder = nlp.get_encoder()
    assert encoder is not None
    nlp.encode(["canary-91c2 private words"])
    assert all(isinstance(key, bytes) and b"canary" not in key for key in encoder._cache)


def test_the_token_states_kept_for_parts_hold_no_text_stay_few_and_never_cross() -> None:
    """SECURITY.md promise 6: the token states kept so a sentence needs no run of its own
    are keyed by digest, hold numbers only, are bounded, and are never handed over."""
    encoder = nlp.get_encoder()
    assert encoder is not None
    text = "canary-53ab my private words. and a second sentence"
    nlp.encode([text])
    key = encoder._key(text)
    assert key in encoder._states
    for digest, (hidden, offsets) in encoder._states.items():
        assert isinstance(digest, bytes) and len(digest) == 16
        assert hidden.dtype == np.float32 and offsets.dtype == np.int32
    for n in range(nlp.STATES_SIZE + 5):
        nlp.encode([f"another short text number {n}"])
    assert len(encoder._states) == nlp.STATES_SIZE
    # Between processes only the pooled vector goes, never the states.
    nlp.encode([text])
    handed = nlp.known([text])
    assert [v.shape for v in handed.values()] == [(2 * nlp.DIM,)]


def test_weights_that_do_not_match_the_pin_are_refused(tmp_path, monkeypatch) -> None:
    changed = tmp_path / "model.onnx"
    data = bytearray(nlp.MODEL_PATH.read_bytes())
    data[-1] ^= 1
    changed.write_bytes(bytes(data))
    monkeypatch.setattr(nlp, "MODEL_PATH", changed)
    try:
        nlp.Encoder()
    except RuntimeError as error:
        assert "sha256" in str(error)
    else:
        raise AssertionError("changed weights were loaded")


def test_the_shipped_weights_multiply_in_int8(tmp_path) -> None:
    """The products run as int8 (int8 kernels), not as float32 after unpacking the weights:
    that is where the encoder's speed comes from (scripts/quantize_encoder.py)."""
    import json

    import onnxruntime as ort

    options = ort.SessionOptions()
    options.enable_profiling = True
    options.profile_file_prefix = str(tmp_path / "profile")
    options.log_severity_level = 3
    session = ort.InferenceSession(str(nlp.MODEL_PATH), options, providers=["CPUExecutionProvider"])
    ids = np.array([[101, 2023, 2003, 1037, 3231, 102]], dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    if "token_type_ids" in {i.name for i in session.get_inputs()}:
        feed["token_type_ids"] = np.zeros_like(ids)
    session.run(None, feed)
    events = json.loads(Path(session.end_profiling()).read_text())
    ops = {e["args"].get("op_name") for e in events if e.get("cat") == "Node"}
    # onnxruntime fuses the quantize-and-multiply steps; whichever form it picks is int8.
    assert ops & {"MatMulInteger", "DynamicQuantizeMatMul", "MatMulIntegerToFloat"}, ops


def test_vectors_handed_over_are_not_encoded_again() -> None:
    """What one process of the app encoded, another keeps (by digest) and does not re-run."""
    encoder = nlp.get_encoder()
    assert encoder is not None
    text = "handed over between the coach and the app, just once please"
    with encoder._cache_lock:
        encoder._cache.clear()
    vectors = encoder.encode([text], pooling="mean_max")
    handed = nlp.known([text, "a text nobody has encoded yet"])
    assert list(handed) == [encoder._key(text)]
    # What crosses between processes is a 16-byte digest and numbers, never the text.
    assert all(len(key) == 16 for key in handed)
    assert text.encode() not in b"".join([*handed, *(v.tobytes() for v in handed.values())])
    with encoder._cache_lock:
        encoder._cache.clear()
    nlp.absorb(handed)
    with counted_runs() as runs:
        again = nlp.encode([text], pooling="mean_max")
    assert runs == [] and again is not None and np.allclose(again, vectors)
    nlp.absorb({b"short": np.zeros(3, dtype=np.float32)})  # malformed entries are dropped
    assert nlp.known([text]).keys() == handed.keys()


def test_a_short_text_is_not_padded_to_a_long_one() -> None:
    """A reply read beside a long share runs apart from it: padding the reply to the share's
    width cost more than two runs. Batches still form for texts of similar length."""
    encoder = nlp.get_encoder()
    assert encoder is not None
    short = "oof, that sounds like a lot"
    long = " ".join(["the week started badly and then the boiler broke again on thursday"] * 4)
    similar = ["that sounds so hard", "that sounds really hard", "ugh that sounds hard"]
    widths: list[list[int]] = []
    run = encoder._run

    def spy(windows: list[list[int]], states: list[np.ndarray] | None = None) -> np.ndarray:
        widths.append([len(w) for w in windows])
        return run(windows, states)

    with encoder._cache_lock:
        encoder._cache.clear()
    encoder._run = spy  # type: ignore[method-assign]
    try:
        together = encoder.encode([short, long, *similar])
    finally:
        del encoder._run
    assert len(widths) == 2  # the three similar ones together, the long one apart
    for batch in widths:
        assert max(batch) <= nlp.PAD_SLACK * min(batch) + nlp.PAD_TOKENS
    with encoder._cache_lock:
        encoder._cache.clear()
    alone = np.vstack([encoder.encode([text]) for text in [short, long, *similar]])
    # The same vectors, up to int8 rounding: dynamic quantization scales each run's
    # activations by that run's own range.
    assert float(np.min(np.sum(together * alone, axis=1))) > 0.97
