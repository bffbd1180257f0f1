"""The `docgen` command line: declarations only; the work is in `docgen.pipeline`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from docgen.cli.case_commands import check_command, new_command, status_command
from docgen.cli.context import DocgenCommandGroup
from docgen.cli.output import echo_problems
from docgen.cli.render import render_command
from docgen.cli.templates import templates_group
from docgen.cli.workspace_commands import init_command
from docgen.errors import DocgenError, Problems
from docgen.workspace import Workspace


class DocgenGroup(DocgenCommandGroup):
    """The one error boundary: a DocgenError becomes `错误：…` on stderr and its exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as err:
            echo_problems(err.problems if isinstance(err, Problems) else [err])
            ctx.exit(err.exit_code)


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--workspace",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="工作区文件夹（含 docgen.yaml 和 cases/）。",
)
@click.version_option(package_name="docgen", message="docgen %(version)s", help="显示版本并退出。")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """信访积案化解文书工具：检查案件文件，生成听证通知书、化解方案、包案责任书、办结文书。"""
    ctx.obj = Workspace(root)


for command in (
    init_command,
    new_command,
    check_command,
    render_command,
    status_command,
    templates_group,
):
    main.add_command(command)
