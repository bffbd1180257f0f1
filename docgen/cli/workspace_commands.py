"""`docgen init`: a new workspace that renders at once."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli.context import DocgenCommand
from docgen.pipeline import init_workspace
from docgen.workspace import CASES_DIR, SETTINGS_FILE, display_path


@click.command("init", cls=DocgenCommand)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(directory: Path) -> None:
    """新建工作区：带说明的 docgen.yaml 和一个示例案件（模板使用内置默认模板）。"""
    init_workspace(directory)
    click.echo(
        f"已在“{display_path(directory)}”建立工作区：{SETTINGS_FILE}、{CASES_DIR}/。\n"
        "下一步：修改 docgen.yaml 中的单位信息，运行 docgen check 和 docgen render。"
    )
