"""docgen/pipeline/catalog.py: the 归档文件目录 (DA/T 22) as .xlsx and as a GB/T 9704 .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from archive.signed import pdf_bytes, write
from conftest import CliInvoker
from docxread import open_docx
from libreoffice import convert

from docgen.archive import Item
from docgen.kinds import KINDS
from docgen.pipeline.catalog import CATALOG_HEADERS, archival_code, catalog_rows
from docgen.register.store import open_register, recipient_key
from docgen.settings import DEFAULT_RETENTION, Settings

NOTICE = "某信听〔{year}〕{n}号"


def item(piece: int, kind: str = "hearing_notice", **extra: object) -> Item:
    fields: dict[str, object] = {
        "id": piece,
        "year": 2020,
        "piece": piece,
        "case_id": "XF2020-018",
        "kind": kind,
        "recipient_key": "petitioner:王建国",
        "doc_number": f"某信听〔2020〕{piece}号",
        "title": "听证通知书（王建国）",
        "issued": "2020-06-01",
        "pages": 2,
        "archived_at": "2020-06-05 10:00:00",
        "archived_by": "刘洋",
        "note": "",
        "supersedes": None,
        "reason": "",
    }
    return Item(**{**fields, **extra})  # type: ignore[arg-type]


def settings(**archive: object) -> Settings:
    return Settings.model_validate({"archive": {"fonds": "Z109", **archive}})


def test_the_档号_joins_fonds_category_year_retention_and_piece() -> None:
    assert archival_code(item(7), settings()) == "Z109-WS·2020-D10-0007"
    assert archival_code(item(1, "settlement_agreement"), settings()) == "Z109-WS·2020-Y-0001"
    assert archival_code(item(12), settings(unit="BGS")) == "Z109-WS·2020-D10-BGS-0012"
    overridden = settings(retention={"hearing_notice": "D30"})
    assert archival_code(item(3), overridden) == "Z109-WS·2020-D30-0003"


def test_rows_have_8_digit_dates_and_say_what_replaces_what() -> None:
    old = item(1)
    new = item(2, doc_number=old.doc_number, supersedes=1, reason="原扫描件不清晰", note="补扫")
    unissued = item(3, doc_number=None, issued=None, pages=None, title="息诉罢访协议书")
    rows = catalog_rows([old, new, unissued], settings())
    assert [row["date"] for row in rows] == ["20200601", "20200601", "20200605"]
    assert [row["remark"] for row in rows] == [
        "已由第0002件替换",
        "补扫；替换第0001件：原扫描件不清晰",
        "",
    ]
    assert rows[0]["author"] == "某某县信访局" and rows[2]["pages"] == ""
    assert [row["number"] for row in rows] == ["1", "2", "3"]


@pytest.fixture
def archived(workspace: Path, cli: CliInvoker) -> Path:
    """The example workspace with two notices archived in 2020."""
    with open_register(workspace / ".docgen" / "register.db") as register:
        for name in ("王建国", "王建军"):
            key = recipient_key("petitioner", name)
            register.number_for("XF2020-018", "hearing_notice", key, 2020, NOTICE, date(2020, 6, 1))
    for n, pages in ((1, 2), (2, 1)):
        write(workspace / f"{n}.pdf", pdf_bytes(pages, marker=str(n)))
        result = cli("archive", "add", f"{n}.pdf", "--number", f"某信听〔2020〕{n}号")
        assert result.exit_code == 0, result.stderr
    return workspace


def test_catalog_writes_the_xlsx_with_one_row_per_item(archived: Path, cli: CliInvoker) -> None:
    from openpyxl import load_workbook

    result = cli("archive", "catalog", "--year", "2020", "--by", "刘洋")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "已写入“归档文件目录-2020.xlsx”和“归档文件目录-2020.docx”（2 件）。\n"
    sheet = load_workbook(archived / "归档文件目录-2020.xlsx").active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == list(CATALOG_HEADERS)
    assert table[1:] == [
        [1, "Z109-WS·2020-D10-0001", "某信听〔2020〕1号", "某某县信访局",
         "听证通知书（王建国）", "20200601", None, 2, None],
        [2, "Z109-WS·2020-D10-0002", "某信听〔2020〕2号", "某某县信访局",
         "听证通知书（王建军）", "20200601", None, 1, None],
    ]  # fmt: skip
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert cli("archive", "verify").exit_code == 0  # the export is in the log, the chain holds


def test_catalog_docx_lists_the_items_and_opens_in_libreoffice(
    archived: Path, cli: CliInvoker, tmp_path: Path
) -> None:
    assert cli("archive", "catalog", "--year", "2020").exit_code == 0
    docx = archived / "归档文件目录-2020.docx"
    (table,) = open_docx(docx).tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == list(CATALOG_HEADERS)
    assert [row[1] for row in cells[1:]] == ["Z109-WS·2020-D10-0001", "Z109-WS·2020-D10-0002"]
    assert [row[5] for row in cells[1:]] == ["20200601", "20200601"]
    pdf = convert(docx, tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_catalog_of_a_year_without_items_is_refused(archived: Path, cli: CliInvoker) -> None:
    result = cli("archive", "catalog", "--year", "2019")
    assert result.exit_code == 1
    assert "2019 年没有归档的文书" in result.stderr


def test_a_retention_for_no_kind_is_named_in_docgen_yaml(archived: Path, cli: CliInvoker) -> None:
    settings_file = archived / "docgen.yaml"
    text = settings_file.read_text("utf-8").replace(
        "    closure_approval: Y", "    hearing_notise: Y"
    )
    settings_file.write_text(text, "utf-8")
    result = cli("archive", "catalog", "--year", "2020")
    assert result.exit_code == 1
    assert "docgen.yaml: archive.retention.hearing_notise: “hearing_notise”不是 docgen 的文书" in (
        result.stderr
    )


def test_every_kind_has_a_default_retention() -> None:
    assert set(DEFAULT_RETENTION) == set(KINDS)
