"""What every command shares: the workspace handed down from `docgen`, and Chinese help."""

from __future__ import annotations

from typing import Final

import click

from docgen.workspace import Workspace

pass_workspace = click.make_pass_decorator(Workspace)
HELP_TEXT: Final = "显示本帮助并退出。"


class DocgenCommand(click.Command):
    """A command whose `--help` option is described in Chinese like the rest of its help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_chinese(super().get_help_option(ctx))


class DocgenCommandGroup(click.Group):
    """A group of commands, its own `--help` and its commands' described in Chinese."""

    command_class = DocgenCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_chinese(super().get_help_option(ctx))


def _in_chinese(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = HELP_TEXT
    return option
