"""RichText: formatted spans written as runs by `{{r }}` and `{{p }}`, escaped and checked."""

from __future__ import annotations

import io

import docx as python_docx
import pytest

from docgen.engine import RichText, Span, compile_template
from docgen.errors import TemplateError
from tests.engine.conftest import DocxBuilder, TextReader

NAME = "templates/rich.docx"
TAG_RUN = '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'


def tag_paragraph(tag: str) -> str:
    label = '<w:r><w:t xml:space="preserve">结论：</w:t></w:r>'
    return f"<w:p>{label}{TAG_RUN}<w:t>{tag}</w:t></w:r></w:p>"


VERDICT = RichText.of(
    "经核查，",
    Span("诉求<部分>合理 & 应予支持", bold=True, colour="c00000"),
    Span("\n（第二行）", italic=True, underline=True, font="楷体_GB2312", size=14),
)


def runs(blob: bytes) -> list[tuple[str, bool | None, bool | None, bool | None, str | None]]:
    document = python_docx.Document(io.BytesIO(blob))
    return [
        (r.text, r.bold, r.italic, r.underline, r.font.color.rgb and str(r.font.color.rgb))
        for r in document.paragraphs[0].runs
    ]


def test_r_tag_writes_each_span_as_a_run_over_the_tag_runs_format(
    docx: DocxBuilder, texts: TextReader
) -> None:
    out = compile_template(NAME, docx(tag_paragraph("{{r verdict }}"))).render({"verdict": VERDICT})
    assert texts(out) == ["结论：经核查，诉求<部分>合理 & 应予支持\n（第二行）"]
    assert runs(out) == [
        ("结论：", None, None, None, None),
        ("经核查，", None, None, None, None),
        ("诉求<部分>合理 & 应予支持", True, None, None, "C00000"),
        ("\n（第二行）", None, True, True, None),
    ]
    document = python_docx.Document(io.BytesIO(out))
    last = document.paragraphs[0].runs[-1]
    assert last.font.size.pt == 14
    assert (
        last._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "楷体_GB2312"
    )
    assert document.paragraphs[0].runs[1].font.size.pt == 16  # the tag run's 三号


def test_p_tag_writes_one_paragraph_of_runs(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        + TAG_RUN
        + "<w:t>{{p verdict }}</w:t></w:r></w:p>"
    )
    out = compile_template(NAME, blob).render({"verdict": VERDICT})
    assert texts(out) == ["经核查，诉求<部分>合理 & 应予支持\n（第二行）"]
    assert python_docx.Document(io.BytesIO(out)).paragraphs[0].alignment == 1  # centre


def test_a_plain_tag_prints_rich_text_as_text(docx: DocxBuilder, texts: TextReader) -> None:
    out = compile_template(NAME, docx(tag_paragraph("{{ verdict }}"))).render({"verdict": VERDICT})
    assert texts(out) == ["结论：经核查，诉求<部分>合理 & 应予支持\n（第二行）"]


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (Span("x", colour="red"), "RichText：颜色应为六位十六进制数"),
        (Span("x", size=0.3), "RichText：字号应为 1 到 200 磅"),
        (Span("x", font='宋体"/><w:b/><w:x a="'), "RichText：字体名称不正确"),
    ],
)
def test_a_bad_property_is_a_located_error_not_broken_xml(
    docx: DocxBuilder, span: Span, words: str
) -> None:
    compiled = compile_template(NAME, docx(tag_paragraph("{{r verdict }}")))
    with pytest.raises(TemplateError) as raised:
        compiled.render({"verdict": RichText.of(span)})
    assert words in str(raised.value)
    assert str(raised.value).startswith(f"{NAME}:1: document:")
