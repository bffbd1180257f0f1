"""`docgen render`: the documents of the given cases into output/."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import click

from docgen.cli.context import DocgenCommand, pass_workspace
from docgen.cli.options import IsoDate, KindName, jobs_option, resolve_today, today_option
from docgen.cli.output import echo_notice, echo_report_problems, writing_run
from docgen.cli.pdf import before_pdfs, echo_pdfs, pdf_option
from docgen.kinds import KINDS
from docgen.pipeline import render_cases
from docgen.workspace import Workspace, display_path


@click.command("render", cls=DocgenCommand)
@click.argument("cases", nargs=-1)
@click.option(
    "--kind",
    "kinds",
    type=KindName({name: kind.title for name, kind in KINDS.items()}),
    multiple=True,
    help="只生成这种文书，写文书名（如 听证通知书）或其标识符（如 hearing_notice），可重复；"
    "默认生成案件数据齐备的全部文书。",
)
@click.option(
    "--date",
    "render_date",
    type=IsoDate(),
    default=None,
    help="案件未写明成文日期时使用的成文日期（默认今天）。",
)
@today_option()
@jobs_option()
@pdf_option()
@pass_workspace
def render_command(
    workspace: Workspace,
    cases: tuple[str, ...],
    kinds: tuple[str, ...],
    render_date: dt.date | None,
    today: dt.date | None,
    jobs: int | None,
    make_pdf: bool,
) -> None:
    """按案件文件生成文书到 output/<案件编号>/。

    有问题的案件一份也不写，其他案件照常生成；有问题时退出码为 1。
    """
    today = resolve_today(today)
    before_pdfs(make_pdf)
    listing = workspace.select_cases(cases)
    with writing_run() as progress:
        progress.start(len(listing.files))
        report = render_cases(
            workspace,
            listing.files,
            kinds,
            render_date=render_date or today,
            today=today,
            progress=progress,
            notify=echo_notice,
            jobs=jobs,
        )
    report.warnings[:0] = listing.skipped
    echo_report_problems(report)
    per_case = Counter(path.parent.name for path in report.written)
    for case_id, count in sorted(per_case.items()):
        folder = display_path(workspace.case_output_dir(case_id))
        click.echo(f"{case_id}：{count} 份文书 → {folder}")
    for case_id in report.idle_cases:
        why = (
            "涉法涉诉，已分流政法机关"
            if case_id in report.diverted_cases
            else "案件中还没有所需的听证、方案或办结信息"
        )
        click.echo(f"{case_id}：没有生成文书（{why}）")
    failed = f"，{len(report.failed_cases)} 个案件因有问题未生成" if report.failed_cases else ""
    click.echo(f"共生成 {len(report.written)} 份文书{failed}。")
    if make_pdf and report.written and not echo_pdfs(report.written, jobs):
        raise SystemExit(1)
    if not report.ok:
        raise SystemExit(1)
