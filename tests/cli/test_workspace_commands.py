"""`docgen new` and `docgen templates`, and `init` over a workspace: looking after one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CliInvoker

import docgen.pipeline.workspace_tasks
from docgen.case import RuleViolation


def test_init_refuses_an_existing_workspace(cli: CliInvoker) -> None:
    result = cli("init")
    assert result.exit_code == 1
    assert "已经是一个工作区" in result.stderr


def test_new_writes_a_commented_skeleton_that_check_explains(
    cli: CliInvoker, workspace: Path
) -> None:
    result = cli("new", "XF2020-099")
    assert result.exit_code == 0, result.stderr
    text = (workspace / "cases" / "XF2020-099.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 案件文件")
    assert "id: XF2020-099" in text
    checked = cli("check", "XF2020-099")
    assert checked.exit_code == 1
    assert "错误：cases/XF2020-099.yaml:" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_new_refuses_an_existing_case_and_a_bad_id(cli: CliInvoker) -> None:
    assert cli("new", "XF2020-018").exit_code == 1
    bad = cli("new", "XF 2020/1")
    assert bad.exit_code == 2
    assert "案件编号只能由英文字母、数字和“-”组成" in bad.stderr
    reserved = cli("new", "con")
    assert reserved.exit_code == 2
    assert "Windows 的保留名称" in reserved.stderr


def test_new_refuses_an_id_that_differs_from_an_existing_case_only_in_letter_case(
    cli: CliInvoker, workspace: Path
) -> None:
    result = cli("new", "xf2020-018")
    assert result.exit_code == 1
    assert "已有案件文件“cases/XF2020-018.yaml”（案件编号不区分大小写）" in result.stderr
    assert not (workspace / "cases" / "xf2020-018.yaml").exists()
    (workspace / "cases" / "XF2020-040.yml").write_text("id: XF2020-040\n", encoding="utf-8")
    assert cli("new", "XF2020-040").exit_code == 1
    assert not (workspace / "cases" / "XF2020-040.yaml").exists()


def test_new_checks_the_id_before_writing_anything(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(text: str) -> str:
        raise RuleViolation("case_id_chars", f"不行（{text}）", "换一个。")

    monkeypatch.setattr(docgen.pipeline.workspace_tasks, "check_case_id", refuse)
    before = sorted((workspace / "cases").iterdir())
    result = cli("new", "XF2020-099")
    assert result.exit_code == 2
    assert "错误：不行（XF2020-099）\n  换一个。" in result.stderr
    assert sorted((workspace / "cases").iterdir()) == before


def test_new_refuses_an_id_that_reads_as_an_option(cli: CliInvoker, workspace: Path) -> None:
    result = cli("new", "--", "-x")
    assert result.exit_code == 2
    assert not (workspace / "cases" / "-x.yaml").exists()


def test_every_command_explains_itself_in_chinese(cli: CliInvoker) -> None:
    commands = [(), ("check",), ("new",), ("render",), ("status",), ("init",), ("templates",)]
    commands += [("templates", name) for name in ("list", "export", "check")]
    for command in commands:
        result = cli(*command, "--help")
        assert result.exit_code == 0, command
        assert "显示本帮助并退出。" in result.stdout, command
        assert "Show this message" not in result.stdout, command
