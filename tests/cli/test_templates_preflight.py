"""`docgen templates check` on templates clerks edited: GB/T 9704 warnings, names, lenient mode."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
from conftest import CliInvoker
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.libreoffice import convert

NOTICE = Path("templates") / "hearing_notice.docx"


def edit_like_a_clerk(path: Path) -> None:
    """25 mm margins all round, the body style in a sans font, a 30 pt line grid."""
    document = docx.Document(str(path))
    for section in document.sections:
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(25)
        section._sectPr.find(qn("w:docGrid")).set(qn("w:linePitch"), str(Pt(30).twips))
    body = document.styles.element.xpath('w:style[@w:styleId="GwBody"]')[0]
    body.find(qn("w:rPr")).find(qn("w:rFonts")).set(qn("w:eastAsia"), "微软雅黑")
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())


def warnings_of(stderr: str, template: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"警告：{template}")]


def test_a_clerk_edited_template_gets_three_located_chinese_warnings(
    cli: CliInvoker, workspace: Path
) -> None:
    edit_like_a_clerk(workspace / NOTICE)
    result = cli("templates", "check")
    assert result.exit_code == 0, result.stderr  # warnings do not stop rendering
    paragraph = re.escape("templates/hearing_notice.docx")
    found = warnings_of(result.stderr, "templates/hearing_notice.docx")
    assert len(found) == 3, found
    assert re.fullmatch(
        f"警告：{paragraph}: document: 第 1 节页边距为 上 25 下 25 左 25 右 25 毫米，"
        "应为 上 37 下 35 左 28 右 26 毫米",
        found[0],
    )
    assert found[1] == (
        "警告：templates/hearing_notice.docx: document: 第 1 节的行距网格为 30 磅，"
        "应为 28.95 磅（每页 22 行）"
    )
    assert found[2] == (
        "警告：templates/hearing_notice.docx: styles: 样式“公文正文”的中文字体为 微软雅黑，"
        "应为 仿宋_GB2312"
    )
    assert "templates/hearing_notice.docx：0 个错误，3 个警告" in result.stdout


def test_a_run_in_a_sans_font_is_named_at_its_paragraph(cli: CliInvoker, workspace: Path) -> None:
    document = docx.Document(str(workspace / NOTICE))
    paragraphs = list(document.element.body.iter(qn("w:p")))
    number, paragraph = next(
        (n, p) for n, p in enumerate(paragraphs, 1) if "根据" in "".join(p.itertext())
    )
    for run in paragraph.iter(qn("w:r")):
        run.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    document.save(str(workspace / NOTICE))
    found = warnings_of(cli("templates", "check").stderr, "templates/hearing_notice.docx")
    assert len(found) == 1
    assert found[0].startswith(f"警告：templates/hearing_notice.docx:{number}: document: “")
    assert found[0].endswith("的中文字体为 黑体，应为 仿宋_GB2312")


def test_a_template_resaved_by_libreoffice_still_passes(
    cli: CliInvoker, workspace: Path, tmp_path: Path
) -> None:
    source = tmp_path / "exported" / "hearing_notice.docx"
    source.parent.mkdir()
    shutil.copy(workspace / NOTICE, source)
    document = docx.Document(str(source))  # a change made in LibreOffice: one more paragraph
    document.add_paragraph("（此页无正文）", style=document.paragraphs[-1].style)
    document.save(str(source))
    resaved = convert(source, tmp_path / "resaved", "docx:MS Word 2007 XML")
    shutil.copy(resaved, workspace / NOTICE)
    result = cli("templates", "check")
    assert result.exit_code == 0, result.stderr
    assert warnings_of(result.stderr, "templates/hearing_notice.docx") == []


def test_names_the_kind_does_not_provide_are_listed_in_strict_and_lenient_mode(
    cli: CliInvoker, workspace: Path
) -> None:
    document = docx.Document(str(workspace / NOTICE))
    document.add_paragraph("经办人：{{ handler }}{{ stamp_note }}")
    document.save(str(workspace / NOTICE))
    strict = cli("templates", "check")
    assert "本类文书不提供：handler、stamp_note" in strict.stdout
    assert (
        "警告：templates/hearing_notice.docx: 模板用到了听证通知书不提供的变量：handler、"
        "stamp_note（生成时会报“模板变量未定义”）"
    ) in strict.stderr
    settings = workspace / "docgen.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\ntemplates:\n  undefined: lenient\n",
        encoding="utf-8",
    )
    lenient = cli("templates", "check")
    assert "templates/hearing_notice.docx（宽松模式）：" in lenient.stdout
    assert "本类文书不提供：handler、stamp_note" in lenient.stdout
    assert "（宽松模式下输出为空）" in lenient.stderr


def test_the_names_templates_check_expects_are_those_the_kinds_give(workspace: Path) -> None:
    from datetime import date

    from docgen.case import parse_case
    from docgen.kinds import KINDS
    from docgen.pipeline.cases import job_context
    from docgen.pipeline.rendering import office_context
    from docgen.pipeline.workspace_tasks import provided_names
    from docgen.workspace import Workspace

    example = Workspace(workspace)
    given: dict[str, set[str]] = {}
    for path in example.case_files():
        case = parse_case(path.read_bytes(), path, example.settings, date(2020, 6, 10)).case
        for kind in KINDS.values():
            for job in kind.jobs(case, example.settings):
                common = {**office_context(example), "case": {}}  # as rendering.py gives
                context = job_context(example, common, kind, job, date(2020, 6, 10), "")
                given.setdefault(kind.name, set()).update(context)
    assert set(given) == set(KINDS)
    assert {name: provided_names(KINDS[name]) for name in given} == given
