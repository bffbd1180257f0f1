"""What every command shares: the workspace handed down from `docgen`, and Chinese help.

Click writes its usage errors and help headings in English; the classes here write them in
Chinese (`用法：`, `选项：`, `错误：`), suggest the closest command for a mistyped one and add
an example (`示例：`) to every command's `--help`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import IO, Any, Final

import click

from docgen.workspace import Workspace

pass_workspace = click.make_pass_decorator(Workspace)
HELP_TEXT: Final = "显示本帮助并退出。"

EXAMPLES: Final[Mapping[str, Sequence[str]]] = {
    "": ("docgen check", "docgen render XF2020-018", "docgen -C D:\\积案 status"),
    "init": ("docgen init 积案工作区", "docgen init 积案工作区 --empty"),
    "new": ("docgen new XF2020-040",),
    "check": ("docgen check", "docgen check XF2020-018 --today 2020-06-01"),
    "render": ("docgen render", "docgen render XF2020-018 XF2020-025", "docgen render --pdf"),
    "notices": ("docgen notices 2020-06-15 2020-06-19",),
    "status": ("docgen status", "docgen status --format xlsx -o 台账.xlsx"),
    "due": ("docgen due", "docgen due --days 14 --format xlsx -o 提醒.xlsx"),
    "templates": ("docgen templates list", "docgen templates export"),
    "templates list": ("docgen templates list",),
    "templates export": ("docgen templates export", "docgen templates export --force"),
    "templates check": (
        "docgen templates check",
        "docgen templates check templates/x.docx",
    ),
    "register": ("docgen register list", "docgen register void 某信听〔2020〕3号 --reason 错发"),
    "register list": ("docgen register list --year 2020", "docgen register list --format xlsx"),
    "register void": ("docgen register void 某信听〔2020〕3号 --reason 错发",),
    "archive": ("docgen archive add 回证.pdf --number 某信听〔2020〕1号", "docgen archive verify"),
    "archive add": (
        "docgen archive add 扫描1.jpg 扫描2.jpg --number 某信听〔2020〕1号 --by 刘洋",
        "docgen archive add 回证.pdf --case XF2020-018 --kind 送达回证 --recipient 王建国",
        "docgen archive add 新扫描.pdf --number 某信听〔2020〕1号 --supersede --reason 原件不清晰",
    ),
    "archive verify": ("docgen archive verify", "docgen archive verify --year 2020"),
    "archive list": ("docgen archive list", "docgen archive list XF2020-018"),
    "archive missing": ("docgen archive missing",),
    "archive catalog": ("docgen archive catalog --year 2020",),
    "serve": (
        "docgen serve",
        "docgen -C D:\\积案 serve --port 8800",
        "docgen serve --host 0.0.0.0（先用 docgen users add 添加用户）",
    ),
    "users": ("docgen users add 刘洋", "docgen users list"),
    "users add": ("docgen users add 刘洋",),
    "users list": ("docgen users list",),
    "users remove": ("docgen users remove 刘洋",),
    "help": ("docgen help case", "docgen help settings", "docgen help render"),
    "pdf": ("docgen pdf output/XF2020-018/*.docx", "docgen pdf 通知书.docx -o PDF"),
    "doctor": ("docgen doctor",),
}
"""Example command lines shown under `示例：` in each command's `--help`, by command path."""

_PARAM_KIND: Final[Mapping[str, str]] = {"argument": "参数", "option": "选项", "parameter": "参数"}


class ChineseUsageError(click.UsageError):
    """Raised when the command line is wrong; shown as `用法：…` and `错误：…` (exit 2)."""

    def show(self, file: IO[Any] | None = None) -> None:
        lines = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
            lines.append(f"运行“{self.ctx.command_path} --help”查看帮助和示例。")
        lines.append(f"错误：{self.message}")
        click.echo("\n".join(lines), file=file or click.get_text_stream("stderr"), err=True)


class _InChinese(click.Command):
    """What every docgen command and group shares: help, usage and usage errors in Chinese."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _in_chinese(super().get_help_option(ctx))

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise chinese_usage_error(err) from None

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        _format_examples(ctx, formatter)


class DocgenCommand(_InChinese):
    """A command whose help, usage and usage errors are in Chinese like the rest of docgen."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_options(self, ctx, formatter)


