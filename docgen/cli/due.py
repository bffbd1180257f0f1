"""`docgen due`: what falls due in the next days across all cases, overdue first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.options import format_option, resolve_today, today_option
from docgen.cli.output import echo_json, echo_problems, reading_run
from docgen.cli.register import aligned_table
from docgen.due import DUE_HEADERS, DueItem, due_csv, due_items, write_due
from docgen.workspace import Workspace, display_path


@click.command("due", cls=DocgenCommand)
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    metavar="N",
    help="列出今后 N 天内到期的事项（已逾期的总会列出）。",
)
@today_option()
@format_option(
    "json",
    "csv",
    "xlsx",
    plain="table",
    help="输出格式：屏幕表格、JSON、CSV（可用 Excel/WPS 打开）或 Excel 表格。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="保存位置（xlsx 默认为工作区中的 提醒.xlsx；csv 不指定则输出到屏幕）。",
)
@pass_workspace
def due_command(
    workspace: Workspace,
    days: int,
    today: dt.date | None,
    output_format: str,
    output: Path | None,
) -> None:
    """提醒：列出全部案件今后几天内到期的事项，逾期的在前，其余按日期先后。

    包括听证通知书最迟送达日、听证、措施完成时限、化解时限、协议支付期限和专项工作结束日。
    """
    today = resolve_today(today)
    listing = workspace.list_cases()
    with reading_run(len(listing.files), "正在读取") as progress:
        items, report = due_items(workspace, listing.files, today, days, progress)
    echo_problems([*listing.skipped, *report.errors])  # a case not read has no reminders
    if output_format == "xlsx" or (output_format == "csv" and output is not None):
        path = write_due(workspace, items, output_format, output)
        click.echo(f"已写入“{display_path(path)}”（{len(items)} 项）。")
    elif output_format == "json":
        echo_json([item.as_dict() for item in items])
    elif output_format == "csv":
        click.echo(due_csv(items), nl=False)
    elif not items:
        click.echo(f"今后 {days} 天内没有到期的事项。")
    else:
        lines = aligned_table(DUE_HEADERS, [_row(item) for item in items]).splitlines()
        click.echo(lines[0])
        for item, line in zip(items, lines[1:], strict=True):
            click.echo(click.style(line, fg="red") if item.overdue else line)
        overdue = sum(item.overdue for item in items)
        click.echo(f"\n共 {len(items)} 项，其中逾期 {overdue} 项。")


def _row(item: DueItem) -> list[str]:
    return [item.day.isoformat(), item.days_text, item.case_id or "—", item.title, item.what]
