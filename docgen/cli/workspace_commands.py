"""`docgen init`: a new workspace that renders at once."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli.context import DocgenCommand
from docgen.docxio import write_atomically
from docgen.errors import WorkspaceError
from docgen.skeletons import EXAMPLE_CASE_ID, example_case, settings_skeleton
from docgen.workspace import CASES_DIR, SETTINGS_FILE, display_path


@click.command("init", cls=DocgenCommand)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(directory: Path) -> None:
    """新建工作区：带说明的 docgen.yaml 和一个示例案件（模板使用内置默认模板）。"""
    settings = directory / SETTINGS_FILE
    if settings.exists():
        raise WorkspaceError(
            f"“{display_path(settings)}”已存在，这里已经是一个工作区",
            hint="如要重新开始，请换一个空文件夹。",
        )
    write_atomically(settings_skeleton().encode("utf-8"), settings)
    case = directory / CASES_DIR / f"{EXAMPLE_CASE_ID}.yaml"
    if not case.exists():
        write_atomically(example_case().encode("utf-8"), case)
    click.echo(
        f"已在“{display_path(directory)}”建立工作区：{SETTINGS_FILE}、{CASES_DIR}/。\n"
        "下一步：修改 docgen.yaml 中的单位信息，运行 docgen check 和 docgen render。"
    )
