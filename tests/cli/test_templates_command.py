"""`docgen templates export|check`: the CLI prints what the pipeline found."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from conftest import CliInvoker

import docgen.pipeline.workspace_tasks
from docgen.errors import Location, TemplateError


class LinkedImageWarning(TemplateError):
    """Stands in for the engine's TemplateWarning: reported, but no reason to stop."""

    label: ClassVar[str] = "警告"
    fatal: ClassVar[bool] = False


def test_templates_export_copies_the_defaults_without_overwriting(
    cli: CliInvoker, tmp_path: Path
) -> None:
    assert cli("init", str(tmp_path)).exit_code == 0
    first = cli("-C", str(tmp_path), "templates", "export")
    assert first.exit_code == 0
    assert "已导出 11 个模板" in first.stdout
    edited = tmp_path / "templates" / "hearing_notice.docx"
    edited.write_bytes(b"edited")
    again = cli("-C", str(tmp_path), "templates", "export")
    assert "已导出 0 个模板" in again.stdout
    assert edited.read_bytes() == b"edited"
    assert "（工作区）" in cli("-C", str(tmp_path), "templates", "list").stdout


def test_templates_check_lists_the_variables_of_sound_templates(cli: CliInvoker) -> None:
    result = cli("templates", "check")
    assert result.exit_code == 0, result.stderr
    assert "templates/hearing_notice.docx：无问题；用到的变量：" in result.stdout
    assert "检查了 11 个模板：0 个错误，0 个警告。" in result.stdout


def test_templates_check_passes_when_the_only_findings_are_warnings(
    cli: CliInvoker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def check(name: str, blob: bytes, lenient: bool = False) -> list[TemplateError]:
        return [LinkedImageWarning("图片链接到外部文件", Location(Path(name), 3))]

    monkeypatch.setattr(docgen.pipeline.workspace_tasks, "check_template", check)
    result = cli("templates", "check")
    assert result.exit_code == 0, result.stderr
    assert "警告：templates/hearing_notice.docx:3: 图片链接到外部文件" in result.stderr
    assert "templates/hearing_notice.docx：0 个错误，1 个警告；用到的变量：" in result.stdout
    assert "检查了 11 个模板：0 个错误，11 个警告。" in result.stdout


def test_templates_check_fails_on_an_error(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "templates" / "closure_notice.docx").write_bytes(b"not a zip")
    result = cli("templates", "check")
    assert result.exit_code == 1
    assert "错误：templates/closure_notice.docx" in result.stderr
    assert "检查了 11 个模板：1 个错误，0 个警告。" in result.stdout


def test_export_into_a_fresh_workspace_names_what_it_kept(cli: CliInvoker, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path)).exit_code == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "closure_notice.docx").write_bytes(b"mine")
    result = cli("-C", str(tmp_path), "templates", "export")
    assert "已存在、未覆盖：closure_notice.docx（如需覆盖请加 --force）" in result.stdout
    assert "已导出 10 个模板" in result.stdout
    forced = cli("-C", str(tmp_path), "templates", "export", "--force")
    assert "已导出 11 个模板" in forced.stdout
    assert (tmp_path / "templates" / "closure_notice.docx").read_bytes() != b"mine"
