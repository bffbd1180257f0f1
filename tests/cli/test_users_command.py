"""`docgen users add|list|remove`: the password asked twice and hidden, never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.users import USERS_FILE, load_users, password_matches


def users(workspace: Path, *args: str, typed: str = "") -> Result:
    return CliRunner().invoke(main, ["-C", str(workspace), "users", *args], input=typed)


def test_a_user_is_added_listed_and_removed(workspace: Path) -> None:
    added = users(workspace, "add", "刘洋", typed="很长的密码123\n很长的密码123\n")
    assert added.exit_code == 0, added.output
    assert "已保存用户“刘洋”" in added.stdout
    assert "很长的密码123" not in added.output  # hidden while typed
    assert password_matches(load_users(workspace)["刘洋"], "很长的密码123")
    assert users(workspace, "list").stdout == "刘洋\n"
    assert users(workspace, "remove", "刘洋").exit_code == 0
    assert "还没有用户" in users(workspace, "list").stdout


def test_two_different_passwords_are_asked_again(workspace: Path) -> None:
    typed = "很长的密码123\n另一个密码123\n很长的密码456\n很长的密码456\n"
    added = users(workspace, "add", "刘洋", typed=typed)
    assert added.exit_code == 0
    assert password_matches(load_users(workspace)["刘洋"], "很长的密码456")


@pytest.mark.parametrize(
    ("args", "typed", "said"),
    [
        (("add", "刘 洋"), "", "不能作为用户名"),
        (("add", "刘洋"), "短\n短\n", "密码太短"),
        (("remove", "没有这人"), "", "没有用户“没有这人”"),
    ],
)
def test_bad_input_is_refused_in_chinese(
    workspace: Path, args: tuple[str, ...], typed: str, said: str
) -> None:
    result = users(workspace, *args, typed=typed)
    assert result.exit_code == 2
    assert said in result.stderr and "Traceback" not in result.output
    assert not (workspace / USERS_FILE).exists()
