"""Read flattened web-page text (.txt) into a `Document`.

Tables in such text are pipe-delimited, in one of two serialisations (REAL_WORLD.md §1):

(a) one row per line: ``序号 | 事项名称 | … |`` (edge pipes optional, full-width ｜ too);
(b) one cell per line, each ending `` |``; an empty cell is a bare ``|`` and several empty cells
    may pile up as ``||``. Nothing marks the end of a row, so such a table is returned with
    ``flow=True`` and the pipeline, which knows the header, reflows it.

A row whose cells are separated by tabs (a table copied from a browser, a sheet saved as text)
is read as a pipe row: a tab is as sure a delimiter as a pipe, empty cells included.

A table is a run of non-blank lines from one pipe line to the last pipe line of that run. Inside
it, a line that does not close its row (in a table whose rows end with a pipe, a line without a
trailing pipe) continues into the next line: the cell keeps the break as "\\n".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from parsers.document import AS_SPACES, Block, Cell, Document, Paragraph, Table
from parsers.encoding import decode

FULLWIDTH_PIPE = "｜"
# Lines that only underline a Markdown header: |---|:--:| (at least three dashes in all, so
# that a cell holding a bare "-", a status meaning "not applicable", is not taken for one).
_RULE_SHAPE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
# A pipe with a non-space, non-pipe character right on both sides ("A|B") is text, not a
# delimiter, in a table whose header spaces its delimiters ("序号 | 事项名称 |").
SPACED_DELIMITER = re.compile(r"(?<![^\s|])\||\|(?![^\s|])")
# Share of a table's lines that must hold exactly one cell for it to read as layout (b).
FLOW_SHARE = 0.8
# A line without a pipe inside a table that reads as a section heading (一、…, (二)…) is a row of
# one cell, not the start of the next row's first cell.
_NUMERAL = "[一二三四五六七八九十]+"
_SECTION_HEADING = re.compile(rf"^({_NUMERAL}[、.．]|[(（]{_NUMERAL}[)）])\S")
MIN_TABLE_LINES = 2
# A line whose one pipe stands, unspaced, after a column's tag of two to four characters and
# before a headline (聚焦|泰州上半年民生实事进展顺利, a feed's list entry - 预告|…): text, not a
# row of two cells (项目名称|进展情况 and its rows stay a table).
_TEXT_PIPE = re.compile(r"^\s*(?:[-•·]\s*)?[\u4e00-\u9fff]{2,4}\|[^\s|][^|]{8,}$")
# Cells a line with a bar between them: at least this many in a row make a flattened table.
MIN_BAR_CELLS = 8


def _is_markdown_rule(line: str) -> bool:
    return line.count("-") >= 3 and _RULE_SHAPE.match(line) is not None


def read_text(raw: bytes, *, path: str, sha256: str) -> Document:
    decoded = decode(raw, path)
    lines = decoded.text.split("\n")
    return Document(
        source_path=path,
        source_format="txt",
        source_sha256=sha256,
        blocks=tuple(text_to_blocks(lines)),
        encoding=decoded.encoding,
    )


def text_to_blocks(lines: list[str]) -> Iterator[Block]:
    """Split lines into paragraphs and tables. Line numbers are 1-based."""
    lines = [line.replace(FULLWIDTH_PIPE, "|").translate(AS_SPACES) for line in lines]
    lines = _tabs_as_pipes(_bars_as_gaps(lines))
    for run_start, whole_run in _nonblank_runs(lines):
        for start, run in _table_segments(run_start, whole_run):
            gap = start > 1 and not lines[start - 2].strip()
            yield from _run_to_blocks(start, run, gap)


def _tabs_as_pipes(lines: list[str]) -> list[str]:
    """Lines with a tab between their texts, and no pipe, as pipe rows (``1 | 新建… | 已完成 |``)
    where the run of non-blank lines they are in holds another (a row alone is a line of text);
    a tab that only indents a line is layout."""
    out = list(lines)
    for start, run in _nonblank_runs(lines):
        tabbed = [start - 1 + i for i, line in enumerate(run) if _has_inner_tab(line)]
        for index in tabbed if len(tabbed) >= MIN_TABLE_LINES else ():
            cells = lines[index].strip(" ").split("\t")  # empty edge cells kept
            out[index] = " | ".join(cell.strip() for cell in cells) + " |"
    return out


def _bars_as_gaps(lines: list[str]) -> list[str]:
    """A page's table flattened to one cell a line with a bar on each line between (序号 / | /
    省份 / | / …): the bars as the blank lines between cells that the same flattening gives
    elsewhere. Only in a run of at least `MIN_BAR_CELLS` such cells, none with a pipe of its
    own (a bar alone among ``cell |`` lines is an empty cell)."""
    runs: list[list[int]] = []
    for index in range(1, len(lines)):
        before = lines[index - 1]
        if lines[index].strip() != "|" or not before.strip() or "|" in before:
            continue
        if runs and index == runs[-1][-1] + 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    out = list(lines)
    for run in runs:
        for index in run if len(run) >= MIN_BAR_CELLS else ():
            out[index] = ""
    return out


def _has_inner_tab(line: str) -> bool:
    text = line.strip()
    return "\t" in text and "|" not in text


def _run_to_blocks(start: int, run: list[str], gap: bool) -> Iterator[Block]:
    """Paragraphs, then the table from the first to the last pipe line, then paragraphs."""
    pipe_idx = [i for i, line in enumerate(run) if _is_pipe_line(line)]
    if len(pipe_idx) < MIN_TABLE_LINES:
        yield from _paragraphs(run, start, gap)
        return
    first, last = pipe_idx[0], pipe_idx[-1]
    yield from _paragraphs(run[:first], start, gap)
    yield _lines_to_table(run[first : last + 1], start + first)
    yield from _paragraphs(run[last + 1 :], start + last + 1)


def _width(line: str) -> int:
    return len(line.strip().strip("|").split("|"))


def _is_pipe_line(line: str) -> bool:
    return "|" in line and not _is_markdown_rule(line) and not _TEXT_PIPE.match(line)


def _table_segments(start: int, run: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Split a run of lines where one table ends and another begins without a blank line: text
    lines after a complete row, followed by a row of another width or by the first table's
    header again (附件2:… and the next table's header)."""
    first_pipe: str | None = None
    closed = False  # the last pipe line completed its row
    segment_start = 0
    index = 0
    while index < len(run):
        line = run[index]
        if _is_pipe_line(line):
            if first_pipe is None:
                first_pipe = line
            closed = line.rstrip().endswith("|") or not first_pipe.rstrip().endswith("|")
            index += 1
            continue
        if first_pipe is None or not closed:
            index += 1
            continue
        # text after a complete row: does a different table start after it?
        after = index
        while after < len(run) and not _is_pipe_line(run[after]):
            after += 1
        if after < len(run):
            next_row = run[after]
            same_header = "".join(next_row.split()) == "".join(first_pipe.split())
            if same_header or _width(next_row) != _width(first_pipe):
                yield start + segment_start, run[segment_start:index]
                segment_start, first_pipe, closed = index, None, False
        index = after
    yield start + segment_start, run[segment_start:]


