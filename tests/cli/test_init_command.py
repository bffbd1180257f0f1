"""`docgen init`: a workspace for the current year, whose example case counts nowhere."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.settings import parse_settings


def run_in(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(folder), *args], catch_exceptions=False)


def init(tmp_path: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "office"), *args])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "office"


def test_init_in_2026_gives_a_2026_campaign_and_no_overdue_case(tmp_path: Path) -> None:
    office = init(tmp_path, "--today", "2026-03-02")
    settings = parse_settings((office / "docgen.yaml").read_bytes(), Path("docgen.yaml"))
    campaign = settings.campaign
    assert (campaign.start, campaign.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert settings.numbering["hearing_notice"] == "某信听〔{year}〕{n}号"
    for today in ("2026-03-02", "2026-12-31"):  # the example's hearing ahead, then long past
        status = run_in(office, "status", "--today", today, "--format", "json")
        assert status.exit_code == 0, status.stderr
        assert json.loads(status.stdout) == []  # the example is not a case of the office
        table = run_in(office, "status", "--today", today)
        assert "逾期" not in table.stdout
        assert "没有要列出的案件（示例案件不计入）" in table.stdout


def test_the_example_is_marked_checked_and_rendered_but_due_nowhere(tmp_path: Path) -> None:
    office = init(tmp_path, "--today", "2026-03-02")
    (example,) = (office / "cases").iterdir()
    assert example.name == "XF2026-000.yaml"
    text = example.read_text(encoding="utf-8")
    assert "\nexample: true\n" in text and "不计入 status、due 和台账" in text
    assert "hearing:\n  date: 2026-06-12\n" in text
    checked = run_in(office, "check", "--today", "2026-03-02")
    assert checked.exit_code == 0, checked.stderr
    assert "0 个错误，0 个警告" in checked.stdout
    due = run_in(office, "due", "--today", "2026-06-10", "--format", "json")
    assert [row["case"] for row in json.loads(due.stdout)] == []
    assert due.exit_code == 0


def test_the_example_renders_without_spending_a_number_and_is_never_sent(tmp_path: Path) -> None:
    office = init(tmp_path, "--today", "2026-03-02")
    rendered = run_in(office, "render", "--today", "2026-03-02")
    assert rendered.exit_code == 0, rendered.stderr
    assert (office / "output" / "XF2026-000" / "听证通知书-王建国.docx").is_file()
    assert run_in(office, "register", "list").stdout.startswith("登记簿中没有符合条件的文号")
    window = ("--from", "2026-06-01", "--to", "2026-06-30", "--today", "2026-03-02")
    notices = run_in(office, "notices", *window)
    assert notices.exit_code == 0, notices.stderr
    assert "没有安排听证的案件" in notices.stdout


def test_empty_writes_the_settings_and_an_empty_cases_folder(tmp_path: Path) -> None:
    office = init(tmp_path, "--empty", "--today", "2026-03-02")
    assert sorted(p.name for p in office.iterdir()) == ["cases", "docgen.yaml"]
    assert list((office / "cases").iterdir()) == []
    assert run_in(office, "check", "--today", "2026-03-02").exit_code == 0


@pytest.mark.parametrize(
    ("year", "says"),
    [
        ("2026", "2026 年的放假调休安排已内置，不用填写。"),
        ("2027", "内置日历没有 2027 年的放假安排，请按通知填写："),
    ],
)
def test_the_holidays_block_says_whether_the_year_must_be_entered(
    tmp_path: Path, year: str, says: str
) -> None:
    office = init(tmp_path, "--today", f"{year}-03-02")
    assert says in (office / "docgen.yaml").read_text(encoding="utf-8")
    checked = run_in(office, "check", "--today", f"{year}-03-02")
    assert (checked.exit_code, checked.stderr) == (0, "")


def test_init_defaults_to_the_real_year(tmp_path: Path) -> None:
    office = init(tmp_path)
    text = (office / "docgen.yaml").read_text(encoding="utf-8")
    assert f"  start: {date.today().year}-01-01\n" in text


def test_init_into_a_file_is_refused_in_chinese_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "office").mkdir()
    (tmp_path / "office" / "cases").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "office")])
    assert result.exit_code == 1
    assert "无法建立文件夹" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "office").iterdir()) == ["cases"]


def test_init_without_a_folder_starts_the_workspace_named_by_c(tmp_path: Path) -> None:
    result = run_in(tmp_path / "积案", "init", "--empty", "--today", "2026-03-02")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "积案" / "docgen.yaml").is_file()
