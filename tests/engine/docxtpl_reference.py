"""Render a template with docxtpl 0.20.2 and read paragraphs and tables, to compare with docgen.

The reference outputs of the parity tests are made here, in the test, from the same template
bytes; docxtpl is a dev dependency only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from lxml import etree

from tests.engine.conftest import W

Cell = tuple[int, str, str, str]  # (grid span, vMerge value or "", fill or "", text)
Block = str | list[list[Cell]]  # a body paragraph's text, or a table's rows


def docxtpl_render(blob: bytes, context: Mapping[str, object]) -> bytes:
    """`blob` rendered by docxtpl, autoescaped as docgen's values are."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(blob))
    template.render(dict(context), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def body_shape(docx: bytes, member: str = "word/document.xml") -> list[Block]:
    """The part's top-level paragraphs (text) and tables (rows of span, merge, text)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read(member))
    body = root.find(W + "body")
    container = body if body is not None else root
    return [_block(child) for child in container if child.tag in (W + "p", W + "tbl")]


def _block(element: etree._Element) -> Block:
    if element.tag == W + "p":
        return _text(element)
    rows = []
    for row in element.findall(W + "tr"):
        cells = []
        for cell in row.findall(W + "tc"):
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            merged = "" if merge is None else merge.get(W + "val", "continue")
            shading = cell.find(f"{W}tcPr/{W}shd")
            fill = "" if shading is None else shading.get(W + "fill", "")
            paragraphs = [_text(p) for p in cell.findall(W + "p")]
            width = 1 if span is None else int(span.get(W + "val") or 1)
            cells.append((width, merged, fill, "|".join(paragraphs)))
        rows.append(cells)
    return rows


def _text(paragraph: etree._Element) -> str:
    shown = {W + "br": "\n", W + "tab": "\t"}
    return "".join(
        shown.get(e.tag, e.text or "") for e in paragraph.iter(W + "t", W + "br", W + "tab")
    )
