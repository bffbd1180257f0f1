"""`docgen archive add|verify|list|missing|catalog`: the archive of signed outputs."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli.context import DocgenCommandGroup, pass_workspace
from docgen.cli.options import KindName
from docgen.cli.register import aligned_table
from docgen.errors import Problems
from docgen.kinds import KINDS
from docgen.pipeline.archiving import (
    Signed,
    archive_signed,
    list_archived,
    missing_signed,
    recipient_name,
    verify_workspace_archive,
)
from docgen.pipeline.catalog import export_catalog
from docgen.workspace import Workspace, display_path

_KIND = KindName({name: kind.title for name, kind in KINDS.items()})
_YEAR = click.IntRange(1900, 9999)


@click.group("archive", cls=DocgenCommandGroup)
def archive_group() -> None:
    """签收件归档：把送达回证、签字的协议等扫描件或 PDF 存入 archive/，防改动、可核验。"""


@archive_group.command("add")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--number", help="文书的文号（照 docgen register list 所列抄写）。")
@click.option("--case", "case_id", help="没有文号的文书：案件编号。")
@click.option("--kind", type=_KIND, help="文书名，如 送达回证；有文号时一般不用写。")
@click.option("--recipient", default="", help="没有文号的文书：收件人姓名。")
@click.option("--by", default="", help="归档人姓名（默认为当前登录用户）。")
@click.option("--note", default="", help="说明，如“信访人拒签，两名见证人签字”。")
@click.option(
    "--supersede", is_flag=True, help="替换已归档的签收件（原件保留）；须同时写 --reason。"
)
@click.option("--reason", default="", help="替换的原因。")
@pass_workspace
def add_command(
    workspace: Workspace,
    files: tuple[Path, ...],
    number: str | None,
    case_id: str | None,
    kind: str | None,
    recipient: str,
    by: str,
    note: str,
    supersede: bool,
    reason: str,
) -> None:
    """归档一份签收件：FILES 是同一份文书的各页（按页序写），合为一件。

    文件复制到 archive/年度/案件编号/，设为只读，登记 SHA-256、页数、时间和归档人。
    """
    signed = Signed(number=number, case_id=case_id, kind=kind, recipient=recipient)
    item = archive_signed(
        workspace,
        files,
        signed,
        by=by,
        note=note,
        supersede_reason=reason if supersede else None,
    )
    where = display_path(workspace.root / "archive" / item.parts[0].path)
    more = f" 等 {len(item.parts)} 个文件" if len(item.parts) > 1 else ""
    pages = f"，{item.pages} 页" if item.pages is not None else ""
    click.echo(
        f"已归档：{item.year} 年第 {item.piece:04d} 件 {item.title}{pages}（{where}{more}）。"
    )


@archive_group.command("verify")
@click.option("--year", type=_YEAR, help="只核验该年度的文件（日志总是全部核验）。")
@pass_workspace
def verify_command(workspace: Workspace, year: int | None) -> None:
    """核验归档：重算每个文件的哈希值，检查日志链和 archive/CHAIN；有问题时退出码为 1。"""
    result = verify_workspace_archive(workspace, year)
    size = f"{result.bytes / 1e6:.1f} MB"
    summary = f"{result.items} 件、{result.files} 个文件（{size}）、日志 {result.entries} 条"
    if not result.ok:
        click.echo(f"已核验 {summary}。")
        raise Problems(result.problems)
    click.echo(f"核验通过：{summary}，未发现问题。")


@archive_group.command("list")
@click.argument("case_id", required=False, metavar="案件编号")
@click.option("--year", type=_YEAR, help="只列该年度的。")
@pass_workspace
def list_command(workspace: Workspace, case_id: str | None, year: int | None) -> None:
    """列出已归档的签收件（可只列一个案件）。"""
    items = list_archived(workspace, case_id, year)
    if not items:
        click.echo("没有符合条件的归档件。")
        return
    replaced = {item.supersedes for item in items}
    rows = [
        [
            f"{item.year}-{item.piece:04d}",
            item.case_id,
            item.title,
            item.doc_number or "—",
            "—" if item.pages is None else str(item.pages),
            item.archived_at[:16],
            item.archived_by,
            "已被替换" if item.id in replaced else ("替换件" if item.supersedes else "有效"),
        ]
        for item in items
    ]
    header = ("件号", "案件编号", "题名", "文号", "页数", "归档时间", "归档人", "状态")
    click.echo(aligned_table(header, rows))
    click.echo(f"\n共 {len(items)} 件。")


@archive_group.command("missing")
@pass_workspace
def missing_command(workspace: Workspace) -> None:
    """按案件列出已发文号、但签收件尚未归档的文书。"""
    numbers = missing_signed(workspace)
    if not numbers:
        click.echo("已发文号的文书都已归档签收件。")
        return
    by_case: dict[str, list[str]] = {}
    for number in numbers:
        name = recipient_name(number.recipient_key)
        by_case.setdefault(number.case_id, []).append(
            f"{number.text}" + (f"（{name}）" if name else "")
        )
    lines = [f"{case}：{'、'.join(texts)}" for case, texts in sorted(by_case.items())]
    click.echo("\n".join(lines))
    click.echo(f"\n共 {len(numbers)} 份文书尚未归档签收件（{len(by_case)} 个案件）。")


@archive_group.command("catalog")
@click.option("--year", type=_YEAR, required=True, help="年度。")
@click.option(
    "--output",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="保存到哪个文件夹（默认工作区）。",
)
@click.option("--by", default="", help="生成人姓名，记入归档日志。")
@pass_workspace
def catalog_command(workspace: Workspace, year: int, output: Path | None, by: str) -> None:
    """生成该年度的归档文件目录（DA/T 22）：Excel 表和 Word 文件各一份。"""
    export = export_catalog(workspace, year, output, by=by)
    names = "”和“".join(str(display_path(p)) for p in (export.xlsx, export.docx))
    click.echo(f"已写入“{names}”（{export.items} 件）。")
