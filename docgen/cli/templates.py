"""`docgen templates list|export|check`: looking after the Word templates."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli.context import DocgenCommandGroup, pass_workspace
from docgen.cli.output import echo_problems, problem_counts
from docgen.kinds import KINDS
from docgen.pipeline import check_template_files, export_templates
from docgen.workspace import Workspace, display_path


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
    export = export_templates(workspace, force=force)
    if export.kept:
        click.echo(f"已存在、未覆盖：{'、'.join(export.kept)}（如需覆盖请加 --force）")
    click.echo(f"已导出 {len(export.copied)} 个模板到“{display_path(workspace.templates_dir)}”。")


@templates_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_workspace
def check_command(workspace: Workspace, files: tuple[Path, ...]) -> None:
    """检查模板（默认为全部文书的模板）：列出每个标签错误、每个模板用到的变量和本类文书
    不提供的变量，并按 GB/T 9704 检查版式（纸张、页边距、行距、字体、页码），版式问题为警告。

    只有警告时退出码为 0，有错误时为 1。
    """
    check = check_template_files(workspace, files)
    for template in check.templates:
        if template.variables is not None:
            verdict = problem_counts(template.problems) if template.problems else "无问题"
            mode = "（宽松模式）" if template.lenient else ""
            line = f"{template.path}{mode}：{verdict}；用到的变量：{'、'.join(template.variables)}"
            if template.unprovided:
                line += f"；本类文书不提供：{'、'.join(template.unprovided)}"
            click.echo(line)
    echo_problems(check.problems)
    click.echo(f"检查了 {len(check.templates)} 个模板：{problem_counts(check.problems)}。")
    if not check.ok:
        raise SystemExit(1)
