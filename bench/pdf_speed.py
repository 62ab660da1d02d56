"""PDF benchmark: our whole PDF path, with each engine, against bare pdfplumber and bare tablers
on the same files, in the same run.

    python bench/pdf_speed.py [--repeat N] [--copies K] [--json FILE]

Inputs: the PDF rendering of the sample bulletin (tests/fixtures, 15 pages, 30 rows) and a long
PDF made from it in a temporary folder (its pages repeated K times with pypdfium2: 15*K pages,
30*K rows; 150 pages by default). For each input and each side, a fresh Python process runs the
work once untimed (imports and dictionaries loaded), then N times; we report the median time as
pages per second, and the process's peak resident memory.

- pdfplumber: `pdfplumber.open(f)`, then `page.extract_tables()` and `page.close()` per page
  (the baseline);
- tablers: `tablers.Document(f)`, then `find_tables(page, extract_text=True)` per page;
- ours/pdfium and ours/pdfplumber: `pipeline.run.task.parse_file(f, pdf_engine=...)` (read,
  stitch, interpret, validate: everything but writing).

Target: ours with the default engine (pdfium) at least 5x the pages per second of bare
pdfplumber; peak memory flat in pages.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "qixia-2024-q2.pdf"
TARGET_RATIO = 5.0
SIDES = ("pdfplumber", "tablers", "ours/pdfium", "ours/pdfplumber")

WORKER = r"""
import json, resource, sys, time
path, side, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if side == "pdfplumber":
    import pdfplumber
    def work():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
elif side == "tablers":
    import tablers
    def work():
        document = tablers.Document(path)
        for page in document.pages():
            tablers.find_tables(page, extract_text=True)
        document.close()
else:
    from pipeline.run.task import parse_file
    engine = side.split("/")[1]
    def work():
        parse_file(path, pdf_engine=engine)
work()  # warm up (imports, dictionaries, caches): not timed, on every side alike
times = []
for _ in range(repeat):
    start = time.perf_counter()
    work()
    times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
print(json.dumps({"times": times, "peak_mib": peak}))
"""


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def make_long_pdf(copies: int, folder: Path) -> Path:
    """The fixture's pages repeated `copies` times."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FIXTURE))
    long = pdfium.PdfDocument.new()
    for _ in range(copies):
        long.import_pages(source)
    target = folder / f"long-{copies}x.pdf"
    long.save(str(target))
    long.close()
    source.close()
    return target


def measure(path: Path, side: str, repeat: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", WORKER, str(path), side, str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(result.stdout)
    return {"median_s": statistics.median(data["times"]), "peak_mib": data["peak_mib"]}


def measure_input(path: Path, repeat: int) -> dict[str, object]:
    pages = pages_of(path)
    row: dict[str, object] = {"input": path.name, "pages": pages}
    for side in SIDES:
        result = measure(path, side, repeat)
        row[f"{side}_pages_per_s"] = pages / result["median_s"]
        row[f"{side}_peak_mib"] = result["peak_mib"]
    baseline = float(row["pdfplumber_pages_per_s"])  # type: ignore[arg-type]
    row["ratio"] = float(row["ours/pdfium_pages_per_s"]) / baseline  # type: ignore[arg-type]
    return row


def report(rows: list[dict[str, object]], repeat: int) -> None:
    print(f"pages per second (median of {repeat} runs) and peak resident memory (MiB)")
    print(f"{'input':<22}{'pages':>6}" + "".join(f"{side:>17}" for side in SIDES) + f"{'ratio':>8}")
    for r in rows:
        speeds = "".join(f"{r[f'{side}_pages_per_s']:>17.1f}" for side in SIDES)
        print(f"{r['input']:<22}{r['pages']:>6}{speeds}{r['ratio']:>8.2f}")
        memory = "".join(f"{r[f'{side}_peak_mib']:>17.0f}" for side in SIDES)
        print(f"{'  peak MiB':<28}{memory}")
    small, large = rows[0], rows[-1]
    growth = float(large["ours/pdfium_peak_mib"]) / float(small["ours/pdfium_peak_mib"])  # type: ignore[arg-type]
    worst = min(float(r["ratio"]) for r in rows)  # type: ignore[arg-type]
    print(
        f"ours/pdfium vs bare pdfplumber (target >= {TARGET_RATIO:g}x): worst {worst:.2f}x -> "
        f"{'met' if worst >= TARGET_RATIO else 'NOT met'}"
    )
    print(
        f"our peak memory (pdfium), {large['pages']} pages vs {small['pages']}: x{growth:.2f} "
        f"({'flat' if growth < 1.25 else 'grows with pages'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per side and input (median)")
    parser.add_argument("--copies", type=int, default=10, help="long PDF = fixture pages x this")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        inputs = [FIXTURE, make_long_pdf(args.copies, Path(tmp))]
        rows = [measure_input(path, args.repeat) for path in inputs]
    report(rows, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
