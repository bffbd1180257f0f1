"""Reading rendered .docx files in tests: all text, tables, fonts, page setup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(path: Path) -> DocumentObject:
    return Document(str(path))


def paragraphs(document: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph of the body, including those inside table cells, in order."""

    def walk_table(table: Table) -> Iterator[Paragraph]:
        # python-docx repeats a merged cell once per grid column it spans. The set holds the
        # elements themselves: an id() of a freed lxml proxy can be reused by another cell.
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield from cell.paragraphs
                for inner in cell.tables:
                    yield from walk_table(inner)

    yield from document.paragraphs
    for table in document.tables:
        yield from walk_table(table)


def body_text(document: DocumentObject) -> str:
    """Body (with tables) as one text, a paragraph a line."""
    return "\n".join(p.text for p in paragraphs(document))


def all_text(document: DocumentObject) -> str:
    """Body (with tables), headers and footers as one text, a paragraph a line."""
    parts = [body_text(document)]
    for section in document.sections:
        for part in (section.header, section.footer, section.even_page_footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def east_asia_fonts(paragraph: Paragraph) -> set[str | None]:
    """The eastAsia font each run of `paragraph` shows, following run → paragraph style → Normal."""
    fonts = set()
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        fonts.add(_run_east_asia(run._r) or _style_east_asia(paragraph))
    return fonts


def _run_east_asia(r: object) -> str | None:
    rpr = r.find(qn("w:rPr"))  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def _style_east_asia(paragraph: Paragraph) -> str | None:
    style = paragraph.style
    while style is not None:
        rpr = style.element.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return str(fonts.get(qn("w:eastAsia")))
        style = style.base_style
    return None
