"""Ingest benchmark at archive scale: throughput per format, parallel speed-up, Dask against
the process pool, incremental re-runs and worker memory, all measured in one run.

    python bench/ingest_speed.py [--files N] [--repeat R] [--json FILE]

It generates a corpus of N bulletins (default 2,000) in a temporary folder, outside the repo:
mostly .txt (Simplified and Traditional, UTF-8 and GB18030, pipe layouts (a) and (b)), plus
.html and .docx renderings and 3-page .pdf extracts of the PDF fixture. It is laid out like
an archive: groups of four bulletins (one issuer's quarters of one year) share their projects,
names and targets; every bulletin has its own progress figures and statuses; targets differ
from group to group. Every measurement is a separate `bulletins ingest` process run
R times (median reported). The full-corpus runs with 1 worker, 2 workers and Dask take turns,
and the speed-up and the Dask ratio are medians of each round's ratio, so that a shared
machine's changing load affects both sides of a ratio alike. Worker memory is the peak
resident size of the pool's processes.

Targets (issue 6, on a 2-core machine): .txt >= 300 files/s per core, .docx >= 30 files/s per
core, text-layer PDF >= 10 pages/s per core, 2-worker speed-up >= 1.7x, unchanged re-run <=
5 % of a full run, peak memory per worker <= 400 MB and flat in corpus size.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from make_corpus import layout_a, layout_b, split_sample  # noqa: E402
from make_renderings import make_docx, make_html  # noqa: E402

from pipeline.text.script import to_simplified  # noqa: E402

PDF_FIXTURE = ROOT / "tests" / "fixtures" / "qixia-2024-q2.pdf"
QUARTERS = ["一季度", "二季度", "三季度", "四季度"]
LABELS = ["已完成", "按计划推进", "进度滞后", "已完成{q}任务", "未完成{q}任务", "正常推进"]
SHARES = {"txt": 0.70, "html": 0.10, "docx": 0.12, "pdf": 0.08}

RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
from pipeline.run.ingest import ingest
corpus, out, executor = sys.argv[1], sys.argv[2], sys.argv[4]
workers, force = int(sys.argv[3]), sys.argv[5] == "1"
peaks = [0.0]
start = time.perf_counter()
summary = ingest(Path(corpus), Path(out), workers=workers, executor=executor, force=force,
                 on_file=lambda outcome: peaks.append(outcome.worker_peak_mib))
elapsed = time.perf_counter() - start
main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "files": summary.files, "parsed": summary.parsed,
                  "ok": summary.ok, "worker_peak_mib": max(peaks), "main_peak_mib": main_peak}))
"""


# Bulletins of one issuer and year (its four quarters) share their projects' names and targets,
# as in a real archive; every bulletin's progress figures are its own.
PER_GROUP = 4
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _vary(text: str, rng: random.Random) -> str:
    """Change the figures of a cell, except those that may be years, months or days."""

    def other(match: re.Match[str]) -> str:
        figure = match.group(0)
        value = float(figure)
        if value <= 31 or 1990 <= value <= 2100:
            return figure
        new = value * rng.uniform(0.5, 1.5)
        return f"{new:.2f}" if "." in figure else str(max(32, round(new)))

    return _FIGURE.sub(other, text)


