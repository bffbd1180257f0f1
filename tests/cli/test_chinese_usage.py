"""Click's usage errors and help, in Chinese for every command: a clerk never reads `Usage:`."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from docgen.cli import main

ENGLISH = ("Usage:", "Error:", "Options:", "Commands:", "Try '", "No such", "Missing ", "Invalid ")


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*path, name))
        else:
            yield (*path, name)


ALL = list(command_paths(main))


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen", catch_exceptions=False)


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "docgen")
def test_a_bad_option_is_refused_in_chinese(path: tuple[str, ...]) -> None:
    result = run(*path, "--no-such-option")
    assert result.exit_code == 2
    text = result.output + result.stderr
    assert not [word for word in ENGLISH if word in text], text
    assert "错误：没有“--no-such-option”这个选项" in result.stderr
    assert f"用法：docgen {' '.join(path)}".rstrip() in result.stderr


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "docgen")
def test_help_is_chinese_and_has_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert not [word for word in ENGLISH if word in result.stdout], result.stdout
    assert has_chinese(result.stdout)
    assert "用法：" in result.stdout
    assert "示例：\n  docgen" in result.stdout


def test_a_mistyped_command_suggests_the_closest() -> None:
    result = run("statsu")
    assert result.exit_code == 2
    assert "错误：没有“statsu”这个命令。您是不是要用“status”？" in result.stderr
    nested = run("templates", "lst")
    assert "您是不是要用“list”？" in nested.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new",), "错误：缺少参数“CASE_ID”。"),
        (("status", "--format", "xml"), "错误：“--format”的值不对：“xml”不是可选的值"),
        (("init", "a", "b"), "错误：多余的参数：b。"),
        (("check", "--today"), "错误：选项“--today”后面要写一个值。"),
        (("render", "--jobs", "0"), "错误：“--jobs”/“-j”的值不对：0 超出范围"),
    ],
)
def test_click_messages_are_said_in_chinese(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr], result.stderr
