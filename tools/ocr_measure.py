"""Measure OCR on the sample bulletin: its PDF rendering rasterised at 150 dpi, straight and as a
grey, slightly turned scan, read with `--ocr` against the text layer's reading.

    python tools/ocr_measure.py [PAGES]      (needs the OCR extra: pip install 'bulletins[ocr]')

Prints, per variant: seconds per page, the share of table cells read exactly (after folding
whitespace), and how many items have the right name once both sides are in Simplified.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_formats import DPI, SAMPLE, page_images, scanned

from parsers import read_document
from parsers.ocr_reader import OCR_ENV
from pipeline.run.ingest import parse_file
from pipeline.text.script import norm_text, to_simplified


def _cells(path: Path) -> list[str]:
    return [norm_text(c.text) for t in read_document(path).tables for c in t.cells if c.text]


def measure(images: list[object], label: str, truth: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        scan = Path(work) / f"{label}.pdf"
        first, *rest = images
        first.save(scan, "PDF", resolution=DPI, save_all=True, append_images=rest)  # type: ignore[attr-defined]
        started = time.perf_counter()
        parsed = parse_file(scan)
        seconds = (time.perf_counter() - started) / len(images)
        expected = _cells(truth)
        found = _cells(scan)
    exact = sum((Counter(found) & Counter(expected)).values())  # each cell of the truth once
    names = {i.seq: to_simplified(norm_text(i.name)) for i in parse_file(truth).items}
    right = sum(1 for i in parsed.items if names.get(i.seq) == to_simplified(norm_text(i.name)))
    print(
        f"{label}: {seconds:.1f} s a page; {exact}/{len(expected)} cells exact"
        f" ({exact / max(len(expected), 1):.0%}); {len(parsed.items)} items,"
        f" {right}/{len(names)} names right"
    )


def main(pages: int | None) -> None:
    os.environ[OCR_ENV] = "1"
    pdf = SAMPLE.with_suffix(".pdf")
    images = page_images(pdf)[:pages]
    truth = pdf
    measure([image.convert("L") for image in images], "straight", truth)
    measure([scanned(image) for image in images], "grey-turned", truth)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
