"""Template content as WordprocessingML: paragraphs of styled runs, and bordered tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement

from docgen.layout.gbt9704 import (
    FONT_BODY,
    STYLE_SPECS,
    STYLE_TABLE_HEAD,
    STYLE_TAG,
    TABLE_BORDER,
    TABLE_CELL_MARGIN,
    TABLE_OUTER_BORDER,
    TYPE_AREA_WIDTH,
)
from docgen.layout.oxml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    XmlElement,
    add_tab_stop,
    add_text,
    child,
    child_last,
    paragraph_properties,
    run_properties,
    set_alignment,
    set_attributes,
    set_flag,
    set_fonts,
)


@dataclass(frozen=True)
class Run:
    """A piece of text in one character style (None: the paragraph style's font)."""

    text: str
    style: str | None = None


def new_paragraph(
    style: str,
    runs: Iterable[Run] = (),
    *,
    keep_next: bool = False,
    align: str | None = None,
    right_tab: bool = False,
) -> XmlElement:
    """A w:p in `style` whose runs carry the official font of their style in all four slots.

    A tab in a run's text becomes w:tab, a newline w:br (a line break inside the paragraph).
    """
    paragraph = OxmlElement("w:p")
    ppr = paragraph_properties(paragraph)
    set_attributes(child(ppr, "pStyle", PPR_ORDER), val=style)
    if keep_next:
        set_flag(ppr, "keepNext", True)
    if right_tab:
        add_tab_stop(ppr, TYPE_AREA_WIDTH, "right")
    if align is not None:
        set_alignment(ppr, align)
    paragraph_font = STYLE_SPECS[style].font if style in STYLE_SPECS else FONT_BODY
    for piece in runs:
        run = OxmlElement("w:r")
        if piece.style is not None:
            set_attributes(child(run_properties(run), "rStyle", RPR_ORDER), val=piece.style)
        set_fonts(run, STYLE_SPECS[piece.style].font if piece.style else paragraph_font)
        for line_number, line in enumerate(piece.text.split("\n")):
            if line_number:
                child_last(run, "br")
            for index, segment in enumerate(line.split("\t")):
                if index:
                    child_last(run, "tab")
                if segment:
                    add_text(run, segment)
        paragraph.append(run)
    return paragraph


@dataclass(frozen=True)
class Cell:
    """One table cell: paragraphs of (alignment, text), a column span, a vertical alignment."""

    paragraphs: Sequence[tuple[str | None, str]]
    span: int = 1
    valign: str = "center"


@dataclass(frozen=True)
class Row:
    """One table row; `min_height` in twips (0: as high as its text), `header` repeats it."""

    cells: Sequence[Cell]
    min_height: int = 0
    header: bool = False


def new_table(widths: Sequence[int], rows: Sequence[Row], text_style: str) -> XmlElement:
    """A bordered table with fixed column `widths` (twips, summing to the type area width).

    Rows cannot split across pages; paragraphs in cells use `text_style` (header rows
    STYLE_TABLE_HEAD), and paragraphs holding only a docxtpl tag use STYLE_TAG.
    """
    if sum(widths) != TYPE_AREA_WIDTH:
        raise ValueError(f"column widths sum to {sum(widths)} twips, not {TYPE_AREA_WIDTH}")
    table = OxmlElement("w:tbl")
    tbl_pr = child_last(table, "tblPr")
    set_attributes(child(tbl_pr, "tblW", TBLPR_ORDER), w=TYPE_AREA_WIDTH, type="dxa")
    set_attributes(child(tbl_pr, "jc", TBLPR_ORDER), val="left")
    set_attributes(child(tbl_pr, "tblInd", TBLPR_ORDER), w=0, type="dxa")
    borders = child(tbl_pr, "tblBorders", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = TABLE_BORDER if side.startswith("inside") else TABLE_OUTER_BORDER
        set_attributes(child_last(borders, side), val="single", sz=size, space=0, color="000000")
    set_attributes(child(tbl_pr, "tblLayout", TBLPR_ORDER), type="fixed")
    margins = child(tbl_pr, "tblCellMar", TBLPR_ORDER)
    for side in ("left", "right"):
        set_attributes(child_last(margins, side), w=TABLE_CELL_MARGIN, type="dxa")
    set_attributes(
        child(tbl_pr, "tblLook", TBLPR_ORDER),
        val="0000",
        firstRow=0,
        lastRow=0,
        firstColumn=0,
        lastColumn=0,
        noHBand=1,
        noVBand=1,
    )
    grid = child_last(table, "tblGrid")
    for width in widths:
        set_attributes(child_last(grid, "gridCol"), w=width)
    for row in rows:
        table.append(_new_row(widths, row, text_style))
    return table


def _new_row(widths: Sequence[int], row: Row, text_style: str) -> XmlElement:
    spanned = sum(cell.span for cell in row.cells)
    if spanned != len(widths):
        raise ValueError(f"a row spans {spanned} of {len(widths)} columns")
    tr = OxmlElement("w:tr")
    tr_pr = child_last(tr, "trPr")
    child_last(tr_pr, "cantSplit")
    if row.min_height:
        set_attributes(child_last(tr_pr, "trHeight"), val=row.min_height, hRule="atLeast")
    if row.header:
        child_last(tr_pr, "tblHeader")
    column = 0
    for cell in row.cells:
        tc = child_last(tr, "tc")
        tc_pr = child_last(tc, "tcPr")
        width = sum(widths[column : column + cell.span])
        column += cell.span
        set_attributes(child(tc_pr, "tcW", TCPR_ORDER), w=width, type="dxa")
        if cell.span > 1:
            set_attributes(child(tc_pr, "gridSpan", TCPR_ORDER), val=cell.span)
        set_attributes(child(tc_pr, "vAlign", TCPR_ORDER), val=cell.valign)
        for align, text in cell.paragraphs or [(None, "")]:
            if is_tag_only(text):
                tc.append(new_paragraph(STYLE_TAG, [Run(text)]))
                continue
            style = STYLE_TABLE_HEAD if row.header else text_style
            tc.append(new_paragraph(style, [Run(text)] if text else [], align=align))
    return tr


def is_tag_only(text: str) -> bool:
    """Whether `text` is a docxtpl paragraph/row/cell tag that removes its whole element."""
    stripped = text.strip()
    return stripped.startswith(("{%p ", "{%tr ", "{%tc ")) and stripped.endswith("%}")
