"""`docgen serve`: the web page of the office on this machine (docgen.web)."""

from __future__ import annotations

import datetime as dt

import click

from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.options import today_option
from docgen.workspace import Workspace


@click.command("serve", cls=DocgenCommand)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="监听地址；本机以外的地址（局域网）须先用 docgen users add 添加用户。",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8700, show_default=True, help="端口。"
)
@today_option("网页按该日显示期限、生成文书（默认每天的今天；用于演示和补办）。")
@pass_workspace
def serve_command(workspace: Workspace, host: str, port: int, today: dt.date | None) -> None:
    """在本机浏览器中使用：案件台账、编辑检查、生成文书、听证周、归档、提醒和攻坚进度。

    启动后在浏览器打开 http://127.0.0.1:8700/ ；按 Ctrl+C 停止。
    """
    from docgen.web import serve  # only this command needs the web libraries

    click.echo(f"网页已启动：http://{host}:{port}/ （按 Ctrl+C 停止）")
    serve(workspace.root, host, port, today)
