"""`docgen help`: the field reference from inside any workspace, and each command's help."""

from __future__ import annotations

from typing import Final

import click

from docgen.cli.context import ChineseUsageError, DocgenCommand
from docgen.reference import TOPICS, field_reference

ALIASES: Final = {"案件": "case", "案件文件": "case", "设置": "settings", "docgen.yaml": "settings"}
"""Chinese names of the topics, as a clerk may type them."""


@click.command("help", cls=DocgenCommand)
@click.argument("topic", required=False, metavar="[主题或命令]")
@click.pass_context
def help_command(ctx: click.Context, topic: str | None) -> None:
    """显示字段说明或命令的用法，不需要仓库或网络。

    docgen help case 列出案件文件的全部字段，docgen help settings 列出 docgen.yaml 的设置，
    docgen help 命令名 等于 docgen 命令名 --help。
    """
    group = ctx.parent.command if ctx.parent else None
    if topic is None:
        lines = [f"  docgen help {name:<10}{what}" for name, what in TOPICS.items()]
        lines.append("  docgen help 命令名    该命令的用法和示例，如 docgen help render")
        click.echo("字段说明和用法：\n" + "\n".join(lines))
        return
    name = ALIASES.get(topic, topic)
    if name in TOPICS:
        click.echo(field_reference(name), nl=False)
        return
    command = group.get_command(ctx, topic) if isinstance(group, click.Group) else None
    if command is None or ctx.parent is None:
        known = "、".join([*TOPICS, *ALIASES])
        raise ChineseUsageError(
            f"没有“{topic}”这个主题或命令。主题有：{known}；命令见 docgen --help。", ctx
        )
    with click.Context(command, info_name=topic, parent=ctx.parent) as sub:
        click.echo(command.get_help(sub))
