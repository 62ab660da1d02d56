"""HTML pieces: escaped text, tables, sections and the page around them.

Every value that reaches the page goes through `esc`: control characters (a terminal escape in
a cell) shown as `\\x1b`, then `<`, `>`, `&` and quotes as entities, so that a cell holding
`<script>` or `<img onerror=...>` is text. Links are only ever anchors inside the page.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.text.controls import shown

# No script, no request: styles are inline in the page, images are inline SVG.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
    " form-action 'none'"
)
FONTS = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC",'
    ' "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",'
    ' "WenQuanYi Micro Hei", sans-serif'
)
MAX_ROWS = 200  # a table longer than this shows its first rows and says how many it has


def esc(value: object) -> str:
    """A value as HTML text: None, NaN and NA as an empty string, a list's values joined."""
    if hasattr(value, "tolist"):  # numpy: a list cell's array, or a scalar
        value = value.tolist()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if repr(value) == "<NA>":
        return ""
    if isinstance(value, list | tuple):
        return "、".join(esc(part) for part in value)
    return html.escape(shown(str(value)), quote=True)


def anchor(kind: str, key: object) -> str:
    """An id inside the page: letters, digits and dashes only, whatever the key holds."""
    return f"{kind}-" + re.sub(r"[^0-9A-Za-z-]", "_", str(key))


def _float(value: object) -> float | None:
    """A number, or None for None, NaN, NA and what is not a number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def number(value: object, digits: int = 0) -> str:
    found = _float(value)
    return "" if found is None else f"{found:,.{digits}f}"


def percent(value: object) -> str:
    found = _float(value)
    return "" if found is None else f"{100 * found:.0f}%"


@dataclass(frozen=True, slots=True)
class Cell:
    """Markup already made safe (a link, a number); plain values are escaped by `table`."""

    markup: str
    numeric: bool = False


def link(kind: str, key: object, text: object) -> Cell:
    return Cell(f'<a href="#{anchor(kind, key)}">{esc(text)}</a>')


def num(value: object, digits: int = 0) -> Cell:
    return Cell(number(value, digits), numeric=True)


def share(value: object) -> Cell:
    return Cell(percent(value), numeric=True)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    name: str,
    total: int | None = None,
) -> str:
    """A table: `name` is its data-table attribute; rows past MAX_ROWS are counted, not shown
    (`total`: how many there are, when the caller passed the first MAX_ROWS only)."""
    rows = list(rows) if total is None else list(itertools.islice(rows, MAX_ROWS))
    count = len(rows) if total is None else total
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(map(_cell, row)) + "</tr>" for row in rows[:MAX_ROWS])
    more = ""
    if count > MAX_ROWS:
        more = f'<p class="note">First {MAX_ROWS} of {count:,} rows.</p>'
    if not rows:
        return f'<p class="empty" data-table="{esc(name)}">None.</p>'
    return (
        f'<div class="scroll"><table data-table="{esc(name)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>{more}"
    )


def _cell(value: object) -> str:
    if isinstance(value, Cell):
        return f'<td class="n">{value.markup}</td>' if value.numeric else f"<td>{value.markup}</td>"
    return f"<td>{esc(value)}</td>"


def section(key: str, title: str, *parts: str) -> str:
    return (
        f'<section id="{anchor("s", key)}" data-section="{esc(key)}">'
        f"<h2>{esc(title)}</h2>{''.join(parts)}</section>"
    )


def note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def figure(key: str, svg: str, caption: str) -> str:
    return (
        f'<figure class="chart" data-chart="{esc(key)}">{svg}'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def page(title: str, intro: str, contents: Sequence[tuple[str, str]], body: str) -> str:
    """The whole document; `contents` are (section key, title) pairs for the table of contents."""
    toc = "".join(f'<li><a href="#{anchor("s", k)}">{esc(t)}</a></li>' for k, t in contents)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>{intro}<nav><ol>{toc}</ol></nav></header>"
        f"<main>{body}</main></body></html>\n"
    )


STYLE = (
    f"body{{font-family:{FONTS};margin:0 auto;max-width:1100px;padding:0 24px 48px;"
    "color:#1f2933;background:#fff;line-height:1.5;font-size:14px}"
    "h1{font-size:24px;margin:24px 0 4px}h2{font-size:19px;margin:36px 0 8px;"
    "padding-bottom:4px;border-bottom:2px solid #e4e7eb}h3{font-size:15px;margin:20px 0 6px}"
    "nav ol{columns:3;padding-left:20px;margin:8px 0}a{color:#0b69a3}"
    ".note,.empty{color:#52606d;margin:4px 0 8px}.facts{display:flex;gap:28px;flex-wrap:wrap;"
    "margin:8px 0}.facts b{display:block;font-size:22px}"
    ".scroll{overflow-x:auto;max-height:480px;overflow-y:auto;border:1px solid #e4e7eb}"
    "table{border-collapse:collapse;width:100%;font-size:13px}"
    "th{position:sticky;top:0;background:#f5f7fa;text-align:left;font-weight:600}"
    "th,td{padding:4px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}"
    "td{min-width:3.5em}td a{white-space:nowrap}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "figure{margin:12px 0}figcaption{color:#52606d;font-size:12px}"
    "svg text{font-family:inherit}svg{max-width:100%;height:auto}"
    ":target{outline:2px solid #f0b429}"
)
