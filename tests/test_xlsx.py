"""docgen/xlsx.py: a printable table, read back with openpyxl; the same input, the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl

from docgen.xlsx import table_xlsx

HEADERS = ["文号", "案件编号", "收件人", "成文日期"]
ROWS = [
    ["某信听〔2020〕1号", "XF2020-018", "王建国", date(2020, 6, 3)],
    ["某信听〔2020〕2号", "XF2020-018", "李明", None],
]


def written(landscape: bool = True) -> bytes:
    return table_xlsx("文号登记簿 2020", HEADERS, ROWS, [20, 14, 12, 12], landscape=landscape)


def test_the_table_reads_back_with_its_values_and_bold_header() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(written())).active
    assert sheet is not None
    assert [[c.value for c in row] for row in sheet.iter_rows(max_row=1)] == [HEADERS]
    assert sheet["A2"].value == "某信听〔2020〕1号"
    assert sheet["D2"].value.date() == date(2020, 6, 3)
    assert sheet["D3"].value is None
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.title == "文号登记簿 2020"


def test_the_table_is_set_up_for_printing() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(written())).active
    assert sheet is not None
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [20, 14, 12, 12]
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_area == "'文号登记簿 2020'!$A$1:$D$3"


def test_portrait_when_asked() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(written(landscape=False))).active
    assert sheet is not None and sheet.page_setup.orientation == "portrait"


def test_two_writes_are_byte_identical_and_carry_no_clock_time() -> None:
    first = written()
    assert written() == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml")
    assert core.count(b"1980-01-01T00:00:00Z") == 2  # created and modified


def test_a_sheet_name_drops_what_excel_refuses() -> None:
    data = table_xlsx("登记表[2020]/全部", ["文号"], [], [10])
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["登记表_2020__全部"]
