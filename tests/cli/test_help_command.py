"""`docgen help`: the field reference printed from any folder, with no clone of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.reference import reference_path


def help_in(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(folder)  # not a workspace: help needs none
    return CliRunner().invoke(main, ["help", *args], prog_name="docgen", catch_exceptions=False)


def test_help_case_prints_the_field_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = help_in(tmp_path, monkeypatch, "case")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# 案件文件（cases/*.yaml）与办公设置（docgen.yaml）字段说明\n")
    assert "| field | type | required | meaning |" in out
    for row in ("| `id` |", "| `petitioners` |", "| `closure` |", "| `example` |"):
        assert row in out, row
    assert "Closure: `date` date (办结日期" in out and "Cross-field rules" in out
    assert "## Office settings" not in out


def test_help_settings_prints_the_settings_and_nothing_of_the_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = help_in(tmp_path, monkeypatch, "设置")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("## Office settings (`docgen.yaml`")
    assert "campaign: {name:" in result.stdout and "holidays:" in result.stdout
    assert "| `id` |" not in result.stdout


def test_the_reference_is_the_one_in_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = reference_path().read_text(encoding="utf-8")
    case = help_in(tmp_path, monkeypatch, "case").stdout
    settings = help_in(tmp_path, monkeypatch, "settings").stdout
    body = source.split("\nGeneral rules\n", 1)[1]
    shown = case.split("\nGeneral rules\n", 1)[1] + settings
    assert shown.split() == body.split()  # every word of the reference, once, in order


def test_help_names_the_topics_and_gives_a_command_its_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    topics = help_in(tmp_path, monkeypatch)
    assert "docgen help case" in topics.stdout and "docgen help settings" in topics.stdout
    render = help_in(tmp_path, monkeypatch, "render")
    assert render.exit_code == 0
    assert render.stdout.startswith("用法：docgen render [选项]")


def test_an_unknown_topic_is_a_usage_error_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = help_in(tmp_path, monkeypatch, "cases")
    assert result.exit_code == 2
    assert "错误：没有“cases”这个主题或命令。主题有：case、settings" in result.stderr
