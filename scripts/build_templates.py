#!/usr/bin/env python3
"""Build docgen's default Word templates (templates/*.docx) from templates/source/*.txt.

usage: python scripts/build_templates.py [--out DIR] [KIND ...]

Each document kind has one source file, templates/source/<kind>.txt, holding the wording in a
small line format (described in templates/source/README.md and in `parse_source` below); the
layout (GB/T 9704-2012 page, styles, fonts, page numbers) comes from docgen.layout. The output
is deterministic: the same sources give byte-identical .docx files.

Source format, one paragraph per line:

    # comment                     ignored (only at the start of a line)
    .name 听证通知书              the document's name (core properties title)
    .title TEXT                   title: 2号方正小标宋简体, centred; `//` starts a new line
    .number TEXT                  文号 line under the title, right-aligned
    .flush TEXT                   paragraph without first-line indent (主送机关, 甲方/乙方)
    .p TEXT                       body paragraph, first line indented two characters
    .h1 TEXT                      一、 heading in 黑体;  `.h1 一、标题。 || 正文` runs on in 仿宋
    .h2 TEXT                      （一） heading in 楷体_GB2312; ` || ` works as for .h1
    .blank                        an empty line
    .sign TEXT                    署名: room for the seal above, centred over the date
    .date TEXT                    成文日期, 右空四字
    .signline TEXT                a signature line (甲方（盖章）：…), kept with what follows
    .dateline TEXT                a date line for handwriting (年　月　日), 右空四字
    .formhead LEFT >>> RIGHT      a line above a form: LEFT flush left, RIGHT flush right
    .note TEXT                    a note under a form, in the form's type
    .gap                          an empty line in the form's type (22 pt)
    {%p ... %}                    a docxtpl paragraph tag, alone on its own line
    .table KIND W1 W2 ...         a table: flow (in the text, 四号 on the line grid), form (a
                                  one-page form, 四号) or compact (小四); column widths in mm,
                                  summing to 156 (the type area)
    .row [min=MM] [header]        options of the next table row
    | cell | cell |               a table row (until `.end`)
    .end                          end of the table

A line starting with spaces continues the paragraph (or table row) above it. In a cell,
`{N}` first makes it span N columns, `_` puts its text at the bottom, `//` separates its
paragraphs, and a paragraph starting with `^`, `>` or `<` is centred, right- or left-aligned.
A row holding only a `{%tr ... %}` tag spans the whole table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from docx.oxml.ns import qn  # noqa: E402

from docgen import layout  # noqa: E402
from docgen.kinds import KINDS  # noqa: E402

SOURCE_DIR = ROOT / "templates" / "source"
EXTRA_TEMPLATES = ("archive_catalog",)  # templates of no document kind: the 归档文件目录
DEFAULT_OUT = ROOT / "templates"
MM = layout.TWIPS_PER_MM
TABLE_STYLES = {
    "flow": layout.STYLE_TABLE_TEXT,  # in the running text: 四号, 28.95 pt lines on the grid
    "form": layout.STYLE_FORM_TEXT,  # a one-page form: 四号, 22 pt lines
    "compact": layout.STYLE_COMPACT_FORM_TEXT,  # a dense one-page form: 小四, 20 pt lines
}
_ALIGN_MARKS = {"^": "center", ">": "right", "<": "left"}


class SourceError(Exception):
    """Raised when a template source file breaks the line format."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class Line:
    """A logical source line: its directive, text and first physical line number."""

    number: int
    directive: str
    text: str


@dataclass
class TableSource:
    """A table being read: its kind, widths (mm) and rows with their options."""

    kind: str
    widths_mm: list[float]
    rows: list[layout.Row] = field(default_factory=list)
    next_min_mm: float = 0.0
    next_header: bool = False


def logical_lines(path: Path) -> Iterator[Line]:
    """The source's lines with continuations joined and comments dropped."""
    current: Line | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or (raw.startswith("#")):
            continue
        if raw[:1].isspace():
            if current is None:
                raise SourceError(path, number, "a continuation line has nothing to continue")
            current.text += raw.strip()
            continue
        if current is not None:
            yield current
        stripped = raw.strip()
        if stripped.startswith("{%p "):
            current = Line(number, "tag", stripped)
        elif stripped.startswith("|"):
            current = Line(number, "cells", stripped)
        elif stripped.startswith("."):
            directive, _, text = stripped.partition(" ")
            current = Line(number, directive[1:], text.strip())
        else:
            raise SourceError(path, number, f"unknown line (no directive): {stripped[:20]}")
    if current is not None:
        yield current


