"""Printable Excel tables (登记表, 台账), byte-identical for the same content."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final

Cell = str | int | float | date | None

FIXED_TIME: Final = datetime(1980, 1, 1)
"""Stamped on the workbook and on every zip entry instead of the clock."""
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
_CORE: Final = "docProps/core.xml"
_NOT_IN_SHEET_NAME: Final = re.compile(r"[\[\]:*?/\\]")


def table_xlsx(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    landscape: bool = True,
    autofilter: bool = False,
) -> bytes:
    """One sheet: a bold header row, then `rows`; set up to print on A4, one page wide.

    With `autofilter`, the header row gets Excel's filter buttons (a 台账 is sorted and filtered).

    `widths` are column widths in Excel's character units (a Chinese character is about 2).
    The header row is frozen on screen and repeated on every printed page.

    Why openpyxl is imported here:
        It takes about 0.3 s to import, and every docgen command (and every worker process
        of a render) would pay that; only the commands that write a table need it.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _NOT_IN_SHEET_NAME.sub("_", title)[:31] or "Sheet1"
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body = Alignment(vertical="top", wrap_text=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = body  # one object: each cell would otherwise hash a new one
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = get_column_letter(max(len(headers), 1))
    sheet.freeze_panes = "A2"
    if autofilter:
        sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
    sheet.print_area = f"A1:{last}{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    book.properties.creator = "docgen"
    book.properties.title = title
    book.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    book.properties.modified = FIXED_TIME  # `save` stamped the clock into core.xml
    return _restamped(buffer.getvalue(), tostring(book.properties.to_tree()))


def _restamped(package: bytes, core: bytes) -> bytes:
    """`package` with every entry dated FIXED_TIME and `core` as its docProps/core.xml."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = core if entry.filename == _CORE else source.read(entry)
            target.writestr(zipfile.ZipInfo(entry.filename, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
