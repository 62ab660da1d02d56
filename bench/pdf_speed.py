"""PDF benchmark: our whole PDF path against bare pdfplumber on the same files, same run.

    python bench/pdf_speed.py [--repeat N] [--copies K] [--json FILE]

Inputs: the PDF rendering of the sample bulletin (tests/fixtures, 15 pages, 30 rows) and a long
PDF made from it in a temporary folder (its pages repeated K times with pypdfium2: 15*K pages,
30*K rows). For each input and each side, a fresh Python process runs the work N times; we
report the median time, pages per second and the process's peak resident memory.

- baseline: `pdfplumber.open(f)`, then `page.extract_tables()` and `page.close()` per page;
- ours: `pipeline.run.task.parse_file(f)` (read, stitch, interpret, validate: everything but
  writing).

Target (issue 3): ours / baseline pages-per-second ratio >= 0.75; peak memory flat in pages.
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
TARGET_RATIO = 0.75

WORKER = r"""
import json, resource, sys, time
path, side, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if side == "baseline":
    import pdfplumber
    def work():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()
else:
    from pipeline.run.ingest import parse_file
    def work():
        parse_file(path)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per side and input (median)")
    parser.add_argument("--copies", type=int, default=10, help="long PDF = fixture pages x this")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [FIXTURE, make_long_pdf(args.copies, Path(tmp))]
        for path in inputs:
            pages = pages_of(path)
            # interleave sides so that machine noise hits both alike
            base = measure(path, "baseline", args.repeat)
            ours = measure(path, "ours", args.repeat)
            rows.append(
                {
                    "input": path.name,
                    "pages": pages,
                    "baseline_pages_per_s": pages / base["median_s"],
                    "ours_pages_per_s": pages / ours["median_s"],
                    "ratio": base["median_s"] / ours["median_s"],
                    "baseline_peak_mib": base["peak_mib"],
                    "ours_peak_mib": ours["peak_mib"],
                }
            )

    print(f"PDF path vs bare pdfplumber extract_tables(), median of {args.repeat} runs each")
    print(f"{'input':<22}{'pages':>6}{'pdfplumber p/s':>16}{'ours p/s':>10}{'ratio':>8}"
          f"{'peak MiB pdfplumber':>21}{'ours':>7}")  # fmt: skip
    for r in rows:
        print(
            f"{r['input']:<22}{r['pages']:>6}{r['baseline_pages_per_s']:>16.1f}"
            f"{r['ours_pages_per_s']:>10.1f}{r['ratio']:>8.2f}"
            f"{r['baseline_peak_mib']:>21.0f}{r['ours_peak_mib']:>7.0f}"
        )
    small, large = rows[0], rows[-1]
    growth = large["ours_peak_mib"] / small["ours_peak_mib"]
    worst = min(r["ratio"] for r in rows)
    print(
        f"ratio (target >= {TARGET_RATIO}): worst {worst:.2f} -> "
        f"{'met' if worst >= TARGET_RATIO else 'NOT met'}"
    )
    print(
        f"our peak memory, {large['pages']} pages vs {small['pages']}: x{growth:.2f} "
        f"({'flat' if growth < 1.25 else 'grows with pages'})"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
