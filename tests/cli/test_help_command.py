"""`docgen help`: the field reference printed from any folder, with no clone of the repository."""

from __future__ import annotations

from pathlib import Path
from typing import get_args
from unicodedata import east_asian_width

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from docgen.case import Case
from docgen.cli import main
from docgen.reference import DEVELOPERS_HEADING, RULES_HEADING, TOPICS, reference_path
from docgen.settings import Settings, parse_settings


def help_in(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(folder)  # not a workspace: help needs none
    return CliRunner().invoke(main, ["help", *args], prog_name="docgen", catch_exceptions=False)


def test_help_case_prints_the_field_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = help_in(tmp_path, monkeypatch, "case")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# 案件文件（cases/*.yaml）与办公设置（docgen.yaml）字段说明\n")
    assert "| 字段 | 必填 | 填写什么 | 示例 |" in out
    for row in ("| `id` | 是 |", "| `petitioners` |", "| `for` | 是 |", "| `example` |"):
        assert row in out, row
    assert "\n## 填写通则\n" in out and "\n## 案件文件\n" in out and "\n### 检查规则一览\n" in out
    assert "## 办公设置" not in out and "## 给开发者" not in out


def test_help_case_follows_the_order_of_a_case_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = help_in(tmp_path, monkeypatch, "case").stdout
    sections = [line for line in out.splitlines() if line.startswith("### ")]
    order = ["基本信息", "信访人", "委托代理人", "诉求", "处理经过", "包案领导", "听证"]
    order += ["化解方案", "办结", "协议", "转送"]
    found = [s.removeprefix("### ").split("（")[0] for s in sections]
    assert [name for name in found if name in order] == order


def _yaml_names(model: type[BaseModel]) -> set[str]:
    """Every key a YAML file for `model` may hold, at any depth (`for`, not `principal`)."""
    names: set[str] = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for inner in _models_in(field.annotation):
            names |= _yaml_names(inner)
    return names


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


@pytest.mark.parametrize(("topic", "model"), [("case", Case), ("settings", Settings)])
def test_every_field_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, topic: str, model: type[BaseModel]
) -> None:
    out = help_in(tmp_path, monkeypatch, topic).stdout
    missing = sorted(name for name in _yaml_names(model) if f"`{name}`" not in out)
    assert missing == []


def test_the_printed_lines_fit_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk reads the reference in a console: 100 columns, a Chinese character taking two."""
    for topic in TOPICS:
        for line in help_in(tmp_path, monkeypatch, topic).stdout.splitlines():
            width = sum(2 if east_asian_width(c) in "WF" else 1 for c in line)
            assert width <= 100, line


def test_help_settings_prints_the_settings_and_nothing_of_the_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = help_in(tmp_path, monkeypatch, "设置")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("## 办公设置\n")
    assert "campaign: {name:" in result.stdout and "holidays:" in result.stdout
    assert "| `transfer_letter` | 转送函 |" in result.stdout
    assert "| `id` |" not in result.stdout and "## 给开发者" not in result.stdout


def test_the_reference_is_the_one_in_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = reference_path().read_text(encoding="utf-8")
    case = help_in(tmp_path, monkeypatch, "case").stdout
    settings = help_in(tmp_path, monkeypatch, "settings").stdout
    body = source.split(f"\n{RULES_HEADING}\n", 1)[1].split(f"\n{DEVELOPERS_HEADING}\n")[0]
    shown = case.split(f"\n{RULES_HEADING}\n", 1)[1] + settings
    assert shown.split() == body.split()  # every word for clerks, once, in order


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


def test_the_settings_example_is_a_valid_docgen_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = help_in(tmp_path, monkeypatch, "settings").stdout
    example = out.split("```yaml\n", 1)[1].split("```", 1)[0]
    settings = parse_settings(example.encode(), Path("docgen.yaml"))
    assert settings.templates.undefined == "strict"
    assert settings.hearing.notice_lead_unit == "calendar"
    assert settings.office.responsibilities[1].name == "包思想疏导"
    assert settings.archive.retention["settlement_agreement"] == "Y"  # the defaults stay
