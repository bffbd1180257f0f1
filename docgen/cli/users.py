"""`docgen users add|list|remove`: the clerks who may log in to the page served on the LAN."""

from __future__ import annotations

import click

from docgen.cli.context import DocgenCommandGroup, pass_workspace
from docgen.users import add_user, check_name, load_users, remove_user
from docgen.workspace import Workspace


@click.group("users", cls=DocgenCommandGroup)
def users_group() -> None:
    """网页用户：在局域网提供网页（serve --host）时，每位工作人员用自己的用户名和密码登录。"""


@users_group.command("add")
@click.argument("name")
@pass_workspace
def add_command(workspace: Workspace, name: str) -> None:
    """添加用户 NAME，或为已有用户设置新密码（输入两次，不显示）。"""
    check_name(name)  # before the prompt, so a bad name costs no typing
    password = click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次", err=True)
    add_user(workspace.root, name, password)
    click.echo(f"已保存用户“{name}”。")


@users_group.command("list")
@pass_workspace
def list_command(workspace: Workspace) -> None:
    """列出网页用户。"""
    users = load_users(workspace.root)
    if not users:
        click.echo("还没有用户；用 docgen users add 姓名 添加。")
    for name in sorted(users):
        click.echo(name)


@users_group.command("remove")
@click.argument("name")
@pass_workspace
def remove_command(workspace: Workspace, name: str) -> None:
    """删除用户 NAME；其已登录的网页会话随即失效。"""
    remove_user(workspace.root, name)
    click.echo(f"已删除用户“{name}”。")
