"""Charts as inline SVG written by hand: horizontal stacked and grouped bars, and a grid of
counts. A few kilobytes each, no script, text in the page's own fonts (CJK included)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

from pipeline.report.markup import esc

Rows = Sequence[tuple[str, Mapping[str, float]]]
WIDTH, ROW, BAR, LEGEND = 1040, 24, 16, 22
GRID = "#e4e7eb"
INK = "#52606d"


def text_width(text: str, size: float = 12) -> float:
    """Roughly the width of a label: CJK characters a full em, others a little over half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def clip(text: str, room: float, size: float = 12) -> str:
    """`text` cut with an ellipsis to fit `room` pixels."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _label_room(labels: Sequence[str]) -> float:
    return min(220.0, max([60.0, *(text_width(label) + 12 for label in labels)]))


def _svg(width: float, height: float, label: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(label)}"'
        f' width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' font-size="12">{body}</svg>'
    )


def legend(series: Sequence[str], colors: Mapping[str, str], names: Mapping[str, str]) -> str:
    x, parts = 0.0, []
    for key in series:
        name = names.get(key, key)
        parts.append(
            f'<rect x="{x:.0f}" y="4" width="12" height="12" fill="{colors[key]}"/>'
            f'<text x="{x + 16:.0f}" y="14" fill="{INK}">{esc(name)}</text>'
        )
        x += 28 + text_width(name)
    return "".join(parts)


def stacked(
    rows: Rows,
    series: Sequence[str],
    colors: Mapping[str, str],
    *,
    label: str,
    names: Mapping[str, str] | None = None,
    after: Sequence[str] | None = None,
) -> str:
    """One bar per row, its segments the shares of the series (a 100% bar), counts on hover;
    after each bar its total, or the text `after` gives."""
    names = names or {}
    used = [key for key in series if any(values.get(key) for _, values in rows)]
    room = _label_room([row for row, _ in rows])
    span = WIDTH - room - 48
    parts = [legend(used, colors, names)]
    for n, (row, values) in enumerate(rows):
        y = LEGEND + 8 + n * ROW
        total = sum(values.get(key, 0) for key in used) or 1
        parts.append(_row_label(row, room, y))
        x = room
        for key in used:
            size = span * values.get(key, 0) / total
            if size > 0:
                part = f"{100 * values[key] / total:.0f}%"
                tip = f"{row}: {names.get(key, key)} {values[key]:g} ({part})"
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{size:.1f}" height="{BAR}"'
                    f' fill="{colors[key]}"><title>{esc(tip)}</title></rect>'
                )
            x += size
        end = after[n] if after is not None else f"{total:g}"
        parts.append(f'<text x="{room + span + 6:.0f}" y="{y + 12}" fill="{INK}">{esc(end)}</text>')
    height = LEGEND + 8 + len(rows) * ROW + 4
    return _svg(WIDTH, height, label, "".join(parts))


def _row_label(text: str, room: float, y: float) -> str:
    return (
        f'<text x="{room - 6:.0f}" y="{y + 12:.0f}" text-anchor="end" fill="#1f2933">'
        f"<title>{esc(text)}</title>{esc(clip(text, room - 10))}</text>"
    )


def grouped(
    rows: Rows,
    series: Sequence[str],
    colors: Mapping[str, str],
    *,
    label: str,
    names: Mapping[str, str] | None = None,
    shown: Callable[[float], str] = lambda v: f"{v:,.0f}",
) -> str:
    """A bar for each series in each row, on one scale, its value written after it."""
    names = names or {}
    room = _label_room([row for row, _ in rows])
    span = WIDTH - room - 90
    top = max([1e-9, *(v for _, values in rows for v in values.values())])
    band = len(series) * (BAR // 2 + 3) + 14
    parts = [legend(series, colors, names)]
    for n, (row, values) in enumerate(rows):
        y = LEGEND + 8 + n * band
        parts.append(_row_label(row, room, y + (band - 14) / 2 - 8))
        if n:
            parts.append(f'<line x1="0" x2="{WIDTH}" y1="{y - 7}" y2="{y - 7}" stroke="{GRID}"/>')
        for k, key in enumerate(series):
            if not values.get(key):
                continue
            value, bar_y = values[key], y + k * (BAR // 2 + 3)
            size = max(1.0, span * value / top)
            parts.append(
                f'<rect x="{room:.0f}" y="{bar_y}" width="{size:.1f}" height="{BAR // 2 + 1}"'
                f' fill="{colors[key]}"><title>{esc(row)}: {esc(names.get(key, key))}'
                f" {esc(shown(value))}</title></rect>"
                f'<text x="{room + size + 4:.0f}" y="{bar_y + 8}" font-size="10" fill="{INK}">'
                f"{esc(shown(value))}</text>"
            )
    height = LEGEND + 8 + len(rows) * band + 4
    return _svg(WIDTH, height, label, "".join(parts))


def grid(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    *,
    label: str,
    names: Mapping[str, str] | None = None,
) -> str:
    """A cell per (row, column), shaded by its count, the count written in it."""
    names = names or {}
    room = _label_room([names.get(r, r) for r in rows])
    cell = min(64.0, (WIDTH - room) / max(1, len(columns)))
    top = max([1, *counts.values()])
    head = 70
    parts = []
    for c, column in enumerate(columns):
        x = room + c * cell + cell / 2
        parts.append(
            f'<text transform="translate({x:.0f},{head - 6}) rotate(-35)" fill="{INK}">'
            f"{esc(clip(names.get(column, column), 90))}</text>"
        )
    for r, row in enumerate(rows):
        y = head + r * (ROW + 2)
        parts.append(_row_label(names.get(row, row), room, y + 2))
        for c, column in enumerate(columns):
            count = counts.get((row, column), 0)
            shade = 0.08 + 0.85 * count / top if count else 0.0
            ink = "#fff" if shade > 0.5 else "#1f2933"
            x = room + c * cell
            parts.append(
                f'<rect x="{x:.0f}" y="{y}" width="{cell - 2:.0f}" height="{ROW}" fill="#0b69a3"'
                f' fill-opacity="{shade:.2f}" stroke="{GRID}"/>'
            )
            if count:
                parts.append(
                    f'<text x="{x + cell / 2 - 1:.0f}" y="{y + 16}" text-anchor="middle"'
                    f' fill="{ink}">{count}</text>'
                )
    width = room + len(columns) * cell + 8
    return _svg(max(width, 200), head + len(rows) * (ROW + 2) + 4, label, "".join(parts))
