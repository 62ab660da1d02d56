"""Read web-page bulletins (.html) into a `Document`, with the standard library's parser.

`<table>` rows become tables, with `rowspan`/`colspan` turned into placeholders like Word merges;
`<p>`, headings and other block text outside tables become paragraphs; navigation, headers,
footers, scripts and styles are ignored. Inside a cell, `<br>` and `<p>` become "\\n" and a nested
table is flattened into the cell's text. The charset comes from a BOM, then the `<meta>` tag
(GB2312 and GBK pages are decoded as GB18030, their superset, as browsers do), then detection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from parsers.document import LAYOUT_SPACES, Block, Cell, Document, Paragraph, Table
from parsers.encoding import BOMS, decode
from parsers.errors import TooLarge

IGNORED = {"script", "style", "nav", "header", "footer", "noscript", "iframe", "head", "select",
           "button", "form", "svg", "template"}  # fmt: skip
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
          "article", "blockquote", "pre", "center", "dd", "dt", "dl", "hr", "body", "main",
          "caption"}  # fmt: skip
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
# What a declared charset really is on Chinese government sites.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                   "gb_2312-80": "gb18030", "big5": "cp950", "x-big5": "cp950",
                   "utf8": "utf-8"}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(rf"[ \t\r\n\f{LAYOUT_SPACES}]+")
# Tables nested deeper than this are refused: no real page does it, and it is a way to make a
# parser slow.
MAX_NESTING = 8


def read_html(raw: bytes, *, path: str, sha256: str) -> Document:
    text, encoding = _decode(raw, path)
    builder = _Builder()
    try:
        builder.feed(text)
        builder.close()
    except _TooDeep as exc:
        raise TooLarge(path, f"tables nested more than {MAX_NESTING} deep") from exc
    return Document(
        source_path=path,
        source_format="html",
        source_sha256=sha256,
        blocks=tuple(builder.finish()),
        encoding=encoding,
    )


def _decode(raw: bytes, path: str) -> tuple[str, str]:
    if any(raw.startswith(bom) for bom, _ in BOMS):
        decoded = decode(raw, path)
        return decoded.text, decoded.encoding
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = CHARSET_ALIASES.get(name, name)
        try:
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    decoded = decode(raw, path)
    return decoded.text, decoded.encoding


class _TooDeep(Exception):
    pass


@dataclass
class _CellBuilder:
    parts: list[str] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


@dataclass
class _TableBuilder:
    rows: list[list[_CellBuilder]] = field(default_factory=list)
    cell: _CellBuilder | None = None

    def to_table(self) -> Table:
        grid: list[list[Cell]] = []
        carried: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        for source_row in self.rows:
            row: list[Cell] = []
            pending = list(source_row)
            while pending or any(c >= len(row) and n > 0 for c, n in carried.items()):
                column = len(row)
                if carried.get(column, 0) > 0:
                    carried[column] -= 1
                    row.append(Cell("", merged="up"))
                    continue
                if not pending:
                    break
                cell = pending.pop(0)
                row.append(Cell(cell.text(), row_span=cell.row_span, col_span=cell.col_span))
                row.extend(Cell("", merged="left") for _ in range(cell.col_span - 1))
                for offset in range(cell.col_span):
                    if cell.row_span > 1:
                        carried[column + offset] = cell.row_span - 1
            grid.append(row)
        return Table(rows=tuple(tuple(r) for r in grid))


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.tables: list[_TableBuilder] = []  # a stack: nested tables
        self.ignored = 0  # depth inside ignored elements

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![CDATA[`, `<![if …]>` and the like; a keyword the standard parser does not know
        (`<![NCTYPE`) makes it raise AssertionError, where a browser reads a bogus comment up
        to the next `>`: so does this."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    # -- structure -------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_startendtag(tag, attrs)
            return
        if self.ignored or tag in IGNORED:
            self.ignored += 1
            return
        if tag == "table":
            self._flush()
            if len(self.tables) >= MAX_NESTING:
                raise _TooDeep
            self.tables.append(_TableBuilder())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
            self.tables[-1].cell = None
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.cell = _CellBuilder(
                row_span=_span(values.get("rowspan")), col_span=_span(values.get("colspan"))
            )
            table.rows[-1].append(table.cell)
        elif tag in BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.ignored and tag in ("br", "hr"):
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.ignored:
            self.ignored -= 1
            return
        if tag == "table" and self.tables:
            table = self.tables.pop().to_table()
            if self.tables and self.tables[-1].cell is not None:
                # a nested table: its text goes into the enclosing cell
                lines = (" ".join(c.text for c in row if c.text) for row in table.rows)
                self.tables[-1].cell.parts.append("\n" + "\n".join(lines) + "\n")
            else:
                self.blocks.append(table)
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].cell = None
        elif tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.ignored:
            return
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.parts.append(data)
            return
        self.paragraph.append(data)

    # -- helpers ---------------------------------------------------------------------------
    def _break(self) -> None:
        """A line break: inside a cell it stays a "\\n"; outside, it ends a paragraph."""
        if self.tables:
            cell = self.tables[-1].cell
            if cell is not None:
                cell.parts.append("\n")
            return
        self._flush()

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.paragraph)).strip()
        self.paragraph = []
        if text:
            self.blocks.append(Paragraph(text=text))

    def finish(self) -> list[Block]:
        while self.tables:  # unclosed tables at the end of a broken page
            self.blocks.append(self.tables.pop(0).to_table())
        self._flush()
        return self.blocks


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