def split_outside_tags(text: str, separator: str) -> list[str]:
    """Split `text` at `separator`, except inside Jinja `{{ }}` / `{% %}` tags."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text.startswith(("{{", "{%"), i):
            depth += 1
            i += 2
        elif text.startswith(("}}", "%}"), i):
            depth -= 1
            i += 2
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
        else:
            i += 1
    parts.append(text[start:])
    return parts


def parse_cell(text: str) -> layout.Cell:
    """A cell from its source text: `{N}` span, `_` bottom, `//` paragraphs, `^ > <` marks."""
    text = text.strip()
    span = 1
    if text.startswith("{") and not text.startswith(("{{", "{%")):
        number, _, text = text[1:].partition("}")
        span = int(number)
        text = text.strip()
    valign = "center"
    if text.startswith("_"):
        valign, text = "bottom", text[1:].strip()
    paragraphs: list[tuple[str | None, str]] = []
    for piece in split_outside_tags(text, "//"):
        piece = piece.strip()
        align = _ALIGN_MARKS.get(piece[:1])
        paragraphs.append((align, piece[1:].strip() if align else piece))
    return layout.Cell(paragraphs, span, valign)


def parse_row(text: str, table: TableSource) -> layout.Row:
    """A table row from `| a | b |`; a row holding only a `{%tr %}` tag spans every column."""
    inner = text.strip()[1:-1]
    cells = [parse_cell(piece) for piece in split_outside_tags(inner, "|")]
    if len(cells) == 1 and layout.is_tag_only(inner):
        cells = [layout.Cell([(None, inner.strip())], span=len(table.widths_mm))]
    return layout.Row(cells, min_height=round(table.next_min_mm * MM), header=table.next_header)


def column_widths(widths_mm: Sequence[float]) -> list[int]:
    """Column widths in twips; the last column absorbs rounding so they sum to the type area."""
    widths = [round(w * MM) for w in widths_mm]
    widths[-1] += layout.TYPE_AREA_WIDTH - sum(widths)
    return widths


class Builder:
    """Appends the paragraphs and tables of one template to a fresh GB/T 9704 document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document = layout.new_document()
        body = self.document.element.body
        self._section = body.find(qn("w:sectPr"))
        self._last_text: layout.XmlElement | None = None
        self._previous = ""  # the last directive, template tags aside
        self.signer = ""  # the 署名 (`.sign`): the PDF's author
        self._added: list[layout.XmlElement] = []  # paragraphs and tables, in order
        self.name = ""

    def add(self, element: layout.XmlElement, *, text: bool = True) -> layout.XmlElement:
        self._section.addprevious(element)
        if text:
            self._last_text = element
        self._added.append(element)
        return element

    def paragraph(self, style: str, text: str, *, keep_next: bool = False) -> None:
        runs = [layout.Run(text)] if text else []
        self.add(layout.new_paragraph(style, runs, keep_next=keep_next))

    def keep_closing_with_signature(self) -> None:
        """Keep the closing lines (特此通知。/ 此致 机关) and the body paragraph before them with
        the 署名 or signature lines that follow.

        Why:
            GB/T 9704 7.3.5: a page must never hold only the closing, 署名 and 成文日期. Which
            paragraph comes before the closing depends on the data when it stands in a
            `{%p if %}` block, so the last paragraph of every branch that can be rendered
            there is kept, back to the first body paragraph that is always rendered.
        """
        blocks: list[bool] = []  # per open block, walking back: whether it has an else
        branch_end, body_found = True, False
        for element in reversed(self._added):
            word = _tag_word(element)
            if word in ("endif", "endfor"):
                blocks.append(False)
                branch_end = True
            elif word in ("else", "elif"):
                if blocks and word == "else":
                    blocks[-1] = True
                branch_end = True
            elif word in ("if", "for"):
                exhaustive = blocks.pop() if blocks else False
                if not blocks and exhaustive and word == "if" and body_found:
                    return  # one of its branches is always rendered before the closing
            elif word is not None:
                continue
            elif element.tag != qn("w:p"):
                if not blocks and body_found:
                    return  # a table
                branch_end = False
            else:
                if branch_end or not blocks:
                    layout.set_flag(layout.paragraph_properties(element), "keepNext", True)
                branch_end = False
                if not _closing_like(element):
                    body_found = True
                    if not blocks:
                        return

    def keep_previous_with_next(self) -> None:
        """Keep the last text paragraph on the page of what follows (署名 with the body)."""
        if self._last_text is not None:
            layout.set_flag(layout.paragraph_properties(self._last_text), "keepNext", True)

    def heading(self, style: str, char_style: str, text: str) -> None:
        """A heading alone on its line is kept with what follows (never last on a page); a
        run-in heading's paragraph never leaves its first line alone at the foot of a page."""
        heading, _, run_on = (part.strip() for part in text.partition(" || "))
        if not run_on:
            self.paragraph(style, heading, keep_next=True)
            return
        runs = [layout.Run(heading, char_style), layout.Run(run_on)]
        paragraph = self.add(layout.new_paragraph(layout.STYLE_BODY, runs))
        layout.set_flag(layout.paragraph_properties(paragraph), "widowControl", True)

    def body(self, text: str) -> None:
        """A body paragraph; one opening with 一、 or （一） is a run-in heading (same faces)."""
        found = layout.run_in_heading(text)
        if found is None:
            self.paragraph(layout.STYLE_BODY, text)
            return
        char_style, heading, rest = found
        style = {layout.STYLE_HEADING1_CHAR: layout.STYLE_HEADING1}.get(
            char_style, layout.STYLE_HEADING2
        )
        self.heading(style, char_style, f"{heading} || {rest}" if rest.strip() else heading)

    def line(self, line: Line) -> None:
        simple = {
            "title": layout.STYLE_TITLE,
            "number": layout.STYLE_DOC_NUMBER,
            "flush": layout.STYLE_FLUSH,
            "date": layout.STYLE_DATE,
            "note": layout.STYLE_FORM_TEXT,
            "gap": layout.STYLE_FORM_TEXT,
        }
        kind, text = line.directive, line.text
        if kind == "title":  # `//` breaks the title into lines (梯形 or 菱形)
            text = "\n".join(part.strip() for part in split_outside_tags(text, "//"))
        previous = self._previous
        if kind == "flush" and previous == "number":
            self.paragraph(layout.STYLE_BODY, "")  # 主送机关: one blank line under the 文号
        if kind != "tag":
            self._previous = kind
        if kind == "name":
            self.name = text
        elif kind == "p":
            self.body(text)
        elif kind == "tag":
            self.add(layout.new_paragraph(layout.STYLE_TAG, [layout.Run(text)]), text=False)
        elif kind in simple:
            self.paragraph(simple[kind], text)
        elif kind == "h1":
            self.heading(layout.STYLE_HEADING1, layout.STYLE_HEADING1_CHAR, text)
        elif kind == "h2":
            self.heading(layout.STYLE_HEADING2, layout.STYLE_HEADING2_CHAR, text)
        elif kind == "blank":
            self.keep_previous_with_next()
            self.paragraph(layout.STYLE_BODY, "", keep_next=True)
        elif kind == "sign":
            self.signer = text
            self.keep_closing_with_signature()
            for _ in range(layout.SEAL_ROOM_LINES):
                self.paragraph(layout.STYLE_BODY, "", keep_next=True)
            self.paragraph(layout.STYLE_SIGNATURE, text, keep_next=True)
        elif kind in ("signline", "dateline"):
            if kind == "signline" and previous not in ("signline", "dateline"):
                self.keep_closing_with_signature()  # the first line of a signature block
            else:
                self.keep_previous_with_next()
            style = layout.STYLE_FLUSH if kind == "signline" else layout.STYLE_DATE
            self.paragraph(style, text, keep_next=True)
        elif kind == "formhead":
            left, _, right = (part.strip() for part in text.partition(">>>"))
            run = layout.Run(f"{left}\t{right}")
            self.add(layout.new_paragraph(layout.STYLE_FORM_TEXT, [run], right_tab=True))
        else:
            raise SourceError(self.path, line.number, f"unknown directive .{kind}")

    def table(self, table: TableSource, number: int) -> None:
        try:
            element = layout.new_table(
                column_widths(table.widths_mm), table.rows, TABLE_STYLES[table.kind]
            )
        except ValueError as err:
            raise SourceError(self.path, number, str(err)) from err
        self.add(element)