def variant(
    rng: random.Random,
    narrative: list[str],
    rows: list[list[str]],
    n: int,
    per_group: int = PER_GROUP,
) -> tuple[list[str], list[list[str]]]:
    """Bulletin n of the archive: the projects and targets of its issuer-year group
    (n // per_group), a period of that year, its own progress figures and statuses."""
    group = random.Random(n // per_group)  # the same for every bulletin of the group
    year = group.choice([2021, 2022, 2023, 2024, 2025])
    header, *body = rows
    chosen = sorted(group.sample(range(len(body)), group.randint(8, len(body))))
    targets = {index: _vary(body[index][2], group) for index in chosen}
    quarter = QUARTERS[n % len(QUARTERS)]
    new_rows = [header]
    for seq, index in enumerate(chosen, start=1):
        row = list(body[index])
        row[0] = str(seq)
        row[2] = targets[index]
        row[3] = _vary(row[3], rng)
        row[-1] = rng.choice(LABELS).format(q=quarter)
        new_rows.append(row)
    title = f"{year}年{quarter}重点民生实事进展情况表(第{n}期)"
    text = [line.replace("二季度", quarter).replace("2024年", f"{year}年") for line in narrative]
    return [*text[:-1], title], new_rows


def make_corpus(folder: Path, count: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    sample = ROOT / "corpus" / "qixia-2024-q2.txt"  # the seed bulletin, as bundled
    narrative, rows = split_sample(sample.read_text(encoding="utf-8"))
    counts = {kind: int(count * share) for kind, share in SHARES.items()}
    counts["txt"] += count - sum(counts.values())
    pdf_pages = _pdf_extracts(folder, counts["pdf"], rng)
    make_txt(folder, counts["txt"], rng, narrative, rows)
    offset = counts["txt"]  # groups of other formats are other issuers
    for n in range(counts["html"]):
        make_html(*variant(rng, narrative, rows, offset + n), folder / f"h{n:05}.html")
    offset += counts["html"]
    for n in range(counts["docx"]):
        make_docx(*variant(rng, narrative, rows, offset + n), folder / f"d{n:05}.docx")
    return {**counts, "pdf_pages": pdf_pages}


def make_txt(
    folder: Path,
    count: int,
    rng: random.Random,
    narrative: list[str],
    rows: list[list[str]],
    per_group: int = PER_GROUP,
) -> None:
    for n in range(count):
        text_lines, table = variant(rng, narrative, rows, n, per_group)
        group = n // PER_GROUP  # an issuer keeps its layout, script and encoding
        layout = layout_b if group % 5 == 0 else layout_a
        text = "\n".join(text_lines + layout(table)) + "\n"
        if group % 2:
            text = to_simplified(text)
        encoding = "gb18030" if group % 7 == 0 and group % 2 else "utf-8"
        (folder / f"t{n:05}.txt").write_bytes(text.encode(encoding))


def _pdf_extracts(folder: Path, count: int, rng: random.Random) -> int:
    """3-page extracts of the PDF fixture (its first page keeps the narrative), made unique by
    a trailing comment so that no two have the same content hash."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(PDF_FIXTURE))
    pages = 0
    for n in range(count):
        start = rng.randint(1, len(source) - 2)
        extract = pdfium.PdfDocument.new()
        extract.import_pages(source, [0, start, start + 1])
        target = folder / f"p{n:05}.pdf"
        extract.save(str(target))
        extract.close()
        with target.open("ab") as handle:
            handle.write(f"\n% bench {n}\n".encode())
        pages += 3
    source.close()
    return pages


def run(
    corpus: Path, out: Path, workers: int, executor: str = "local", force: bool = False
) -> dict[str, float]:
    flag = "1" if force else "0"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(corpus), str(out), str(workers), executor, flag],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        sys.exit(f"ingest of {corpus} failed:\n{result.stderr[-3000:]}")
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def _fresh_run(corpus: Path, out: Path, workers: int, executor: str = "local") -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    return run(corpus, out, workers, executor)


def _median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """The run of median time, with the highest peak memories of all."""
    middle = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    middle["worker_peak_mib"] = max(r["worker_peak_mib"] for r in runs)
    middle["main_peak_mib"] = max(r["main_peak_mib"] for r in runs)
    return middle


def median_run(
    repeat: int, corpus: Path, out: Path, workers: int, executor: str = "local"
) -> dict[str, float]:
    return _median_of([_fresh_run(corpus, out, workers, executor) for _ in range(repeat)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--json", type=Path, help="write the results here as well")
    args = parser.parse_args()

    results: dict[str, object] = {"files": args.files, "repeat": args.repeat}
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bulletins-bench-") as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        corpus.mkdir()
        counts = make_corpus(corpus, args.files)
        results["corpus"] = counts
        print(f"generated {args.files} files in {corpus}: {counts}", flush=True)

        # throughput per format, one worker
        for kind, pattern in (
            ("txt", "t*.txt"),
            ("html", "h*.html"),
            ("docx", "d*.docx"),
            ("pdf", "p*.pdf"),
        ):
            sub = base / f"only-{kind}"
            sub.mkdir()
            for path in corpus.glob(pattern):
                (sub / path.name).symlink_to(path)
            measured = median_run(args.repeat, sub, base / f"out-{kind}", 1)
            rate = counts[kind] / measured["seconds"]
            results[f"{kind}_files_per_s_per_core"] = rate
            target = {"txt": ">= 300", "docx": ">= 30"}.get(kind, "")
            rows.append((f".{kind} files/s per core", f"{rate:.1f}", target, _met(rate, target)))
            if kind == "pdf":
                pages = counts["pdf_pages"] / measured["seconds"]
                results["pdf_pages_per_s_per_core"] = pages
                rows.append(("PDF pages/s per core", f"{pages:.1f}", ">= 10", _met(pages, ">= 10")))

        # the same number of .txt files, none sharing its targets with another: what the
        # per-worker caches of cell readings add to the figure above
        unique = base / "unique-txt"
        unique.mkdir()
        narrative, table = split_sample((ROOT / "corpus" / "qixia-2024-q2.txt").read_text("utf-8"))
        make_txt(unique, counts["txt"], random.Random(8), narrative, table, per_group=1)
        measured = median_run(args.repeat, unique, base / "out-unique", 1)
        rate = counts["txt"] / measured["seconds"]
        results["txt_unique_files_per_s_per_core"] = rate
        rows.insert(1, ("  .txt, no two bulletins sharing targets", f"{rate:.1f}", "", ""))

        # 1 worker, 2 workers and Dask run in turn, round after round: each round's ratios
        # compare runs made moments apart, so a shared machine's load changing between
        # rounds does not leak into them; the medians of the rounds' ratios are reported.
        rounds = [
            {
                name: _fresh_run(corpus, base / f"out-{name}", workers, executor)
                for name, workers, executor in (
                    ("one", 1, "local"),
                    ("two", 2, "local"),
                    ("dask", 2, "dask"),
                )
            }
            for _ in range(args.repeat)
        ]
        one, two, dask = (_median_of([r[name] for r in rounds]) for name in ("one", "two", "dask"))
        speedup = statistics.median(r["one"]["seconds"] / r["two"]["seconds"] for r in rounds)
        dask_ratio = statistics.median(r["two"]["seconds"] / r["dask"]["seconds"] for r in rounds)
        results |= {
            "full_1_worker_s": one["seconds"],
            "full_2_workers_s": two["seconds"],
            "speedup_2_workers": speedup,
            "speedup_2_workers_rounds": [r["one"]["seconds"] / r["two"]["seconds"] for r in rounds],
            "full_dask_2_workers_s": dask["seconds"],
            "dask_vs_pool": dask_ratio,
        }
        rows.append(("full corpus, 1 worker (s)", f"{one['seconds']:.1f}", "", ""))
        rows.append(("full corpus, 2 workers (s)", f"{two['seconds']:.1f}", "", ""))
        rows.append(
            ("speed-up, 2 workers vs 1", f"{speedup:.2f}x", ">= 1.7", _met(speedup, ">= 1.7"))
        )
        rows.append(("Dask (2 workers) vs pool (2 workers)", f"{dask_ratio:.2f}x", "", ""))
        # the last round's 2-worker output is up to date: re-run on it, with nothing changed
        reruns = [run(corpus, base / "out-two", 2)["seconds"] for _ in range(args.repeat)]
        rerun = statistics.median(reruns)
        share = rerun / two["seconds"]
        results |= {"unchanged_rerun_s": rerun, "unchanged_rerun_share": share}
        rows.append(
            ("unchanged re-run / full run", f"{share:.1%}", "<= 5%", _met(share * 100, "<= 5"))
        )

        quarter = base / "quarter"
        quarter.mkdir()
        for path in sorted(corpus.iterdir())[: args.files // 4]:
            (quarter / path.name).symlink_to(path)
        small = run(quarter, base / "out-q", 2)
        results |= {
            "worker_peak_mib": two["worker_peak_mib"],
            "worker_peak_mib_quarter_corpus": small["worker_peak_mib"],
        }
        rows.append(
            (
                "peak memory per worker (MiB)",
                f"{two['worker_peak_mib']:.0f}",
                "<= 400",
                _met(two["worker_peak_mib"], "<= 400"),
            )
        )
        growth = two["worker_peak_mib"] / max(small["worker_peak_mib"], 1.0)
        rows.append(
            (
                f"  with {args.files // 4} files instead of {args.files}",
                f"{small['worker_peak_mib']:.0f} (x{growth:.2f})",
                "flat",
                "met" if growth < 1.2 else "NOT met",
            )
        )
        results |= {
            "main_peak_mib": two["main_peak_mib"],
            "main_peak_mib_quarter_corpus": small["main_peak_mib"],
        }
        rows.append(("peak memory, main process (MiB)", f"{two['main_peak_mib']:.0f}", "", ""))
        rows.append(
            (
                f"  with {args.files // 4} files instead of {args.files}",
                f"{small['main_peak_mib']:.0f}",
                "",
                "",
            )
        )

    print(f"\ningest benchmark: {args.files} files, median of {args.repeat} runs, {_cores()} cores")
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measure':<{width}}{'value':>18}{'target':>10}  result")
    for name, value, target, verdict in rows:
        print(f"{name:<{width}}{value:>18}{target:>10}  {verdict}")
    if args.json:
        args.json.write_text(
            json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


def _met(value: float, target: str) -> str:
    if not target:
        return ""
    op, number = target.split()
    ok = value >= float(number) if op == ">=" else value <= float(number)
    return "met" if ok else "NOT met"


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
