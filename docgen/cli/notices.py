"""`docgen notices`: the hearing notices and receipts of a window, numbered, in one batch."""

from __future__ import annotations

import datetime as dt

import click

from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.internal_error import docgen_version
from docgen.cli.options import IsoDate, jobs_option, resolve_today, today_option
from docgen.cli.output import echo_notice, echo_report_problems, writing_run
from docgen.cli.pdf import before_pdfs, echo_pdfs, pdf_option
from docgen.errors import UsageProblem
from docgen.pipeline import BatchRequest, produce_notices
from docgen.workspace import Workspace, display_path

DEFAULT_DAYS = 14


@click.command("notices", cls=DocgenCommand)
@click.option(
    "--from", "start", type=IsoDate(), default=None, help="听证日期从这天起（含，默认今天）。"
)
@click.option(
    "--to",
    "end",
    type=IsoDate(),
    default=None,
    help=f"到这天止（含，默认起始日后 {DEFAULT_DAYS} 天）。",
)
@click.option(
    "--date",
    "render_date",
    type=IsoDate(),
    default=None,
    help="案件未写明通知书成文日期（hearing.notice_date）时使用的成文日期（默认今天）。",
)
@click.option(
    "--allow-late", is_flag=True, help="已来不及按期送达的通知书也照发（须写 --reason）。"
)
@click.option("--reason", default=None, help="照发逾期通知书的原因，记入文号登记簿和清单。")
@today_option()
@jobs_option()
@pdf_option()
@pass_workspace
def notices_command(
    workspace: Workspace,
    start: dt.date | None,
    end: dt.date | None,
    render_date: dt.date | None,
    allow_late: bool,
    reason: str | None,
    today: dt.date | None,
    jobs: int | None,
    make_pdf: bool,
) -> None:
    """为听证日期在时间段内的每个案件生成全部听证通知书和送达回证（编好文号），
    并在 output/批次/ 下生成打印文件、送达登记表和文件清单。

    来不及按期送达的通知书不生成，退出码为 1；确需照发时加 --allow-late --reason 说明。
    """
    today = resolve_today(today)
    start = start or today
    end = end or start + dt.timedelta(days=DEFAULT_DAYS)
    if start > end:
        raise UsageProblem(
            f"起始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}",
            hint="请检查 --from 和 --to。",
        )
    if allow_late and not (reason or "").strip():
        raise UsageProblem(
            "用了 --allow-late 就必须用 --reason 写明原因", hint="例如：--reason 当事人同意。"
        )
    if reason and not allow_late:
        raise UsageProblem(
            "--reason 只和 --allow-late 一起使用", hint="请加上 --allow-late，或去掉 --reason。"
        )
    before_pdfs(make_pdf)
    listing = workspace.select_cases(())
    request = BatchRequest(
        start, end, render_date or today, today, reason if allow_late else None, docgen_version()
    )
    with writing_run() as progress:
        report = produce_notices(
            workspace,
            listing.files,
            request,
            planned=progress.start,
            progress=progress,
            notify=echo_notice,
            jobs=jobs,
        )
    report.warnings[:0] = listing.skipped
    echo_report_problems(report)
    window = f"{start.isoformat()} 至 {end.isoformat()}"
    if not report.hearings:
        click.echo(f"{window} 没有安排听证的案件，没有生成通知书。")
    elif report.batch_dir is not None:
        click.echo(
            f"{window}：{report.hearings} 场听证，{report.notices} 份听证通知书和"
            f"{report.notices} 份送达回证 → output/<案件编号>/；"
            f"打印文件、送达登记表和清单 → {display_path(report.batch_dir)}"
        )
    if make_pdf and report.written and not echo_pdfs(report.written, jobs):
        raise SystemExit(1)
    if report.refused:
        click.echo(f"{len(report.refused)} 场听证因来不及送达未生成：{'、'.join(report.refused)}。")
    if not report.ok:
        raise SystemExit(1)
