"""`docgen pdf FILE...`, `docgen doctor`, and the `--pdf` option of render and notices."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen import pipeline  # its PDF names are used when called: pikepdf loads only then
from docgen.cli.context import DocgenCommand
from docgen.cli.options import jobs_option
from docgen.cli.output import echo_problems
from docgen.workspace import display_path

Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def pdf_option() -> Callable[[Decorated], Decorated]:
    return click.option(
        "--pdf",
        "make_pdf",
        is_flag=True,
        help="同时在每份文书旁生成 PDF/A-2b 文件（需要 LibreOffice，见 docgen doctor）。",
    )


def before_pdfs(make_pdf: bool) -> None:
    """With `--pdf`, stop before anything is written when LibreOffice or a font is missing."""
    if make_pdf:
        pipeline.check_pdf_tools()


def echo_pdfs(documents: Sequence[Path], jobs: int | None) -> bool:
    """Convert `documents` to PDFs beside them and print the outcome; whether all succeeded."""
    count = sum(path.suffix.lower() == ".docx" for path in documents)
    click.echo(f"正在生成 PDF（{count} 份）…", err=True)
    report = pipeline.write_pdfs(documents, processes=jobs)
    echo_problems(report.errors)
    failed = f"，{len(report.errors)} 份未能生成" if report.errors else ""
    click.echo(f"共生成 {len(report.written)} 份 PDF{failed}。")
    return report.ok


@click.command("pdf", cls=DocgenCommand)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--out-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="PDF 写到这个文件夹（默认写在每份 .docx 旁边）。",
)
@jobs_option()
def pdf_command(files: tuple[Path, ...], out_dir: Path | None, jobs: int | None) -> None:
    """把 Word 文书（.docx）转换为 PDF/A-2b，字体按公文要求替换并全部嵌入。

    转换失败的文件逐一列出，退出码为 1；其余文件照常生成。
    """
    not_docx = [str(path) for path in files if path.suffix.lower() != ".docx"]
    if not_docx:
        raise click.BadParameter(f"只能转换 .docx 文件：{'、'.join(not_docx)}", param_hint="FILES")
    if out_dir is not None:
        stems = [path.stem for path in files]
        twice = sorted({stem for stem in stems if stems.count(stem) > 1})
        if twice:
            raise click.BadParameter(
                f"同名文件会写到同一个 PDF：{'、'.join(twice)}", param_hint="--out-dir"
            )
    pipeline.check_pdf_tools()
    click.echo(f"正在生成 PDF（{len(files)} 份）…", err=True)
    report = pipeline.write_pdfs(files, out_dir, processes=jobs)
    echo_problems(report.errors)
    for path in report.written:
        click.echo(f"→ {display_path(path)}")
    failed = f"，{len(report.errors)} 份未能生成" if report.errors else ""
    click.echo(f"共生成 {len(report.written)} 份 PDF{failed}。")
    if not report.ok:
        raise SystemExit(1)


@click.command("doctor", cls=DocgenCommand)
def doctor_command() -> None:
    """检查生成 PDF 所需的 LibreOffice 和字体：版本、每种公文字体实际使用的字体。"""
    doctor = pipeline.examine_pdf_tools()
    if doctor.office is not None:
        click.echo(f"LibreOffice：{doctor.office}（{doctor.office_path}）")
    else:
        click.echo("LibreOffice：未安装")
    for face in doctor.faces:
        style = f" {face.style}" if face.style else ""
        note = ""
        if face.is_sans and face.name != "黑体":
            note = "  ← 无衬线字体，不合公文要求"
        elif face.name == "仿宋_GB2312" and "fang" not in face.family.lower():
            note = "  ← 不是仿宋字形（Fandol 仿宋见 scripts/install-system-deps.sh）"
        click.echo(f"{face.role}：{face.name} → {face.family}{style}{note}")
    echo_problems(doctor.problems)
    if not doctor.ok:
        raise SystemExit(1)
    click.echo("可以生成 PDF。")
