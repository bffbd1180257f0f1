"""`docgen check` end to end: each planted problem is located, exit 1, no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CliInvoker

from docgen import pipeline

CASE = "cases/XF2020-018.yaml"


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def plant(workspace: Path, edit: str | bytes) -> None:
    target = workspace / CASE
    if isinstance(edit, bytes):
        target.write_bytes(edit)
    else:
        target.write_text(edit, encoding="utf-8")


def original(workspace: Path) -> str:
    return (workspace / CASE).read_text(encoding="utf-8")


def test_the_example_workspace_is_clean(cli: CliInvoker) -> None:
    result = cli("check")
    assert result.exit_code == 0, result.stderr
    assert "检查了 4 个案件文件：0 个错误" in result.stdout


# (name, edit of the original text, the text that marks the expected line, field, words)
PLANTED = [
    (
        "duplicate key",
        lambda t: t.replace("category: 征地拆迁\n", "category: 征地拆迁\ncategory: 土地\n"),
        "category: 土地",
        "",
        "重复出现",
    ),
    (
        "impossible date",
        lambda t: t.replace("date: 2020-06-12", "date: 2020-02-30"),
        "date: 2020-02-30",
        "hearing.date",
        "不是有效日期（2020-02-30）",
    ),
    (
        "wrong check digit",
        lambda t: t.replace('"419901196503122032"', '"419901196503122031"'),
        "419901196503122031",
        "petitioners[0].id_number",
        "校验位不正确",
    ),
    (
        "unquoted id number",
        lambda t: t.replace('"419901196503122032"', "419901196503122032"),
        "id_number: 419901196503122032",
        "petitioners[0].id_number",
        "引号",
    ),
    (
        "unknown key",
        lambda t: t.replace('    phone: "13803710001"', '    phnoe: "13803710001"'),
        "phnoe",
        "petitioners[0].phnoe",
        "是否要写 phone",
    ),
    (
        "tab indentation",
        lambda t: t.replace(
            '    gender: 男\n    id_number: "419901', '    gender: 男\n\tid_number: "419901'
        ),
        "\tid_number",
        "",
        "制表符",
    ),
    (
        "yaml syntax error",
        lambda t: t.replace("place: 县信访局三楼听证室", "place: [县信访局三楼听证室"),
        "place: [",
        "",
        "YAML 格式错误",
    ),
    (
        "missing required field",
        lambda t: t.replace("title: 王建国、王建军反映土地征收补偿问题\n", ""),
        "id: XF2020-018",
        "title",
        "缺少必填字段",
    ),
]


@pytest.mark.parametrize(
    ("name", "edit", "marker", "field", "words"), PLANTED, ids=[p[0] for p in PLANTED]
)
def test_a_planted_problem_is_reported_at_its_line(
    cli: CliInvoker, workspace: Path, name: str, edit, marker: str, field: str, words: str
) -> None:
    text = edit(original(workspace))
    assert text != original(workspace), "the edit must change the file"
    plant(workspace, text)
    result = cli("check", CASE)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr + result.stdout
    expected_line = line_of(text, marker) if name != "yaml syntax error" else None
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert problem_lines, result.stderr
    first = problem_lines[0]
    assert first.startswith(f"错误：{CASE}:"), first
    if expected_line is not None:
        assert f"{CASE}:{expected_line}:" in first, (first, expected_line)
    if field:
        assert f": {field}: " in first, first
    assert words in first, first


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "文件是空的"),
        ("- id: XF2020-018\n- title: 王建国\n".encode(), "列表"),
        ("id: XF2020-018\ntitle: 王建国反映\n".encode("gb18030"), "UTF-8"),
    ],
    ids=["empty file", "top-level list", "non-UTF-8 bytes"],
)
def test_an_unreadable_file_is_reported_by_name(
    cli: CliInvoker, workspace: Path, content: bytes, words: str
) -> None:
    plant(workspace, content)
    result = cli("check", CASE)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"错误：{CASE}:" in result.stderr
    assert words in result.stderr


def test_several_problems_in_one_file_are_all_reported(cli: CliInvoker, workspace: Path) -> None:
    text = (
        original(workspace)
        .replace('"419901196503122032"', '"419901196503122031"')
        .replace('    phone: "13903710002"', '    phnoe: "13903710002"')
        .replace("received: 2016-03-02", "received: 2016-02-30")
    )
    plant(workspace, text)
    result = cli("check", "XF2020-018")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 3, result.stderr
    assert {line_of(text, m) for m in ("419901196503122031", "phnoe", "received:")} == {
        int(line.split(":")[1]) for line in errors
    }


def test_json_format_lists_problems_as_data(cli: CliInvoker, workspace: Path) -> None:
    text = original(workspace).replace('"419901196503122032"', '"419901196503122031"')
    plant(workspace, text)
    result = cli("check", "--format", "json", CASE)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    (problem,) = report["problems"]
    assert problem["field"] == "petitioners[0].id_number"
    assert problem["line"] == line_of(text, "419901196503122031")


def test_a_case_id_used_twice_is_an_error(cli: CliInvoker, workspace: Path) -> None:
    (workspace / "cases" / "copy.yaml").write_text(original(workspace), encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert "cases/copy.yaml:" in result.stderr or "XF2020-018.yaml:" in result.stderr
    assert "重复" in result.stderr


def test_an_unknown_case_name_is_a_usage_error(cli: CliInvoker) -> None:
    result = cli("check", "XF1999-001")
    assert result.exit_code == 2
    assert "找不到案件“XF1999-001”" in result.stderr


def test_a_broken_settings_file_is_located(cli: CliInvoker, workspace: Path) -> None:
    settings = workspace / "docgen.yaml"
    text = settings.read_text(encoding="utf-8").replace("end: 2020-06-30", "end: 2020-06-31")
    settings.write_text(text, encoding="utf-8")
    for command in ("check", "render", "status"):
        result = cli(command)
        assert result.exit_code == 1, command
        assert f"错误：docgen.yaml:{line_of(text, 'end: 2020-06-31')}:" in result.stderr
        assert "campaign.end" in result.stderr
        assert "Traceback" not in result.stderr


def test_case_ids_differing_only_in_letter_case_are_duplicates(
    cli: CliInvoker, workspace: Path
) -> None:
    text = original(workspace).replace("id: XF2020-018", "id: xf2020-018")
    (workspace / "cases" / "lower.yaml").write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.exit_code == 1
    assert "错误：cases/lower.yaml:2:" in result.stderr
    assert "与“cases/XF2020-018.yaml”中的“XF2020-018”重复" in result.stderr


def test_entries_that_are_not_files_are_named_and_skipped(cli: CliInvoker, workspace: Path) -> None:
    cases = workspace / "cases"
    os.mkfifo(cases / "fifo.yaml")  # opening it would block for ever
    (cases / "dangling.yaml").symlink_to(cases / "missing.yaml")
    (cases / "loop.yaml").symlink_to(cases / "loop.yaml")
    (cases / "zero.yaml").symlink_to("/dev/zero")
    result = cli("check")
    assert result.exit_code == 0, result.stderr
    assert "检查了 4 个案件文件：0 个错误，4 个警告。" in result.stdout
    for name in ("fifo", "dangling", "loop", "zero"):
        assert f"警告：cases/{name}.yaml: 不是普通文件（" in result.stderr


def test_worker_processes_report_the_same_problems_in_the_same_order(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(workspace, original(workspace).replace("date: 2020-06-12", "date: 2020-02-30"))
    clash = (workspace / "cases" / "XF2020-025.yaml").read_text(encoding="utf-8")
    for n in range(3):
        (workspace / "cases" / f"copy{n}.yaml").write_text(
            clash.replace("id: XF2020-025", "id: xf2020-025"), encoding="utf-8"
        )
    monkeypatch.setitem(pipeline.PARALLEL_FROM, "check", 0)
    one, two = cli("check", "--jobs", "1"), cli("check", "--jobs", "2")
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 1
    assert one.stderr.count("与“cases/XF2020-025.yaml”中的“XF2020-025”重复") == 3
