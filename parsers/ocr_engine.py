"""The offline OCR engine: rapidocr on onnxruntime, with the PP-OCR models its wheel ships.

Its PP-OCRv6 recogniser reads Simplified and Traditional characters alike (the older bundled
model had no 項, 稱 or 儲 in its character set). The models are loaded from the installed
package by path, so the engine never fetches one; a missing model is an error, not a download.
Two calls: `detect` finds and reads the text lines of an image, `recognise` reads one line
already cut out (a line of a table cell: no detection needed).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

Box = tuple[float, float, float, float, str, float]  # x0, y0, x1, y1, text, confidence

MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}
DET_MAX_SIDE = 2000  # pixels
TEXT_SCORE = 0.5  # lines read with a lower confidence are dropped, as the engine drops them

# The gap that typesetting leaves between Chinese and Latin characters (5G 基站) is read as a
# space, which the text has not: a space next to a Chinese character is dropped.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_GAP = re.compile(f"(?<=[{_CJK}])\\s+|\\s+(?=[{_CJK}])")

_engine: list[Any] = []


def _text(read: Any) -> str:
    return _GAP.sub("", str(read)).strip()


def model_paths() -> dict[str, Path]:
    """The engine's models inside the installed package, by stage ("Det", "Rec")."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise ImportError("the OCR engine (rapidocr) is not installed")
    folder = Path(spec.origin).parent / "models"
    paths = {stage: folder / name for stage, name in MODELS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ImportError(f"the OCR engine's models are missing: {', '.join(missing)}")
    return paths


def _get() -> Any:
    if not _engine:
        from rapidocr import RapidOCR

        params: dict[str, Any] = {
            f"{stage}.model_path": str(path) for stage, path in model_paths().items()
        }
        params |= {
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Global.text_score": TEXT_SCORE,
            # no image is enlarged for detection (by default its shorter side is made 736
            # pixels: a strip of a page above its table became many thousands wide), and
            # only one larger than a page at 150 dpi (1754 pixels tall) is reduced
            "Det.limit_type": "max",
            "Det.limit_side_len": DET_MAX_SIDE,
        }
        _engine.append(RapidOCR(params=params))
    return _engine[0]


def _run(image: Any, *, use_det: bool) -> Any:
    # every call says which stages run: a call's choice stays with the engine for the next
    try:
        return _get()(image, use_det=use_det, use_cls=False, use_rec=True)
    except Exception as exc:  # onnxruntime's RuntimeException: std::bad_alloc under a limit
        if "bad_alloc" in str(exc):
            raise MemoryError("the OCR engine ran out of memory") from exc
        raise


def detect(image: Any, left: float = 0, top: float = 0) -> list[Box]:
    """The text lines found in an image (a 2-D grey array), at their place on the page when the
    image is cut from it at (`left`, `top`)."""
    result = _run(image, use_det=True)
    if result.boxes is None or result.txts is None or result.scores is None:
        return []
    boxes: list[Box] = []
    for points, text, confidence in zip(result.boxes, result.txts, result.scores, strict=True):
        xs = [float(p[0]) + left for p in points]
        ys = [float(p[1]) + top for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys), _text(text), float(confidence)))
    return boxes


def recognise(line: Any) -> tuple[str, float]:
    """One line of text cut out of a page (a 2-D grey array): its text and confidence."""
    result = _run(line, use_det=False)
    if not result.txts or not result.scores:
        return "", 0.0
    return _text(result.txts[0]), float(result.scores[0])
