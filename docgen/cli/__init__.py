"""The `docgen` command line: declarations only; the work is in `docgen.pipeline`."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import click

from docgen.cli.archive import archive_group
from docgen.cli.case_commands import check_command, new_command, status_command
from docgen.cli.context import DocgenCommandGroup, chinese_usage_error
from docgen.cli.due import due_command
from docgen.cli.internal_error import INTERNAL_ERROR_EXIT, INTERRUPTED_EXIT, report_internal_error
from docgen.cli.notices import notices_command
from docgen.cli.output import echo_problems
from docgen.cli.reference import help_command
from docgen.cli.register import register_group
from docgen.cli.render import render_command
from docgen.cli.serve import serve_command
from docgen.cli.templates import templates_group
from docgen.cli.users import users_group
from docgen.cli.workspace_commands import init_command
from docgen.errors import DocgenError, Problems
from docgen.workspace import Workspace


class DocgenGroup(DocgenCommandGroup):
    """The one error boundary: a DocgenError becomes `错误：…` on stderr and its exit status.

    Any other exception is a bug in docgen: it is reported as an internal error (exit 3) with
    a report file, never as a traceback nor as a problem of the clerk's data.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        replace_unencodable_output()  # first thing `docgen` and `python -m docgen` do
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as err:
            echo_problems(err.problems if isinstance(err, Problems) else [err])
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            raise chinese_usage_error(err) from None  # also a subcommand's, in Chinese
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise  # Click's own: --help, exit codes
        except KeyboardInterrupt:
            click.echo("\n已中断", err=True)
            ctx.exit(INTERRUPTED_EXIT)
        except Exception as err:
            report_internal_error(err, ctx.find_object(Workspace))
            ctx.exit(INTERNAL_ERROR_EXIT)


def replace_unencodable_output() -> None:
    """Print a character the console cannot show as `?` instead of failing on it.

    Why:
        A Chinese Windows console is GBK; a rare character such as 𠮷 in a name would
        otherwise stop docgen with a UnicodeEncodeError halfway through its report.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


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
    notices_command,
    status_command,
    due_command,
    templates_group,
    register_group,
    archive_group,
    serve_command,
    users_group,
    help_command,
):
    main.add_command(command)
