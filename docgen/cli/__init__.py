"""The `docgen` command line: declarations only; the work is in `docgen.pipeline`."""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path
from typing import Any, Final

import click

from docgen.cli.context import DocgenCommandGroup, chinese_usage_error
from docgen.cli.internal_error import INTERNAL_ERROR_EXIT, INTERRUPTED_EXIT, report_internal_error
from docgen.cli.output import echo_problems
from docgen.errors import DocgenError, Problems
from docgen.workspace import Workspace

COMMANDS: Final = {
    "init": "workspace_commands:init_command",
    "new": "case_commands:new_command",
    "check": "case_commands:check_command",
    "render": "render:render_command",
    "notices": "notices:notices_command",
    "status": "case_commands:status_command",
    "due": "due:due_command",
    "templates": "templates:templates_group",
    "register": "register:register_group",
    "archive": "archive:archive_group",
    "serve": "serve:serve_command",
    "users": "users:users_group",
    "help": "reference:help_command",
    "pdf": "pdf:pdf_command",
    "doctor": "pdf:doctor_command",
}
"""Each command and where it is declared (`module:name` under docgen.cli).

Why:
    A command's module is imported only when that command runs (or `--help` lists them all),
    so `docgen check` does not pay for the web page, the PDF tools or the archive at start-up.
"""


class DocgenGroup(DocgenCommandGroup):
    """The one error boundary: a DocgenError becomes `错误：…` on stderr and its exit status.

    Any other exception is a bug in docgen: it is reported as an internal error (exit 3) with
    a report file, never as a traceback nor as a problem of the clerk's data.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(f"docgen.cli.{module}"), name)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

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
