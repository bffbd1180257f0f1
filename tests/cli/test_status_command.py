"""`docgen status`: stage, case leader and days left of every example case."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import CliInvoker

from docgen import docxio
from docgen.status import LEDGER_HEADERS

TODAY = "2020-06-10"  # XF2020-031 closes that day: no example case is dated ahead of it


def status(cli: CliInvoker, today: str) -> dict[str, dict[str, object]]:
    result = cli("status", "--today", today, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_days_left_count_to_the_plan_deadline_or_the_campaign_end(cli: CliInvoker) -> None:
    rows = status(cli, TODAY)
    assert rows["XF2020-018"]["stage"] == "待听证"
    assert (rows["XF2020-018"]["deadline"], rows["XF2020-018"]["days_left"]) == ("2020-06-30", 20)
    assert rows["XF2020-025"]["stage"] == "化解中"
    assert (rows["XF2020-025"]["deadline"], rows["XF2020-025"]["days_left"]) == ("2020-06-25", 15)
    assert rows["XF2020-031"]["stage"] == "已办结（息诉罢访）"
    assert rows["XF2020-031"]["days_left"] is None
    assert rows["XF2020-007"]["stage"] == "已分流（涉法涉诉）"
    assert rows["XF2020-007"]["days_left"] is None
    assert not any(row["overdue"] for row in rows.values())


def test_a_case_past_its_deadline_is_overdue(cli: CliInvoker) -> None:
    rows = status(cli, "2020-06-27")
    assert rows["XF2020-025"]["days_left"] == -2
    assert rows["XF2020-025"]["overdue"] is True
    assert rows["XF2020-018"]["stage"] == "已听证，待定方案"
    assert rows["XF2020-018"]["days_left"] == 3


def test_the_table_marks_overdue_cases_and_names_the_case_leaders(cli: CliInvoker) -> None:
    result = cli("status", "--today", "2020-06-27")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("XF2020-025"))
    assert "逾期 2 天" in line
    assert "2020-06-25" in line
    header = result.stdout.splitlines()[0]
    assert header.split() == [
        *("案件编号", "案件名称", "阶段", "包案领导", "化解时限", "剩余天数"),
        *("听证日期", "最迟送达日"),
    ]
    assert "李明（副县长）" in result.stdout


def test_csv_has_one_row_per_case(cli: CliInvoker) -> None:
    result = cli("status", "--today", TODAY, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeff案件编号,")  # the BOM: Excel and WPS then read UTF-8
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert sorted(row["案件编号"] for row in rows) == [
        "XF2020-007",
        "XF2020-018",
        "XF2020-025",
        "XF2020-031",
    ]


def test_xlsx_writes_the_ledger_with_one_row_per_case(cli: CliInvoker, workspace: Path) -> None:
    from openpyxl import load_workbook

    (workspace / "output" / "XF2020-025").mkdir(parents=True)
    for name in ("化解方案.docx", "包案责任书.docx", "说明.txt"):
        (workspace / "output" / "XF2020-025" / name).write_bytes(b"x")
    result = cli("status", "--today", "2020-06-27", "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert "已写入台账“台账.xlsx”（4 个案件）" in result.stdout
    sheet = load_workbook(workspace / "台账.xlsx").active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == list(LEDGER_HEADERS)
    rows = {row[0]: dict(zip(LEDGER_HEADERS, row, strict=True)) for row in table[1:]}
    assert sorted(rows) == ["XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"]
    assert rows["XF2020-025"]["剩余天数/逾期天数"] == "逾期 2 天"
    assert rows["XF2020-025"]["文书份数"] == 2
    assert rows["XF2020-031"]["结果"] == "息诉罢访"
    assert rows["XF2020-025"]["待归档签收件"] == 0  # no 文号 issued yet
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:O5")
    assert sheet.page_setup.orientation == "landscape"


def test_csv_with_an_output_file_is_written_there(cli: CliInvoker, workspace: Path) -> None:
    result = cli("status", "--today", TODAY, "--format", "csv", "-o", "台账.csv")
    assert result.exit_code == 0, result.stderr
    assert (workspace / "台账.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_output_into_a_missing_folder_is_refused(cli: CliInvoker, workspace: Path) -> None:
    result = cli("status", "--format", "xlsx", "-o", "没有/台账.xlsx")
    assert result.exit_code == 1
    assert "文件夹“没有”不存在" in result.stderr
    assert not (workspace / "没有").exists()


def test_a_locked_ledger_is_left_as_it_was(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "台账.xlsx").write_bytes(b"old")

    def locked(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(docxio.os, "replace", locked)
    result = cli("status", "--format", "xlsx")
    assert result.exit_code == 1
    assert "无法写入" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in workspace.iterdir() if "台账" in p.name) == ["台账.xlsx"]
    assert (workspace / "台账.xlsx").read_bytes() == b"old"


def test_a_bad_date_is_a_usage_error_in_chinese(cli: CliInvoker) -> None:
    result = cli("status", "--today", "2020-02-30")
    assert result.exit_code == 2
    assert "不是有效日期" in result.stderr


def test_an_upcoming_hearing_shows_the_last_day_to_serve_its_notices(cli: CliInvoker) -> None:
    table = cli("status", "--today", TODAY)
    assert table.exit_code == 0, table.stderr
    line = next(line for line in table.stdout.splitlines() if line.startswith("XF2020-018"))
    assert line.split()[-2:] == ["2020-06-12", "2020-06-05"]
    rows = json.loads(cli("status", "--today", TODAY, "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert (by_id["XF2020-018"]["hearing"], by_id["XF2020-018"]["notice_by"]) == (
        "2020-06-12",
        "2020-06-05",
    )
    assert by_id["XF2020-025"]["hearing"] is None  # held on 2020-05-15, past
    csv_text = cli("status", "--today", TODAY, "--format", "csv").stdout
    ledger = {r["案件编号"]: r for r in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))}
    assert ledger["XF2020-018"]["听证日期"] == "2020-06-12"


def test_an_entry_that_is_not_a_file_is_named_as_missing_from_the_table(
    cli: CliInvoker, workspace: Path
) -> None:
    (workspace / "cases" / "dangling.yaml").symlink_to(workspace / "cases" / "missing.yaml")
    result = cli("status", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "警告：cases/dangling.yaml: 不是普通文件（" in result.stderr
    assert "XF2020-018" in result.stdout


def test_a_case_is_closed_from_its_closure_date_on(cli: CliInvoker, workspace: Path) -> None:
    early = cli("status", "--today", "2020-06-09", "--format", "json")
    assert early.exit_code == 1  # a closure dated ahead of today is an error, never 已办结
    lines = (workspace / "cases" / "XF2020-031.yaml").read_text(encoding="utf-8").splitlines()
    where = f"cases/XF2020-031.yaml:{lines.index('closure:') + 2}:3: closure.date: "
    assert f"{where}办结日期（2020-06-10）晚于今天（2020-06-09）" in early.stderr
    assert "已办结" not in early.stdout
    closed = status(cli, "2020-06-10")["XF2020-031"]
    assert (closed["stage"], closed["days_left"]) == ("已办结（息诉罢访）", None)


@pytest.mark.parametrize("output_format", ["xlsx", "csv"])
def test_a_read_only_ledger_is_left_as_it_was(
    cli: CliInvoker, workspace: Path, output_format: str
) -> None:
    target = workspace / f"台账.{output_format}"
    target.write_bytes(b"old")
    target.chmod(0o444)
    result = cli("status", "--today", TODAY, "--format", output_format, "-o", target.name)
    assert result.exit_code == 1
    assert f"错误：无法写入“台账.{output_format}”：这个文件是只读的，没有改动" in result.stderr
    assert "取消“只读”" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in workspace.iterdir() if "台账" in p.name) == [target.name]


def test_an_output_onto_a_folder_is_a_usage_error_in_chinese(
    cli: CliInvoker, workspace: Path
) -> None:
    (workspace / "台账").mkdir()
    result = cli("status", "--format", "xlsx", "-o", "台账")
    assert result.exit_code == 2
    assert "错误：“-o”/“--output”的值不对：“台账”是文件夹。请检查路径。" in result.stderr
    assert list((workspace / "台账").iterdir()) == []


def test_an_output_into_a_file_taken_for_a_folder_is_refused(
    cli: CliInvoker, workspace: Path
) -> None:
    (workspace / "报表").write_bytes(b"a file")
    result = cli("status", "--format", "xlsx", "-o", "报表/台账.xlsx")
    assert result.exit_code == 1
    assert "无法写入“报表/台账.xlsx”：文件夹“报表”不是文件夹" in result.stderr
    assert (workspace / "报表").read_bytes() == b"a file"


def test_an_output_folder_that_cannot_be_written_is_named(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(docxio.tempfile, "mkstemp", refused)  # a read-only folder, even for root
    result = cli("status", "--today", TODAY, "--format", "xlsx", "-o", "台账.xlsx")
    assert result.exit_code == 1
    assert "错误：无法写入文件夹" in result.stderr and "没有权限" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workspace / "台账.xlsx").exists()
