"""The shipped model: a compact ``.npz`` (no pickle) read with numpy only.

Per label: a linear model over the features of :mod:`heard.coach.features`, a Platt
calibration and a decision threshold tuned on out-of-fold predictions.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from heard.coach.features import DENSE_NAMES, Featurizer
from heard.coach.labels import LABELS

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.npz"
MODEL_ENV = "HEARD_COACH_MODEL"
FORMAT = 1


class ModelError(RuntimeError):
    """The model file is missing or does not match this code."""


class Model:
    def __init__(
        self,
        featurizer: Featurizer,
        weights: np.ndarray,
        bias: np.ndarray,
        platt: np.ndarray,
        thresholds: np.ndarray,
        meta: dict[str, Any],
        primary: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.featurizer = featurizer
        self.weights = weights
        self.bias = bias
        self.platt = platt
        self.thresholds = thresholds
        self.meta = meta
        # The primary-label ranker: (weights (labels x labels), bias (labels)), a multinomial
        # model over log(probability / threshold); None in older files (then a fixed rule).
        self.primary = primary

    def predict(
        self,
        reply: str,
        share: str | None = None,
        vectors: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Calibrated probability for each label, in LABELS order."""
        idx, val = self.featurizer.transform(reply, share, vectors)
        raw = val @ self.weights[idx] + self.bias if idx.size else self.bias.copy()
        z = self.platt[:, 0] * raw + self.platt[:, 1]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def save(self, path: Path) -> None:
        f = self.featurizer
        arrays: dict[str, Any] = {}
        if self.primary is not None:
            arrays["primary_weights"] = self.primary[0].astype(np.float32)
            arrays["primary_bias"] = self.primary[1].astype(np.float32)
        np.savez_compressed(
            path,
            format=np.array(FORMAT),
            labels=np.array(LABELS),
            dense_names=np.array(DENSE_NAMES),
            word_terms=np.array(sorted(f.word_vocab, key=f.word_vocab.__getitem__)),
            word_idf=f.word_idf.astype(np.float32),
            char_terms=np.array(sorted(f.char_vocab, key=f.char_vocab.__getitem__)),
            char_idf=f.char_idf.astype(np.float32),
            encoder_dims=np.array(f.encoder_dims),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            platt=self.platt.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            meta=np.array(json.dumps(self.meta)),
            **arrays,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Model:
        path = Path(path or os.environ.get(MODEL_ENV) or MODEL_FILE)
        if not path.exists():
            raise ModelError(f"coach model not found at {path}; run `heard coach train`")
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT or tuple(data["labels"].tolist()) != LABELS:
                raise ModelError(f"{path} was trained for another version; retrain it")
            if tuple(data["dense_names"].tolist()) != DENSE_NAMES:
                raise ModelError(f"{path} has other features than this code; retrain it")
            word_terms = data["word_terms"].tolist()
            char_terms = data["char_terms"].tolist()
            featurizer = Featurizer(
                dict(zip(word_terms, range(len(word_terms)), strict=True)),
                data["word_idf"],
                dict(zip(char_terms, range(len(char_terms)), strict=True)),
                data["char_idf"],
                int(data["encoder_dims"]) if "encoder_dims" in data.files else 0,
            )
            return cls(
                featurizer,
                data["weights"],
                data["bias"],
                data["platt"],
                data["thresholds"],
                json.loads(str(data["meta"])),
                (data["primary_weights"], data["primary_bias"])
                if "primary_weights" in data.files
                else None,
            )


_lock = threading.Lock()
_model: Model | None = None


def get_model() -> Model:
    """The shipped model, loaded once on first use (thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model.load()
    return _model


def reset_model() -> None:
    """Forget the loaded model (tests, or after retraining)."""
    global _model
    with _lock:
        _model = None
