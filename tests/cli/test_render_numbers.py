"""`docgen render` fills each 文号 from the register: allocated once, kept, never reused."""

from __future__ import annotations

from pathlib import Path

from conftest import CliInvoker
from docxread import all_text, open_docx

from docgen.register.store import open_register

RENDER_DATE = "2020-06-01"
REGISTER = Path(".docgen") / "register.db"


def text_of(workspace: Path, case_id: str, name: str) -> str:
    return all_text(open_docx(workspace / "output" / case_id / name))


def test_each_notice_carries_its_number_and_its_receipt_the_same(
    cli: CliInvoker, workspace: Path
) -> None:
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    assert "某信听〔2020〕1号" in text_of(workspace, "XF2020-018", "听证通知书-王建国.docx")
    assert "某信听〔2020〕1号" in text_of(workspace, "XF2020-018", "送达回证-王建国.docx")
    assert "某信听〔2020〕3号" in text_of(workspace, "XF2020-018", "听证通知书-周敏.docx")
    assert "　　号" not in text_of(workspace, "XF2020-025", "一揽子化解方案.docx")
    with open_register(workspace / REGISTER) as register:
        texts = [number.text for number in register.list(2020, "hearing_notice")]
    assert texts == [f"某信听〔2020〕{n}号" for n in range(1, len(texts) + 1)]  # no gap


def test_a_rerender_keeps_every_number(cli: CliInvoker, workspace: Path) -> None:
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    with open_register(workspace / REGISTER) as register:
        first = register.list()
    assert cli("render", "--date", RENDER_DATE, "XF2020-018").exit_code == 0
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    with open_register(workspace / REGISTER) as register:
        assert register.list() == first


def test_a_voided_number_is_replaced_on_the_next_render_with_a_warning(
    cli: CliInvoker, workspace: Path
) -> None:
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    with open_register(workspace / REGISTER) as register:
        count = len(register.list(2020, "hearing_notice"))
    assert cli("register", "void", "某信听〔2020〕1号", "--reason", "送达地址错误").exit_code == 0
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 0, result.stderr
    new = f"某信听〔2020〕{count + 1}号"
    assert f"原文号“某信听〔2020〕1号”已作废，本次改用“{new}”" in result.stderr
    assert "cases/XF2020-018.yaml" in result.stderr
    assert new in text_of(workspace, "XF2020-018", "听证通知书-王建国.docx")
    assert new in text_of(workspace, "XF2020-018", "送达回证-王建国.docx")
    again = cli("render", "--date", RENDER_DATE)
    assert "已作废" not in again.stderr


def test_serials_restart_in_the_year_of_issue(cli: CliInvoker, workspace: Path) -> None:
    case = workspace / "cases" / "XF2020-018.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("  notice_date: 2020-06-01\n", ""),
        encoding="utf-8",
    )
    result = cli("render", "--date", "2021-01-04", "XF2020-018")
    assert result.exit_code == 0, result.stderr
    assert "某信听〔2021〕1号" in text_of(workspace, "XF2020-018", "听证通知书-王建国.docx")


def test_check_allocates_nothing(cli: CliInvoker, workspace: Path) -> None:
    assert cli("check").exit_code == 0
    assert not (workspace / REGISTER).exists()


def test_a_broken_register_stops_the_render_before_anything_is_written(
    cli: CliInvoker, workspace: Path
) -> None:
    (workspace / REGISTER).parent.mkdir()
    (workspace / REGISTER).write_bytes(b"not a database at all" * 100)
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 1
    assert "错误：.docgen/register.db: 文件已损坏，或不是文号登记簿" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workspace / "output").exists()