def _nonblank_runs(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    run: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not run:
                start = number
            run.append(line)
        elif run:
            yield start, run
            run = []
    if run:
        yield start, run


def _paragraphs(lines: list[str], start: int, gap: bool = False) -> Iterator[Paragraph]:
    """One paragraph per line; the first of a run after a blank line is marked `gap_before`."""
    for offset, line in enumerate(lines):
        text = line.strip()
        if text:
            yield Paragraph(text=text, line=start + offset, gap_before=gap and offset == 0)


def _lines_to_table(lines: list[str], start: int) -> Table:
    numbered = [
        (start + i, line.strip()) for i, line in enumerate(lines) if not _is_markdown_rule(line)
    ]
    pipe_lines = [text for _, text in numbered if "|" in text]
    one_cell = sum(1 for text in pipe_lines if _is_single_cell_line(text))
    if one_cell >= FLOW_SHARE * len(pipe_lines):
        return Table(rows=tuple(_flow_rows(numbered)), flow=True, line=start)
    return Table(rows=tuple(_pipe_rows(numbered)), flow=False, line=start)


def _is_single_cell_line(text: str) -> bool:
    """`text |`, `|`, `||`: one cell (or only empty cells) followed by trailing pipes."""
    return re.fullmatch(r"[^|]*\|+", text) is not None


def _flow_rows(numbered: list[tuple[int, str]]) -> Iterator[tuple[Cell, ...]]:
    """Layout (b): one entry per source line; `||` gives several empty cells."""
    pending: list[tuple[int, str]] = []
    for number, text in numbered:
        if "|" not in text:
            pending.append((number, text))  # a cell's text continues on the next line
            continue
        first_line = pending[0][0] if pending else number
        body = text.rstrip("|").strip()
        pipes = len(text) - len(text.rstrip("|"))
        if pending:
            body = "\n".join([t for _, t in pending] + ([body] if body else []))
            pending = []
        if body:
            # A pipe inside the body is text: in this layout a line holds one cell.
            yield (Cell(body, line=first_line), *(Cell("", line=number) for _ in range(pipes - 1)))
        else:
            yield tuple(Cell("", line=number) for _ in range(pipes))
    if pending:
        yield tuple(Cell(t, line=n) for n, t in pending)


def _pipe_rows(numbered: list[tuple[int, str]]) -> Iterator[tuple[Cell, ...]]:
    """Layout (a): one row per line; the header line decides edge pipes and delimiter style."""
    header = next(text for _, text in numbered if "|" in text)
    leading = header.startswith("|")
    # Rows end with a pipe when most pipe lines do (a header broken over lines may not).
    pipe_lines = [text for _, text in numbered if "|" in text]
    trailing = sum(text.endswith("|") for text in pipe_lines) * 2 >= len(pipe_lines)
    spaced = len(SPACED_DELIMITER.findall(header)) == header.count("|")
    splitter = SPACED_DELIMITER if spaced else re.compile(r"\|")

    def split(number: int, text: str) -> tuple[Cell, ...]:
        parts = splitter.split(text)
        if leading and parts and not parts[0].strip():
            parts = parts[1:]
        if trailing and parts and not parts[-1].strip():
            parts = parts[:-1]
        return tuple(Cell(p.strip(), line=number) for p in parts)

    pending: list[tuple[int, str]] = []
    rows: list[tuple[Cell, ...]] = []
    for number, text in numbered:
        if "|" not in text and not pending and _SECTION_HEADING.match(text):
            rows.append((Cell(text, line=number),))  # 一、城乡建设: a row of its own
            continue
        if "|" not in text and not pending:
            if rows and not trailing:
                # An unpiped line in a table whose rows are not closed by a pipe continues
                # the previous row's last cell.
                *head, last = rows[-1]
                rows[-1] = (*head, Cell(f"{last.text}\n{text}", line=last.line))
            else:
                pending.append((number, text))
            continue
        pending.append((number, text))
        if trailing and not text.endswith("|"):
            continue  # the row goes on on the next line
        first = pending[0][0]
        rows.append(split(first, "\n".join(t for _, t in pending)))
        pending = []
    if pending:
        rows.append(split(pending[0][0], "\n".join(t for _, t in pending)))
    return iter(rows)
