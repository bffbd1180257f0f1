"""`docgen check`, `docgen new` and `docgen status`: the commands about case files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen import pipeline  # `new_case` is used when called: check need not load python-docx
from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.options import format_option, jobs_option, resolve_today, today_option
from docgen.cli.output import (
    echo_json,
    echo_problems,
    echo_report_problems,
    problem_record,
    reading_run,
)
from docgen.pipeline import check_cases
from docgen.status import CaseStatus, ledger_csv, workspace_status, write_ledger
from docgen.workspace import Workspace, display_path


@click.command("check", cls=DocgenCommand)
@click.argument("cases", nargs=-1)
@today_option()
@format_option("json")
@jobs_option()
@pass_workspace
def check_command(
    workspace: Workspace,
    cases: tuple[str, ...],
    today: dt.date | None,
    output_format: str,
    jobs: int | None,
) -> None:
    """检查案件文件（不指定则检查全部）和模板，一次列出全部问题。

    CASES 可以是案件文件路径，也可以是案件编号。发现错误时退出码为 1。
    """
    listing = workspace.select_cases(cases)
    files = listing.files
    with reading_run(len(files)) as progress:
        report = check_cases(workspace, files, resolve_today(today), jobs=jobs, progress=progress)
    report.warnings[:0] = listing.skipped
    if output_format == "json":
        echo_json(
            {
                "files": len(files),
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "problems": [problem_record(p) for p in [*report.errors, *report.warnings]],
            }
        )
    else:
        echo_report_problems(report)
        click.echo(
            f"检查了 {len(files)} 个案件文件：{len(report.errors)} 个错误，"
            f"{len(report.warnings)} 个警告。"
        )
    if not report.ok:
        raise SystemExit(1)


@click.command("new", cls=DocgenCommand)
@click.argument("case_id")
@today_option("案件文件中的日期先填该日（默认今天）。")
@pass_workspace
def new_command(workspace: Workspace, case_id: str, today: dt.date | None) -> None:
    """在 cases/ 中新建一个带说明的案件文件 CASE_ID.yaml。

    听证、化解方案、办结、协议各部分先以注释写出，到了相应阶段删除行首的“# ”即可启用。
    """
    target = pipeline.new_case(workspace, case_id, resolve_today(today))
    click.echo(
        f"已新建“{display_path(target)}”。请按其中的说明填写，然后运行 docgen check。\n"
        "各字段的说明：docgen help case"
    )


@click.command("status", cls=DocgenCommand)
@click.argument("cases", nargs=-1)
@today_option()
@format_option("json", "csv", "xlsx")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="台账的保存位置（xlsx 默认为工作区中的 台账.xlsx；csv 不指定则输出到屏幕）。",
)
@pass_workspace
def status_command(
    workspace: Workspace,
    cases: tuple[str, ...],
    today: dt.date | None,
    output_format: str,
    output: Path | None,
) -> None:
    """列出各案件的办理阶段、包案领导、化解时限和剩余天数（逾期标出）。

    --format xlsx 生成台账（Excel，可打印）；--format csv 生成 Excel/WPS 可直接打开的 CSV。
    """
    listing = workspace.select_cases(cases)
    with reading_run(len(listing.files), "正在读取") as progress:
        rows, report = workspace_status(workspace, listing.files, resolve_today(today), progress)
    echo_problems([*listing.skipped, *report.errors])  # a skipped file is missing from the 台账
    if output_format == "xlsx" or (output_format == "csv" and output is not None):
        path = write_ledger(workspace, rows, output_format, output)
        click.echo(f"已写入台账“{display_path(path)}”（{len(rows)} 个案件）。")
    elif output_format == "json":
        echo_json([row.as_dict() for row in rows])
    elif output_format == "csv":
        click.echo(ledger_csv(rows), nl=False)
    elif rows:
        click.echo(status_table(rows))
        unsigned = sum(row.unsigned or 0 for row in rows)
        if unsigned:
            click.echo(
                f"\n已发文书中有 {unsigned} 份尚未归档签收件（docgen archive missing 查看）。"
            )
    else:
        click.echo("没有要列出的案件（示例案件不计入）。新建案件：docgen new 案件编号")
    if not report.ok:
        raise SystemExit(1)


def status_table(rows: list[CaseStatus]) -> str:
    """A plain-text table, aligned for CJK text (two columns per Chinese character)."""
    header = [
        "案件编号",
        "案件名称",
        "阶段",
        "包案领导",
        "化解时限",
        "剩余天数",
        "听证日期",
        "最迟送达日",
    ]
    body = []
    for row in rows:
        left = row.days_text
        deadline = f"{row.deadline:%Y-%m-%d}" if row.deadline else "—"
        hearing = f"{row.hearing:%Y-%m-%d}" if row.hearing else ""
        notice_by = f"{row.notice_by:%Y-%m-%d}" if row.notice_by else ""
        body.append([row.id, row.title, row.stage, row.leaders, deadline, left, hearing, notice_by])
    widths = [max(_width(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(r, widths, strict=True)) for r in [header, *body]
    ]
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