_BRANCH_ENDS = frozenset({"endif", "else", "elif", "endfor"})


_CLOSING_FORMULAS = frozenset({"此致", "此致。", "敬礼", "此复", "此复。"})


def _closing_like(paragraph: layout.XmlElement) -> bool:
    """Whether `paragraph` belongs to the closing: empty, 特此通知。/此致, or an addressee line."""
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    flush = style is not None and style.get(qn("w:val")) == layout.STYLE_FLUSH
    return (
        not text
        or flush
        or text in _CLOSING_FORMULAS
        or (text.startswith("特此") and len(text) <= 5)
    )


def _tag_word(element: layout.XmlElement | None) -> str | None:
    """The keyword of a `{%p … %}` tag paragraph (if, elif, else, endif, for, endfor)."""
    if element is None or element.tag != qn("w:p"):
        return None
    text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
    if not text.startswith("{%p "):
        return None
    words = text[4:].split()
    return words[0] if words else None


def build(kind: str, source_dir: Path = SOURCE_DIR) -> bytes:
    """The .docx bytes of the template for `kind`, built from its source file."""
    path = source_dir / f"{kind}.txt"
    builder = Builder(path)
    table: TableSource | None = None
    table_line = 0
    for line in logical_lines(path):
        if table is None and line.directive == "table":
            table, table_line = _table_source(path, line), line.number
        elif table is None:
            builder.line(line)
        elif line.directive == "end":
            builder.table(table, table_line)
            table = None
        elif line.directive == "cells":
            if not line.text.endswith("|"):
                raise SourceError(path, line.number, "a table row must end with |")
            table.rows.append(parse_row(line.text, table))
            table.next_min_mm, table.next_header = 0.0, False
        elif line.directive == "row":
            _row_options(path, line, table)
        else:
            raise SourceError(path, line.number, f"unexpected .{line.directive} inside a table")
    if table is not None:
        raise SourceError(path, table_line, "table without .end")
    if not builder.name:
        raise SourceError(path, 1, "the source has no .name line")
    # the rendered document's title (shown by Word, carried into PDFs) is its 文书名, its
    # author the office, its creation date the 成文日期 (the PDF's creation date too)
    # (the author is the 署名; only names the template uses: a template of no document kind
    # has no office or date)
    text = path.read_text(encoding="utf-8")
    return layout.docx_bytes(
        builder.document,
        title="{{ doc_title }}",
        subject=kind,
        author=builder.signer or ("{{ office.name }}" if "office." in text else "docgen"),
        created="{{ issued }}T00:00:00Z" if "issued" in text else None,
    )


