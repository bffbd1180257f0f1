"""`docgen register list|void` over the example workspace's register."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import CliInvoker

from docgen.register.store import open_register

REGISTER = Path(".docgen") / "register.db"


@pytest.fixture
def numbered(workspace: Path) -> Path:
    """The workspace with four numbers: two notices (one void), a plan, a notice of 2021."""
    clock = iter(datetime(2020, 6, 1, 9, minute) for minute in range(10))
    with open_register(workspace / REGISTER, clock=lambda: next(clock)) as register:
        notice = "某信听〔{year}〕{n}号"
        register.number_for("XF2020-018", "hearing_notice", "petitioner:王建国", 2020, notice)
        register.number_for(
            "XF2020-018", "resolution_plan", "", 2020, "某信案〔{year}〕{n}号", date(2020, 6, 3)
        )
        register.number_for("XF2020-018", "hearing_notice", "panel:李明", 2020, notice)
        register.number_for("XF2021-002", "hearing_notice", "", 2021, notice)
        register.void("某信听〔2020〕2号", "送达地址错误")
    return workspace


def test_list_prints_an_aligned_table(numbered: Path, cli: CliInvoker) -> None:
    result = cli("register", "list", "--year", "2020")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "文号               文书              案件编号    收件人         成文日期    "
        "状态                  登记时间          备注",
        "某信听〔2020〕1号  听证通知书        XF2020-018  信访人 王建国  2020 年     "
        "有效                  2020-06-01 09:00",
        "某信听〔2020〕2号  听证通知书        XF2020-018  听证员 李明    2020 年     "
        "作废（送达地址错误）  2020-06-01 09:02",
        "某信案〔2020〕1号  “一揽子”化解方案  XF2020-018  —              2020-06-03  "
        "有效                  2020-06-01 09:01",
        "",
        "共 3 个文号，其中作废 1 个。",
    ]


def test_list_by_kind_uses_the_kinds_number_series(numbered: Path, cli: CliInvoker) -> None:
    result = cli("register", "list", "--kind", "service_receipt", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["文号", "文书", "案件编号", "收件人", "成文日期", "状态", "登记时间", "备注"]
    assert [row[0] for row in rows[1:]] == [
        "某信听〔2020〕1号",
        "某信听〔2020〕2号",
        "某信听〔2021〕1号",
    ]


def test_list_refuses_a_kind_without_numbers(numbered: Path, cli: CliInvoker) -> None:
    assert cli("register", "list", "--kind", "closure_approval").exit_code == 2


def test_list_as_xlsx_writes_the_table_into_the_workspace(numbered: Path, cli: CliInvoker) -> None:
    result = cli("register", "list", "--year", "2021", "--format", "xlsx")
    assert result.stdout == "已写入“register-2021.xlsx”（1 个文号）。\n"
    sheet = openpyxl.load_workbook(numbered / "register-2021.xlsx").active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]][:3] == [
        "某信听〔2021〕1号",
        "听证通知书",
        "XF2021-002",
    ]
    assert sheet.title == "文号登记簿（2021 年）"


def test_list_as_xlsx_to_a_chosen_file(numbered: Path, cli: CliInvoker) -> None:
    result = cli("register", "list", "--format", "xlsx", "--output", "out/全部文号.xlsx")
    assert result.stdout == "已写入“out/全部文号.xlsx”（4 个文号）。\n"
    assert openpyxl.load_workbook(numbered / "out" / "全部文号.xlsx").active.max_row == 5  # type: ignore[union-attr]


def test_list_without_a_register_creates_none(workspace: Path, cli: CliInvoker) -> None:
    result = cli("register", "list")
    assert (result.exit_code, result.stdout) == (0, "登记簿中没有符合条件的文号。\n")
    assert not (workspace / ".docgen").exists()


def test_void_keeps_the_number_with_its_reason(numbered: Path, cli: CliInvoker) -> None:
    result = cli("register", "void", "某信听〔2020〕1号", "--reason", "打印有误，已收回销毁")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "已作废文号“某信听〔2020〕1号”（原因：打印有误，已收回销毁）。重新生成该文书时将取得新的文号。\n"
    )
    listed = cli("register", "list", "--format", "csv").stdout
    assert (
        "某信听〔2020〕1号,听证通知书,XF2020-018,信访人 王建国,2020 年,作废（打印有误，已收回销毁）"
        in listed
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["某信听〔2020〕9号", "--reason", "错号"], "登记簿中没有文号“某信听〔2020〕9号”"),
        (
            ["某信听〔2020〕2号", "--reason", "再次"],
            "文号“某信听〔2020〕2号”已于 2020-06-01 09:04 作废（原因：送达地址错误）",
        ),
        (["某信听〔2020〕1号"], "作废文号必须写明原因"),
    ],
)
def test_void_refuses_in_chinese(
    numbered: Path, cli: CliInvoker, args: list[str], expected: str
) -> None:
    result = cli("register", "void", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{Path('.docgen/register.db')}: {expected}")
    assert "Traceback" not in result.stderr


def test_void_without_a_register(workspace: Path, cli: CliInvoker) -> None:
    result = cli("register", "void", "某信听〔2020〕1号", "--reason", "错号")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{REGISTER}: 工作区还没有文号登记簿")
    assert not (workspace / ".docgen").exists()


def test_a_damaged_register_is_a_clerks_error_not_a_crash(workspace: Path, cli: CliInvoker) -> None:
    (workspace / ".docgen").mkdir()
    (workspace / REGISTER).write_text("not a database", encoding="utf-8")
    result = cli("register", "list")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"错误：{REGISTER}: 文件已损坏，或不是文号登记簿（不是 SQLite 数据库）",
        "  docgen 不会覆盖或重建它。请勿删除该文件：先备份，再从备份恢复，或请管理员检查。",
    ]
    assert (workspace / REGISTER).read_text(encoding="utf-8") == "not a database"
