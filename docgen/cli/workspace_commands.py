"""`docgen init`: a new workspace for the current year that renders at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.options import resolve_today, today_option
from docgen.pipeline import init_workspace
from docgen.workspace import CASES_DIR, SETTINGS_FILE, Workspace, display_path


@click.command("init", cls=DocgenCommand)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@today_option("按该日所在年份生成攻坚行动日期和示例（默认今天）。")
@click.option("--empty", is_flag=True, help="不写示例案件，cases/ 为空。")
@pass_workspace
def init_command(
    workspace: Workspace, directory: Path | None, today: dt.date | None, empty: bool
) -> None:
    """新建工作区：本年度的 docgen.yaml（带说明）和一个示例案件（模板使用内置默认模板）。

    DIRECTORY 默认为 -C 指定的文件夹（不指定则为当前文件夹）。示例案件标有 example: true，
    照常检查和生成文书，但不计入 status、due 和台账。
    """
    directory = directory or workspace.root
    today = resolve_today(today)
    _, *cases = init_workspace(directory, today, example=not empty)
    example = f"（含示例案件“{display_path(cases[0])}”）" if cases else ""
    click.echo(
        f"已在“{display_path(directory)}”建立 {today.year} 年的工作区：{SETTINGS_FILE}、"
        f"{CASES_DIR}/{example}。\n"
        "下一步：修改 docgen.yaml 中的单位信息和攻坚行动日期，用 docgen new 案件编号 新建案件，"
        "运行 docgen check 和 docgen render。字段说明：docgen help case、docgen help settings。"
    )