def _table_source(path: Path, line: Line) -> TableSource:
    kind, *widths = line.text.split()
    if kind not in TABLE_STYLES:
        known = ", ".join(TABLE_STYLES)
        raise SourceError(path, line.number, f"table kind must be one of {known}, not {kind}")
    try:
        return TableSource(kind, [float(w) for w in widths])
    except ValueError as err:
        raise SourceError(path, line.number, f"column widths must be numbers: {err}") from err


def _row_options(path: Path, line: Line, table: TableSource) -> None:
    """`.row min=MM header`: options of the next row."""
    for option in line.text.split():
        name, _, value = option.partition("=")
        if name == "min" and value:
            table.next_min_mm = float(value)
        elif name == "header" and not value:
            table.next_header = True
        else:
            raise SourceError(path, line.number, f"unknown row option {option}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("kinds", nargs="*", metavar="KIND", help="only these kinds (default all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="source directory")
    args = parser.parse_args(argv)
    known = (*KINDS, *EXTRA_TEMPLATES)
    unknown = sorted(set(args.kinds) - set(known))
    if unknown:
        parser.error(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(known)}")
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in args.kinds or known:
        try:
            data = build(kind, args.source)
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        target = args.out / f"{kind}.docx"
        target.write_bytes(data)
        print(f"{target} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