class DocgenCommandGroup(_InChinese, click.Group):
    """A group of commands, its own help and its commands' in Chinese."""

    command_class = DocgenCommand

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f"您是不是要用“{close[0]}”？" if close else f"可用的命令：{'、'.join(known)}。"
            raise ChineseUsageError(f"没有“{name}”这个命令。{hint}", ctx)
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as err:
            raise chinese_usage_error(err) from None

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_options(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            _section(formatter, "命令", rows)


def chinese_usage_error(err: click.UsageError) -> click.UsageError:
    """`err`, a usage error as Click words it, said in Chinese."""
    if isinstance(err, ChineseUsageError | click.exceptions.NoArgsIsHelpError):
        return err  # the latter shows the help, which is Chinese already
    return ChineseUsageError(_chinese_message(err), err.ctx)


def _chinese_message(err: click.UsageError) -> str:
    if isinstance(err, click.NoSuchOption):
        close = err.possibilities or []
        hint = f"您是不是要用“{close[0]}”？" if close else "请用 --help 查看可用的选项。"
        return f"没有“{err.option_name}”这个选项。{hint}"
    if isinstance(err, click.MissingParameter):
        kind = _PARAM_KIND.get(err.param_type or "", "参数")
        if err.param is not None:
            kind = _PARAM_KIND.get(err.param.param_type_name, kind)
        return f"缺少{kind}{_param_hint(err)}。"
    if isinstance(err, click.BadParameter):
        return f"{_param_hint(err) or '参数'}的值不对：{_value_message(err)}"
    if isinstance(err, click.BadOptionUsage):
        if "requires" in err.message:
            return f"选项“{err.option_name}”后面要写一个值。"
        if "does not take" in err.message:
            return f"选项“{err.option_name}”后面不能写值。"
        return f"选项“{err.option_name}”用法不对：{err.message}"
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", err.message)
    if extra:
        return f"多余的参数：{extra.group(1)}。请检查命令，或用 --help 查看用法。"
    if err.message.startswith("Missing command"):
        return "缺少命令。请用 --help 查看可用的命令。"
    return err.message


def _param_hint(err: click.BadParameter) -> str:
    hint = err.param_hint
    if hint is None and isinstance(err.param, click.Option):
        hint = err.param.opts
    elif hint is None and err.param is not None:
        hint = err.param.human_readable_name
    names = [hint] if isinstance(hint, str) else list(hint or [])
    return "/".join(f"“{name.strip(chr(39))}”" for name in names if name)


def _value_message(err: click.BadParameter) -> str:
    """Click's messages on a value, in Chinese; docgen's own are Chinese already."""
    message = err.message
    if err.param is not None and isinstance(err.param.type, click.Choice):
        value = re.match(r"'(.*)' is not", message)
        choices = "、".join(str(c) for c in err.param.type.choices)
        given = f"“{value.group(1)}”" if value else "这个值"
        return f"{given}不是可选的值，可选：{choices}。"
    integer = re.match(r"'?(.*?)'? is not a valid integer", message)
    if integer:
        return f"“{integer.group(1)}”不是整数。"
    in_range = re.match(r"(.*) is not in the range (.*)\.", message)
    if in_range:
        return f"{in_range.group(1)} 超出范围（{in_range.group(2)}）。"
    path = re.match(
        r"(File|Directory|Path) '(.*)' (does not exist|is a directory|is a file)", message
    )
    if path:
        what = {"does not exist": "不存在", "is a directory": "是文件夹", "is a file": "是文件"}
        return f"“{path.group(2)}”{what[path.group(3)]}。请检查路径。"
    return message


def _format_usage(
    command: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    pieces = [p.replace("[OPTIONS]", "[选项]") for p in command.collect_usage_pieces(ctx)]
    pieces = [p.replace("COMMAND [ARGS]...", "命令 [参数]...") for p in pieces]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")


def _format_options(
    command: click.Command, ctx: click.Context, formatter: click.HelpFormatter
) -> None:
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None:
            rows.append((record[0], _chinese_extras(record[1])))
    if rows:
        _section(formatter, "选项", rows)


def _section(formatter: click.HelpFormatter, heading: str, rows: list[tuple[str, str]]) -> None:
    """`heading：` with a full-width colon (Click's `section` writes `heading:`), then `rows`."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{heading}：\n")
    with formatter.indentation():
        formatter.write_dl(rows)


def _chinese_extras(text: str) -> str:
    return text.replace("[default: ", "[默认：").replace("[required]", "[必填]")


def _format_examples(ctx: click.Context, formatter: click.HelpFormatter) -> None:
    path = " ".join(ctx.command_path.split()[1:])
    examples = EXAMPLES.get(path)
    if not examples:
        return
    formatter.write_paragraph()
    formatter.write_text("示例：")
    with formatter.indentation():
        for line in examples:
            formatter.write_text(line)


def _in_chinese(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = HELP_TEXT
    return option
