"""docgen/due.py and `docgen due`: every kind of reminder, overdue first, then the soonest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CliInvoker


def edit(workspace: Path, case_id: str, *replacements: tuple[str, str]) -> None:
    path = workspace / "cases" / f"{case_id}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def crafted(workspace: Path) -> Path:
    """The examples, with a hearing whose notice is not yet out and a closed case still to pay."""
    edit(workspace, "XF2020-018", ("  date: 2020-06-12\n", "  date: 2020-06-19\n"))
    edit(workspace, "XF2020-018", ("  notice_date: 2020-06-01\n", ""))
    edit(
        workspace,
        "XF2020-031",
        ("  date: 2020-06-10\n", "  date: 2020-06-01\n"),
        ("pay_by: 2020-06-05", "pay_by: 2020-06-12"),
    )
    return workspace


def due(cli: CliInvoker, *args: str) -> list[dict[str, object]]:
    result = cli("due", "--today", "2020-06-08", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.mark.usefixtures("crafted")
def test_every_kind_of_item_in_order(cli: CliInvoker) -> None:
    rows = due(cli, "--days", "25")
    got = [(row["date"], row["case"], str(row["item"])[:8]) for row in rows]
    assert got == [
        ("2020-06-05", "XF2020-025", "复查期限届满（自"),  # 30 日 from stage_received 2020-05-06
        ("2020-06-05", "XF2020-025", "措施完成时限：督"),
        ("2020-06-10", "XF2020-025", "措施完成时限：核"),
        ("2020-06-12", "XF2020-018", "听证通知书最迟送"),
        ("2020-06-12", "XF2020-031", "协议金额 120"),
        ("2020-06-15", "XF2020-025", "措施完成时限：对"),
        ("2020-06-19", "XF2020-018", "听证（09:30"),
        ("2020-06-20", "XF2020-025", "措施完成时限：落"),
        ("2020-06-25", "XF2020-025", "化解时限"),
        ("2020-06-30", "", "信访积案化解百日"),
    ]
    assert [row["overdue"] for row in rows] == [True] * 2 + [False] * 8
    assert rows[0]["days_left"] == -3


@pytest.mark.usefixtures("crafted")
def test_only_the_next_days_are_listed_but_every_overdue_item(cli: CliInvoker) -> None:
    rows = due(cli, "--days", "2")
    assert [(row["date"], row["overdue"]) for row in rows] == [
        ("2020-06-05", True),
        ("2020-06-05", True),
        ("2020-06-10", False),
    ]


@pytest.mark.usefixtures("crafted")
def test_the_table_marks_overdue_rows_and_counts_them(cli: CliInvoker) -> None:
    result = cli("due", "--today", "2020-06-08")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["日期", "剩余天数", "案件编号", "案件名称", "事项"]
    assert "逾期 3 天" in lines[1]
    assert "共 6 项，其中逾期 2 项。" in result.stdout


def test_overdue_rows_are_red_on_a_terminal(crafted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from docgen.cli import main

    monkeypatch.chdir(crafted)
    result = CliRunner().invoke(main, ["due", "--today", "2020-06-08"], color=True)
    red = [line for line in result.stdout.splitlines() if line.startswith("\x1b[31m")]
    assert len(red) == 2 and all("逾期 3 天" in line for line in red)


@pytest.mark.usefixtures("crafted")
def test_csv_opens_in_excel(cli: CliInvoker) -> None:
    result = cli("due", "--today", "2020-06-08", "--format", "csv")
    assert result.stdout.startswith("\ufeff日期,剩余天数,案件编号,案件名称,事项")


def test_nothing_due_says_so(cli: CliInvoker, workspace: Path) -> None:
    (workspace / "cases" / "XF2020-031.yaml").unlink()  # closed 2020-06-10: not yet on 05-01
    result = cli("due", "--today", "2020-05-01", "--days", "3")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("今后 3 天内没有到期的事项。\n", "")


@pytest.mark.usefixtures("crafted")
def test_xlsx_writes_one_row_per_item_under_the_headers(cli: CliInvoker, workspace: Path) -> None:
    from openpyxl import load_workbook

    result = cli("due", "--today", "2020-06-08", "--days", "25", "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    items = due(cli, "--days", "25")
    assert f"已写入“提醒.xlsx”（{len(items)} 项）" in result.stdout
    sheet = load_workbook(workspace / "提醒.xlsx").active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == ["日期", "剩余天数", "案件编号", "案件名称", "事项"]
    assert [row[4] for row in table[1:]] == [item["item"] for item in items]
    assert table[1][1:3] == ["逾期 3 天", "XF2020-025"]
    assert table[-1][2] == "—"  # the campaign's end belongs to no case
    assert (sheet.freeze_panes, sheet.page_setup.orientation) == ("A2", "landscape")


@pytest.mark.usefixtures("crafted")
def test_csv_with_an_output_file_is_written_there_with_a_bom(
    cli: CliInvoker, workspace: Path
) -> None:
    result = cli("due", "--today", "2020-06-08", "--format", "csv", "-o", "提醒.csv")
    assert result.exit_code == 0, result.stderr
    assert (workspace / "提醒.csv").read_bytes().startswith("\ufeff日期,".encode())


def test_an_output_into_a_missing_folder_is_refused(cli: CliInvoker, workspace: Path) -> None:
    result = cli("due", "--today", "2020-06-10", "--format", "xlsx", "-o", "没有/提醒.xlsx")
    assert result.exit_code == 1
    assert "错误：无法写入“没有/提醒.xlsx”：文件夹“没有”不存在" in result.stderr
    assert not (workspace / "没有").exists()


def test_the_statutory_period_of_the_stage_is_listed_until_the_case_closes(
    cli: CliInvoker, workspace: Path
) -> None:
    def periods(*args: str) -> list[tuple[object, ...]]:
        rows = due(cli, "--days", "60", *args)  # on 2020-06-08
        return [(r["date"], r["case"], r["item"]) for r in rows if "期限届满" in str(r["item"])]

    example = workspace / "cases" / "XF2020-031.yaml"
    closed = example.read_text(encoding="utf-8")
    example.write_text(closed[: closed.index("\nclosure:\n") + 1], encoding="utf-8")  # open
    assert periods() == [
        ("2020-06-05", "XF2020-025", "复查期限届满（自2020-05-06起30日）"),
        ("2020-06-09", "XF2020-031", "办理期限届满（自2020-04-10起60日）"),  # closes on 06-10
        ("2020-07-20", "XF2020-018", "办理期限届满（自2020-04-20起90日）"),  # 07-19 is a Sunday
    ]
    edit(workspace, "XF2020-025", ("stage: 复查\n", "stage: 已终结\n"))
    assert [case for _, case, _ in periods()] == ["XF2020-031", "XF2020-018"]
    example.write_text(closed, encoding="utf-8")  # closed on 2020-06-10: no period from then on
    assert [case for _, case, _ in periods("--today", "2020-06-10")] == ["XF2020-018"]
