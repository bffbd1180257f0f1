"""`docgen register list|void`: the 文号 register."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import click

from docgen.cli.context import DocgenCommandGroup, pass_workspace
from docgen.cli.options import format_option
from docgen.kinds import KINDS
from docgen.pipeline import (
    REGISTER_HEADERS,
    export_register,
    list_numbers,
    register_rows,
    void_number,
)
from docgen.workspace import Workspace, display_path

NUMBERED_KINDS = sorted(name for name, kind in KINDS.items() if kind.number_series)


@click.group("register", cls=DocgenCommandGroup)
def register_group() -> None:
    """文号登记簿：列出已登记的文号，作废文号。"""


@register_group.command("list")
@click.option("--year", type=click.IntRange(1900, 9999), help="只列该年度的文号。")
@click.option(
    "--kind",
    type=click.Choice(NUMBERED_KINDS),
    help="只列这种文书所用文号系列的文号（送达回证与听证通知书同一系列）。",
)
@format_option(
    "csv", "xlsx", plain="table", help="输出格式：屏幕表格、CSV（输出到屏幕）或 Excel 文件。"
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Excel 文件的保存位置（默认工作区中的 register-年度.xlsx）。",
)
@pass_workspace
def list_command(
    workspace: Workspace,
    year: int | None,
    kind: str | None,
    output_format: str,
    output: Path | None,
) -> None:
    """按文书系列、年度、序号列出登记簿中的文号，含已作废的。"""
    series = KINDS[kind].number_series if kind else None
    if output_format == "xlsx":
        path, count = export_register(workspace, year, series, output)
        click.echo(f"已写入“{display_path(path)}”（{count} 个文号）。")
        return
    numbers = list_numbers(workspace, year, series)
    rows = register_rows(numbers)
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows([REGISTER_HEADERS, *rows])
        click.echo(buffer.getvalue(), nl=False)
    elif not rows:
        click.echo("登记簿中没有符合条件的文号。")
    else:
        click.echo(aligned_table(REGISTER_HEADERS, rows))
        voided = sum(number.void for number in numbers)
        click.echo(f"\n共 {len(rows)} 个文号，其中作废 {voided} 个。")


@register_group.command("void")
@click.argument("number")
@click.option("--reason", default="", help="作废原因（必填），如“打印有误，已收回销毁”。")
@pass_workspace
def void_command(workspace: Workspace, number: str, reason: str) -> None:
    """作废文号 NUMBER：记录原因和时间，保留在登记簿中，以后不再使用。"""
    voided = void_number(workspace, number, reason)
    click.echo(
        f"已作废文号“{voided.text}”（原因：{voided.void_reason}）。重新生成该文书时将取得新的文号。"
    )


def aligned_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table whose columns line up on a console (a CJK character is two wide)."""
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        )
        for row in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
