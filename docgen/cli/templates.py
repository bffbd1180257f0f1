"""`docgen templates list|export|check`: looking after the Word templates."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli.context import DocgenCommandGroup, pass_workspace
from docgen.cli.output import echo_problems
from docgen.docxio import write_atomically
from docgen.engine import check_template, compile_template
from docgen.errors import DocgenError
from docgen.kinds import KINDS
from docgen.workspace import Workspace, default_templates_dir, display_path, read_bytes


@click.group("templates", cls=DocgenCommandGroup)
def templates_group() -> None:
    """模板管理：列出、导出到 templates/ 以便在 Word/WPS 中修改、检查标签。"""


@templates_group.command("list")
@pass_workspace
def list_command(workspace: Workspace) -> None:
    """列出每种文书使用的模板文件，以及它来自工作区还是默认模板。"""
    for kind in KINDS.values():
        own = workspace.templates_dir / kind.template
        source = "工作区" if own.is_file() else "默认"
        click.echo(f"{kind.name:<22}{kind.title}\t{kind.template}（{source}）")


@templates_group.command("export")
@click.option("--force", is_flag=True, help="覆盖工作区中已有的同名模板。")
@pass_workspace
def export_command(workspace: Workspace, force: bool) -> None:
    """把默认模板复制到工作区的 templates/，以便修改措辞和版式。"""
    source = default_templates_dir()
    copied, kept = 0, []
    for kind in KINDS.values():
        target = workspace.templates_dir / kind.template
        if target.resolve() == (source / kind.template).resolve():
            kept.append(kind.template)
            continue
        if target.exists() and not force:
            kept.append(kind.template)
            continue
        write_atomically(read_bytes(source / kind.template), target)
        copied += 1
    if kept:
        click.echo(f"已存在、未覆盖：{'、'.join(kept)}（如需覆盖请加 --force）")
    click.echo(f"已导出 {copied} 个模板到“{display_path(workspace.templates_dir)}”。")


@templates_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_workspace
def check_command(workspace: Workspace, files: tuple[Path, ...]) -> None:
    """检查模板（默认为全部文书的模板）：列出每个标签错误，以及每个模板用到的变量。"""
    problems: list[DocgenError] = []
    paths = list(files)
    for kind in () if files else KINDS.values():
        try:
            paths.append(workspace.template_path(kind.template))
        except DocgenError as err:
            problems.append(err)
    for path in paths:
        shown, blob = str(display_path(path)), read_bytes(path)
        found = check_template(shown, blob)
        problems.extend(found)
        if not found:
            variables = "、".join(sorted(compile_template(shown, blob).variables))
            click.echo(f"{shown}：无问题；用到的变量：{variables}")
    echo_problems(problems)
    click.echo(f"检查了 {len(paths)} 个模板：{len(problems)} 个问题。")
    if problems:
        raise SystemExit(1)
