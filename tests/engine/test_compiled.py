"""Tests of docgen/engine/compiled.py: compiling .docx templates once and rendering contexts."""

from __future__ import annotations

import io
import pickle
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from xml.sax.saxutils import escape

import docx as python_docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.engine import CompiledTemplate, WordXml, check_template, compile_template, limits
from docgen.engine import compiled as compiled_module
from docgen.engine.environment import WORD
from docgen.errors import Location, TemplateError
from tests.libreoffice import convert

NAME = "templates/t.docx"
DATA = Path(__file__).parent / "testdata" / "test_compiled"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DocxBuilder = Callable[..., bytes]
TextReader = Callable[..., list[str]]


def run(text: str, props: str = "") -> str:
    """A run holding `text` (XML-escaped), with optional run properties."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*texts: str, ppr: str = "") -> str:
    """A paragraph with one run per text."""
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}{''.join(run(t) for t in texts)}</w:p>"


def table(*rows: list[str]) -> str:
    """A table: each row a list of cell texts, each cell one paragraph."""
    cells = ["".join(f"<w:tc>{p(text)}</w:tc>" for text in cells) for cells in rows]
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"


def render(blob: bytes, context: dict[str, object]) -> bytes:
    return compile_template(NAME, blob).render(context)


def compile_error(blob: bytes) -> TemplateError:
    with pytest.raises(TemplateError) as raised:
        compile_template(NAME, blob)
    return raised.value


def render_error(blob: bytes, context: dict[str, object]) -> TemplateError:
    with pytest.raises(TemplateError) as raised:
        render(blob, context)
    return raised.value


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


# --- tag forms -------------------------------------------------------------------------------


def test_it_prints_variables_in_the_text(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(p("致 {{ recipient.name }}（{{ recipient.role }}）：", "谢谢。"))
    out = render(blob, {"recipient": {"name": "王建国", "role": "信访人"}})
    assert texts(out) == ["致 王建国（信访人）：谢谢。"]


def test_it_keeps_the_formatting_of_the_run_holding_the_tag(docx: DocxBuilder) -> None:
    blob = docx(f"<w:p>{run('前', '<w:i/>')}{run('{{ name }}', '<w:b/>')}</w:p>")
    document = python_docx.Document(io.BytesIO(render(blob, {"name": "王建国"})))
    runs = [(r.text, r.bold, r.italic) for r in document.paragraphs[0].runs]
    assert runs == [("前", None, True), ("王建国", True, None)]


@pytest.mark.parametrize(
    ("shown", "expected"), [(True, ["前", "甲", "乙", "后"]), (False, ["前", "后"])]
)
def test_paragraph_tags_stand_for_their_paragraphs(
    docx: DocxBuilder, texts: TextReader, shown: bool, expected: list[str]
) -> None:
    blob = docx(p("前") + p("{%p if shown %}") + p("甲") + p("乙") + p("{%p endif %}") + p("后"))
    assert texts(render(blob, {"shown": shown})) == expected


def test_paragraph_loops_repeat_paragraphs(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(
        p("{%p for item in items %}")
        + p("{{ loop.index|cn_ordinal }}、{{ item }}")
        + p("{%p endfor %}")
    )
    assert texts(render(blob, {"items": ["补偿", "安置", "就业"]})) == [
        "一、补偿",
        "二、安置",
        "三、就业",
    ]


def test_row_loops_repeat_table_rows(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(
        table(
            ["序号", "姓名"],
            ["{%tr for m in panel %}", ""],
            ["{{ loop.index }}", "{{ m.name }}（{{ m.org }}）"],
            ["{%tr endfor %}", ""],
        )
    )
    out = render(
        blob, {"panel": [{"name": "甲", "org": "县人大"}, {"name": "乙", "org": "司法局"}]}
    )
    document = python_docx.Document(io.BytesIO(out))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["序号", "姓名"], ["1", "甲（县人大）"], ["2", "乙（司法局）"]]


def test_cell_loops_repeat_table_cells(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            ["事项", "{%tc for y in years %}", "{{ y }}年", "{%tc endfor %}"],
            ["金额", "{%tc for y in years %}", "{{ amounts[y]|yuan }}", "{%tc endfor %}"],
        )
    )
    out = render(blob, {"years": [2019, 2020], "amounts": {2019: 100, 2020: 2500}})
    document = python_docx.Document(io.BytesIO(out))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["事项", "2019年", "2020年"], ["金额", "¥100.00", "¥2,500.00"]]


def test_run_tags_stand_for_their_runs(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(p("您好", "{%r if title %}", "，{{ title }}", "{%r endif %}", "。"))
    assert texts(render(blob, {"title": "王局长"})) == ["您好，王局长。"]
    assert texts(render(blob, {"title": ""})) == ["您好。"]


def test_comment_tags_remove_their_paragraph_row_and_cell(
    docx: DocxBuilder, texts: TextReader
) -> None:
    blob = docx(
        p("{#p 给办事员的说明：本段不会出现 #}")
        + p("正文{# 行内注释 #}")
        + table(["{#tr 说明行 #}", "x"], ["a", "{#tc 说明格 #}", "b"])
    )
    assert texts(render(blob, {})) == ["正文", "a", "b"]


def test_paragraph_value_tags_keep_the_paragraph_style(docx: DocxBuilder) -> None:
    ppr = '<w:jc w:val="center"/>'
    blob = docx(f"<w:p><w:pPr>{ppr}</w:pPr>{run('旧文字 {{p heading }}', '<w:b/>')}</w:p>")
    document = python_docx.Document(io.BytesIO(render(blob, {"heading": "听证通知书"})))
    (paragraph,) = document.paragraphs
    assert (paragraph.text, paragraph.alignment, paragraph.runs[0].bold) == ("听证通知书", 1, True)


def test_value_tags_insert_prepared_xml_as_it_is(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(p("{{p block }}") + p("前", "{{r rich }}", "后"))
    block = WordXml(f"<w:p>{run('甲')}</w:p><w:p>{run('乙')}</w:p>")
    rich = WordXml(run("加粗", "<w:b/>"))
    assert texts(render(blob, {"block": block, "rich": rich})) == ["甲", "乙", "前加粗后"]


def body_children(docx: bytes) -> list[str]:
    """The local names of the children of `w:body`: text written there is lost by Word."""
    root = etree.fromstring(parts_of(docx)["word/document.xml"])
    body = root.find(W + "body")
    assert body is not None and not (body.text or "").strip()
    assert all(not (child.tail or "").strip() for child in body)
    return [etree.QName(child).localname for child in body]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{{p who(name) }}", ["王 & 李先生"]),
        ("{{p name|e }}", ["王 & 李"]),
        ("{{p name|forceescape }}", ["王 & 李"]),
        ("{{p text|e }}", ["第一行 <甲>", "第二行"]),
        ("{{p number|tojson }}", ['"12 \\u003c 13"']),
        ("{{p kept }}", ["王 & 李和第一行 <甲>\n第二行"]),
        ("{{r who(name) }}", ["前王 & 李先生后"]),
        ("{{r text|e }}", ["前第一行 <甲>\n第二行后"]),
        ("{{ name|e }}", ["前王 & 李后"]),
    ],
)
def test_markup_that_jinja_makes_prints_as_text(
    docx: DocxBuilder, texts: TextReader, tag: str, expected: list[str]
) -> None:
    """Why: macros, `{% set %}` blocks, `|e` and `|tojson` give Markup, which is text, not XML."""
    blob = docx(
        p("{% macro who(x) %}{{ x }}先生{% endmacro %}")
        + p("{% set kept %}{{ name }}和{{ text }}{% endset %}")
        + (p(tag) if tag.startswith("{{p") else p("前", tag, "后"))
    )
    out = render(blob, {"name": "王 & 李", "text": "第一行 <甲>\n第二行", "number": "12 < 13"})
    assert texts(out)[2:] == expected
    assert set(body_children(out)) == {"p", "sectPr"}


def test_paragraph_value_tags_write_a_paragraph_a_line(docx: DocxBuilder) -> None:
    ppr = '<w:ind w:firstLine="640"/><w:jc w:val="both"/>'
    blob = docx(p("前") + f"<w:p><w:pPr>{ppr}</w:pPr>{run('{{p text }}', '<w:b/>')}</w:p>")
    out = render(blob, {"text": "第一段 & 甲\n第二段\r\n\n第四段\t制表\n"})
    assert body_children(out) == ["p"] * 5 + ["sectPr"]
    document = python_docx.Document(io.BytesIO(out))
    shown = [
        (para.text, para.paragraph_format.first_line_indent, [r.bold for r in para.runs])
        for para in document.paragraphs[1:]
    ]
    indent = python_docx.shared.Twips(640)
    assert shown == [
        ("第一段 & 甲", indent, [True]),
        ("第二段", indent, [True]),
        ("", indent, [True]),
        ("第四段\t制表", indent, [True]),
    ]


@pytest.mark.parametrize("value", ["", None, "\n"])
def test_an_empty_paragraph_value_leaves_one_empty_paragraph(
    docx: DocxBuilder, texts: TextReader, value: str | None
) -> None:
    blob = docx(p("前") + p("{{p text }}", ppr='<w:jc w:val="center"/>') + p("后"))
    out = render(blob, {"text": value})
    assert texts(out) == ["前", "", "后"]
    assert python_docx.Document(io.BytesIO(out)).paragraphs[1].alignment == 1


def test_a_section_break_follows_only_the_last_line(docx: DocxBuilder) -> None:
    section = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    blob = docx(p("{{p text }}", ppr=f'<w:jc w:val="center"/>{section}') + p("下一节"))
    root = etree.fromstring(parts_of(render(blob, {"text": "甲\n乙\n丙"}))["word/document.xml"])
    paragraphs = root.findall(f"{W}body/{W}p")
    assert [len(para.findall(f"{W}pPr/{W}sectPr")) for para in paragraphs] == [0, 0, 1, 0]
    assert [len(para.findall(f"{W}pPr/{W}jc")) for para in paragraphs] == [1, 1, 1, 0]


def test_run_value_tags_print_plain_values_in_the_run(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(p("前", "{{r value }}", "后"))
    assert texts(render(blob, {"value": "a < b\n第二行"})) == ["前a < b\n第二行后"]


def test_nested_loops(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(
        p("{%p for group in groups %}")
        + p(
            "{{ group.name }}：{% for m in group.members %}{{ m }}"
            "{% if not loop.last %}、{% endif %}{% endfor %}"
        )
        + p("{%p for task in group.tasks %}")
        + p("（{{ loop.index|cn_ordinal }}）{{ task }}")
        + p("{%p endfor %}")
        + p("{%p endfor %}")
    )
    groups = [
        {"name": "第一组", "members": ["甲", "乙"], "tasks": ["走访", "调解"]},
        {"name": "第二组", "members": ["丙"], "tasks": []},
    ]
    assert texts(render(blob, {"groups": groups})) == [
        "第一组：甲、乙",
        "（一）走访",
        "（二）调解",
        "第二组：丙",
    ]


def test_row_loops_inside_paragraph_loops(docx: DocxBuilder) -> None:
    blob = docx(
        p("{%p for case in cases %}")
        + p("{{ case.id }}")
        + table(["{%tr for r in case.requests %}"], ["{{ r }}"], ["{%tr endfor %}"])
        + p("{%p endfor %}")
    )
    cases = [{"id": "XF1", "requests": ["补偿", "安置"]}, {"id": "XF2", "requests": ["道歉"]}]
    document = python_docx.Document(io.BytesIO(render(blob, {"cases": cases})))
    tables = [[row.cells[0].text for row in t.rows] for t in document.tables]
    assert [p.text for p in document.paragraphs] == ["XF1", "XF2"]
    assert tables == [["补偿", "安置"], ["道歉"]]


def test_headers_footers_notes_and_core_properties_are_rendered(
    docx: DocxBuilder, texts: TextReader
) -> None:
    blob = docx(
        p("{{ body }}"),
        header=p("{{ office }}"),
        footer=p("{%p if page_note %}")
        + p("{{ page_note }}")
        + p("{%p endif %}")
        + p("{{ office }}"),
        footnotes=p("注：{{ note }}"),
        endnotes=p("尾注：{{ note }}"),
        title="{{ doc_title }}",
        subject="{{ case_id }}",
    )
    context = {"body": "正文", "office": "某县信访局", "page_note": "", "note": "依据条例"}
    out = render(blob, context | {"doc_title": "听证通知书", "case_id": "XF2020-018"})
    assert texts(out, "word/header1.xml") == ["某县信访局"]
    assert texts(out, "word/footer1.xml") == ["某县信访局"]
    assert texts(out, "word/footnotes.xml") == ["注：依据条例"]
    assert texts(out, "word/endnotes.xml") == ["尾注：依据条例"]
    properties = python_docx.Document(io.BytesIO(out)).core_properties
    assert (properties.title, properties.subject) == ("听证通知书", "XF2020-018")


def test_docxtpl_escapes_print_delimiters(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(p("写作 {_{ 变量 }_} 或 {_% if %_}"))
    assert texts(render(blob, {})) == ["写作 {{ 变量 }} 或 {% if %}"]


def test_tags_typed_with_chinese_quotes_and_spaces_work(
    docx: DocxBuilder, texts: TextReader
) -> None:
    blob = docx(p("{{\u3000name|default(“无”) }}"))
    assert texts(render(blob, {})) == ["无"]


# --- templates edited by Word and LibreOffice ------------------------------------------------


def test_a_tag_split_by_a_bookmark_and_a_proof_mark_renders(
    docx: DocxBuilder, texts: TextReader
) -> None:
    blob = docx(
        "<w:p>"
        + run("致 {{ recipient", "<w:b/>")
        + '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
        + run(".na", '<w:rFonts w:ascii="Arial"/>')
        + '<w:proofErr w:type="spellEnd"/>'
        + run("me }}：", "<w:i/>")
        + '<w:bookmarkEnd w:id="0"/></w:p>'
    )
    out = render(blob, {"recipient": {"name": "王建国"}})
    assert texts(out) == ["致 王建国："]
    runs = python_docx.Document(io.BytesIO(out)).paragraphs[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("致 王建国", True, None),
        ("：", None, True),
    ]


def test_a_tag_split_by_tracked_changes_renders(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx(
        "<w:p>"
        + run("{{ na")
        + '<w:ins w:id="1" w:author="clerk">'
        + run("me")
        + "</w:ins>"
        + '<w:del w:id="2" w:author="clerk"><w:r><w:delText>旧</w:delText></w:r></w:del>'
        + run(" }}")
        + "</w:p>"
    )
    assert texts(render(blob, {"name": "王建国"})) == ["王建国"]


CONTEXT = {
    "office": {"name": "某县信访局", "phone": "0371-63211234"},
    "doc_number": "某信听〔2020〕18号",
    "doc_title": "听证通知书",
    "recipient": {"name": "王建国"},
    "hearing": {"place": "县信访局听证室", "date": "2020-06-12", "time": "09:30", "public": True},
    "panel": [{"name": "李明", "org": "县人大"}, {"name": "赵芳", "org": "县司法局"}],
    "items": ["补偿", "安置"],
    "issued": "2020-06-01",
}


def formatted_paragraphs(data: bytes) -> list[list[tuple[str, bool, bool]]]:
    """Every paragraph (body, tables, header, footer) as (text, bold, italic) of its runs,
    neighbouring runs with the same formatting joined."""
    document = python_docx.Document(io.BytesIO(data))
    section = document.sections[0]
    paragraphs = [*document.paragraphs, *section.header.paragraphs, *section.footer.paragraphs]
    for t in document.tables:
        paragraphs += [q for row in t.rows for cell in row.cells for q in cell.paragraphs]
    result = []
    for paragraph in paragraphs:
        joined: list[tuple[str, bool, bool]] = []
        for r in paragraph.runs:
            style = (bool(r.bold), bool(r.italic))
            if joined and joined[-1][1:] == style:
                joined[-1] = (joined[-1][0] + r.text, *style)
            elif r.text:
                joined.append((r.text, *style))
        result.append(joined)
    return result


def test_a_template_saved_by_libreoffice_renders_like_its_original() -> None:
    original = (DATA / "notice_original.docx").read_bytes()
    resaved = (DATA / "notice_libreoffice.docx").read_bytes()
    expected = formatted_paragraphs(compile_template("original.docx", original).render(CONTEXT))
    assert (
        formatted_paragraphs(compile_template("resaved.docx", resaved).render(CONTEXT)) == expected
    )
    body = [" ".join(t for t, _, _ in runs) for runs in expected]
    assert body[:4] == [
        "听证通知书",
        "致 王建国 ：",
        "听证地点：县信访局听证室，时间：2020年6月12日上午9时30分。",
        "本次听证公开举行。",
    ]
    assert list(expected[1][1]) == ["王建国", True, False]
    assert "一、补偿" in body and "某县信访局 联系电话：0371-******34" in body


# --- values are data -------------------------------------------------------------------------

HOSTILE = {
    "markup": "A & B <w:p> \"引号\" 'single' </w:t>",
    "jinja": "{{ secret }} {% if x %} {# c #}",
    "lines": "第一行\n第二行\r\n第三行\t制表",
    "rare": "𠮷野家 \u3000全角空格 ☃",
    "control": "a\x00b\x07c\x1bd\ufffe",
    "long": "长" * 2000,
}


def test_hostile_values_print_literally(docx: DocxBuilder, texts: TextReader) -> None:
    blob = docx("".join(p(f"{{{{ {key} }}}}") for key in HOSTILE), footer=p("{{ markup }}"))
    out = render(blob, dict(HOSTILE))
    expected = [
        HOSTILE["markup"],
        HOSTILE["jinja"],
        "第一行\n第二行\n第三行\t制表",
        HOSTILE["rare"],
        "abcd",
        HOSTILE["long"],
    ]
    assert texts(out) == expected
    assert texts(out, "word/footer1.xml") == [HOSTILE["markup"]]
    document = python_docx.Document(io.BytesIO(out))
    assert document.paragraphs[0].text == HOSTILE["markup"]


def test_hostile_values_give_a_document_libreoffice_opens(
    docx: DocxBuilder, tmp_path: Path
) -> None:
    blob = docx("".join(p(f"{{{{ {key} }}}}") for key in HOSTILE))
    source = tmp_path / "hostile.docx"
    source.write_bytes(render(blob, dict(HOSTILE)))
    text = convert(source, tmp_path / "out", "txt:Text").read_text("utf-8-sig")
    for value in (
        "A & B <w:p> \"引号\" 'single' </w:t>",
        "{{ secret }} {% if x %}",
        "𠮷野家",
        "长" * 2000,
    ):
        assert value in text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text())
def test_any_text_renders_well_formed_and_reads_back(docx: DocxBuilder, value: str) -> None:
    out = render(docx(p("前{{ value }}后")), {"value": value})
    root = etree.fromstring(parts_of(out)["word/document.xml"])  # raises if malformed
    shown = {W + "br": "\n", W + "tab": "\t", W + "t": None}
    text = "".join(
        shown[e.tag] or e.text or ""
        for e in root.iter(*shown)
        if e.tag != W + "br" or e.get(W + "type") is None
    )
    expected = "".join(
        c
        for c in value.replace("\r\n", "\n").replace("\r", "\n")
        if c in "\t\n" or (c >= " " and not "\ud800" <= c <= "\udfff" and c not in "\ufffe\uffff")
    )
    assert text == f"前{expected}后"


def test_none_prints_as_nothing_and_raw_output_is_refused(
    docx: DocxBuilder, texts: TextReader
) -> None:
    assert texts(render(docx(p("[{{ value }}]")), {"value": None})) == ["[]"]
    error = compile_error(docx(p("{{ value|safe }}")))
    assert error.message == "模板语法错误：没有名为“safe”的过滤器（标签 {{ value|safe }}）"


BLOCKS = [  # pieces of a body; some pairs are at different levels and must be refused
    p("正文"),
    p("{%p if a %}"),
    p("{%p endif %}"),
    p("{%p for i in items %}"),
    p("{%p endfor %}"),
    p("前{% if a %}中"),
    p("{% endif %}后"),
    p("{% for i in items %}{{ i }}"),
    p("{% endfor %}"),
    table(["{%tr if a %}"], ["行"], ["{%tr endif %}"]),
    table(["{%tr if a %}"], ["{{ v }}"]),
    table(["甲"], ["{%tr endif %}"]),
    table(["{% if a %}格"], ["{% endif %}"]),
    table(["{% endif %}", "{%p if a %}"]),
    table(["{%tc for i in items %}", "{{ i }}", "{%tc endfor %}"]),
]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=7))
def test_a_template_either_is_refused_or_renders_well_formed_xml(
    docx: DocxBuilder, pieces: list[str]
) -> None:
    try:
        compiled = compile_template(NAME, docx("".join(pieces)))
    except TemplateError:
        return
    for a in (True, False):
        for items in ([], [1, 2]):
            out = compiled.render({"a": a, "items": items, "v": "值"})
            etree.fromstring(parts_of(out)["word/document.xml"])  # raises if malformed


# --- located errors --------------------------------------------------------------------------


def test_an_undefined_variable_names_file_part_paragraph_and_tag(docx: DocxBuilder) -> None:
    blob = docx(p("标题") + p("致 {{ recipient.nmae }}（{{ recipient.role }}）："))
    error = render_error(blob, {"recipient": {"name": "王建国", "role": "信访人"}})
    assert str(error) == (
        "templates/t.docx:2: document: 模板变量未定义：recipient.nmae"
        "（标签 {{ recipient.nmae }}）\n"
        "  请检查变量名是否拼写正确，可用的变量见 docs/templates.md。"
    )
    assert error.location == Location(Path(NAME), line=2, field="document")


def test_an_undefined_top_level_name_in_a_footer_loop(docx: DocxBuilder) -> None:
    blob = docx(
        p("正文"), footer=p("{%p for x in items %}") + p("{{ x }}{{ ofice }}") + p("{%p endfor %}")
    )
    error = render_error(blob, {"items": [1]})
    assert str(error).splitlines()[0] == (
        "templates/t.docx:2: footer1: 模板变量未定义：ofice（标签 {{ ofice }}）"
    )


def test_a_syntax_error_names_paragraph_and_tag(docx: DocxBuilder) -> None:
    blob = docx(p("一") + p("二") + p("{{ name|cn_date( }}"))
    error = compile_error(blob)
    assert error.location == Location(Path(NAME), line=3, field="document")
    assert error.message.startswith("模板语法错误：")
    assert error.message.endswith("（标签 {{ name|cn_date( }}）")
    assert error.hint == "请在 Word/WPS 中改正这个标签；标签的写法见 docs/templates.md。"


def test_an_unclosed_block_is_reported_at_its_opening_tag(docx: DocxBuilder) -> None:
    blob = docx(p("一") + p("{%p for m in panel %}") + p("{{ m }}") + p("三"))
    assert str(compile_error(blob)).splitlines()[0] == (
        "templates/t.docx:2: document: 标签 {%p for m in panel %} 没有对应的结束标签 {% endfor %}"
    )


def test_a_filter_error_is_located(docx: DocxBuilder) -> None:
    blob = docx(p("一") + p("金额：{{ amount|cn_amount }}"))
    error = render_error(blob, {"amount": "-100"})
    assert str(error).splitlines()[0] == (
        "templates/t.docx:2: document: cn_amount：金额不能为负数（-100）"
        "（标签 {{ amount|cn_amount }}）"
    )


def test_an_expression_error_is_located(docx: DocxBuilder) -> None:
    error = render_error(docx(p("{{ total / count }}")), {"total": 1, "count": 0})
    assert str(error).splitlines()[0] == (
        "templates/t.docx:1: document: 模板计算出错："
        "除数为零（ZeroDivisionError: division by zero）（标签 {{ total / count }}）"
    )


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (
            "{{ name + 1 }}",
            "类型不符（如把文字当数字计算）"
            '（TypeError: can only concatenate str (not "int") to str）',
        ),
        ("{{ '{x}'.format() }}", "没有这一项（KeyError: 'x'）"),
        (
            "{{ '{0}'.format() }}",
            "没有这一项（序号超出范围）（IndexError: tuple index out of range）",
        ),
        ("{{ name.index('x') }}", "ValueError: substring not found"),
    ],
)
def test_expression_errors_are_explained_in_chinese(
    docx: DocxBuilder, tag: str, message: str
) -> None:
    context = {"name": "王", "data": {}, "items": []}
    error = render_error(docx(p(tag)), context)
    assert error.message == f"模板计算出错：{message}（标签 {tag}）"
    assert error.hint == "请检查这个标签中的表达式和它用到的数据。"


def test_a_row_tag_outside_a_table_is_refused(docx: DocxBuilder) -> None:
    error = compile_error(docx(p("一") + p("{%tr for m in panel %}")))
    assert str(error) == (
        "templates/t.docx:2: document: 标签 {%tr for m in panel %} 不在表格行中\n"
        "  {%tr %} 只能写在表格行里；整段的条件和循环请用 {%p %}。"
    )


def test_a_block_opened_in_a_table_and_closed_outside_it_is_refused(docx: DocxBuilder) -> None:
    blob = docx(table(["{% if shown %}甲"]) + p("乙{% endif %}"))
    error = compile_error(blob)
    assert error.location == Location(Path(NAME), line=2, field="document")
    assert error.message == (
        "标签 {% endif %} 与第 1 段的 {% if shown %} 不在同一层级"
        "（前者在表格单元格里，后者在段落文字里），生成的文档会损坏"
    )


def test_check_lists_every_problem_of_every_part(docx: DocxBuilder) -> None:
    blob = docx(
        p("{{ a b }}") + p("{%tr if x %}") + p("{{ name") + p("{{ c|no_such_filter }}"),
        footer=p("{% for x in y %}"),
        header=p("{{ ok }}"),
        title="{{ '未结束 }}",
    )
    problems = [str(e).splitlines()[0] for e in check_template(NAME, blob)]
    assert problems == [
        "templates/t.docx:1: document: 模板语法错误：此处应为“}}”，却是“b”（标签 {{ a b }}）",
        "templates/t.docx:2: document: 标签 {%tr if x %} 不在表格行中",
        "templates/t.docx:3: document: 标签没有结束：{{ name",
        "templates/t.docx:4: document: 模板语法错误：没有名为“no_such_filter”的过滤器"
        "（标签 {{ c|no_such_filter }}）",
        "templates/t.docx:1: footer1: 标签 {% for x in y %} 没有对应的结束标签 {% endfor %}",
        "templates/t.docx: core: 模板语法错误：标签中有不能识别或不配对的字符“'”"
        "（标签 {{ '未结束 }}）",
    ]


def test_check_finds_nothing_in_a_good_template_and_lists_its_variables(docx: DocxBuilder) -> None:
    blob = docx(
        p("{{ recipient.name }}{% for m in panel %}{{ m.name }}{{ loop.index }}{% endfor %}"),
        footer=p("{{ office.name|mask_name }}{{ range(3)|length }}"),
        title="{{ doc_title }}",
    )
    assert check_template(NAME, blob) == []
    variables = compile_template(NAME, blob).variables
    assert variables == frozenset({"recipient", "panel", "office", "doc_title"})


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"not a zip", "模板不是有效的 .docx 文件，无法打开。（File is not a zip file）"),
        (b"", "模板不是有效的 .docx 文件，无法打开。（File is not a zip file）"),
    ],
)
def test_check_reports_a_file_that_is_not_a_docx(blob: bytes, message: str) -> None:
    assert [e.message for e in check_template(NAME, blob)] == [message]


def test_a_zip_without_word_content_is_not_a_docx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    (error,) = check_template(NAME, out.getvalue())
    assert error.message == "模板不是 Word 文档：缺少 [Content_Types].xml"
    assert error.location == Location(Path(NAME))


def test_a_damaged_part_is_reported(docx: DocxBuilder) -> None:
    members = parts_of(docx(p("{{ x }}")))
    members["word/document.xml"] = members["word/document.xml"][:-20]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    (error,) = check_template(NAME, out.getvalue())
    assert error.message.startswith("模板的 XML 部件 word/document.xml 已损坏，无法读取。（")
    assert error.location == Location(Path(NAME), field="document")


def test_a_part_without_the_usual_w_prefix_is_refused(docx: DocxBuilder) -> None:
    members = parts_of(docx(p("{{ x }}")))
    xml = members["word/document.xml"].decode()
    members["word/document.xml"] = xml.replace("w:", "x:").replace("xmlns:w=", "xmlns:x=").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    (error,) = check_template(NAME, out.getvalue())
    assert error.message == "模板部件没有使用标准的 w: 命名空间前缀"


# --- determinism, packaging, caching ---------------------------------------------------------


def test_two_renders_are_byte_identical(docx: DocxBuilder) -> None:
    blob = docx(p("{{ name }}"), footer=p("{{ name }}"), title="{{ name }}")
    first = render(blob, {"name": "王建国"})
    assert render(blob, {"name": "王建国"}) == first
    assert compile_template("elsewhere/t.docx", blob).render({"name": "王建国"}) == first
    assert render(blob, {"name": "李四"}) != first


def test_the_zip_keeps_member_order_with_fixed_times(docx: DocxBuilder) -> None:
    blob = docx(p("{{ name }}"), footer=p("页脚"))
    out = render(blob, {"name": "王建国"})
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as template,
        zipfile.ZipFile(io.BytesIO(out)) as rendered,
    ):
        assert rendered.testzip() is None
        assert rendered.namelist() == template.namelist()
        assert {i.date_time for i in rendered.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {(i.external_attr, i.flag_bits, i.create_system) for i in rendered.infolist()} == {
            (0o600 << 16, 0, 0)
        }


def test_unchanged_members_are_copied_without_recompression() -> None:
    original = (DATA / "notice_original.docx").read_bytes()
    out = compile_template("original.docx", original).render(CONTEXT)
    with (
        zipfile.ZipFile(io.BytesIO(original)) as template,
        zipfile.ZipFile(io.BytesIO(out)) as rendered,
    ):
        for info in template.infolist():
            if info.filename in (
                "word/document.xml",
                "word/header1.xml",
                "word/footer1.xml",
                "docProps/core.xml",
            ):
                continue
            copied = rendered.getinfo(info.filename)
            assert (copied.CRC, copied.compress_size) == (info.CRC, info.compress_size), (
                info.filename
            )
            assert rendered.read(info.filename) == template.read(info.filename)


def test_a_member_compressed_with_deflate64_is_reported(docx: DocxBuilder) -> None:
    """Why: zipfile raises NotImplementedError for it, which used to escape as a traceback."""
    members = parts_of(docx(p("{{ x }}")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    blob = out.getvalue()
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local, central
        start = blob.index(signature, blob.index(signature) + 1)  # the second member's header
        blob = blob[: start + method_at] + b"\x09\x00" + blob[start + method_at + 2 :]
    (error,) = check_template(NAME, blob)
    assert str(error) == (
        "templates/t.docx: 模板中的部件 _rels/.rels 使用了不支持的压缩方式（方式 9），无法读取。"
        "（That compression method is not supported）\n"
        "  请在 Word/WPS 中打开模板并另存为“Word 文档（*.docx）”。"
    )
    with pytest.raises(TemplateError) as raised:
        compile_template(NAME, blob)
    assert raised.value == error


def test_a_template_with_problems_is_built_once(
    docx: DocxBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    original = compiled_module._compile_part

    def counted(file: str, member: str, content: bytes, word: bool, lenient: bool) -> object:
        built.append(member)
        return original(file, member, content, word, lenient)

    monkeypatch.setattr(compiled_module, "_compile_part", counted)
    blob = docx(p("{{ a b }}") + p("{{ 只编译一次 }}"), footer=p("{{ ok }}"))
    first = check_template(NAME, blob)
    assert built == ["word/document.xml", "word/footer1.xml"]
    assert check_template(NAME, blob) == first
    assert compile_error(blob) == first[0]
    assert built == ["word/document.xml", "word/footer1.xml"]


def test_a_template_compiles_once_per_content(docx: DocxBuilder) -> None:
    blob = docx(p("{{ name }}"))
    compiled = compile_template(NAME, blob)
    assert compile_template(NAME, bytes(blob)) is compiled
    assert compile_template(NAME, docx(p("{{ other }}"))) is not compiled


def test_a_compiled_template_survives_pickling(docx: DocxBuilder) -> None:
    blob = docx(p("{{ name }}"))
    compiled = compile_template(NAME, blob)
    copy = pickle.loads(pickle.dumps(compiled))
    assert isinstance(copy, CompiledTemplate)
    assert copy.render({"name": "王建国"}) == compiled.render({"name": "王建国"})


def test_compiled_templates_render_the_same_in_other_processes(docx: DocxBuilder) -> None:
    compiled = compile_template(NAME, docx(p("{{ name }}"), footer=p("{{ name }}")))
    contexts = [{"name": name} for name in ("王建国", "李四", "欧阳明月", "张三")]
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        rendered = list(pool.map(compiled.render, contexts))
    assert rendered == [compiled.render(c) for c in contexts]


def test_the_document_body_is_checked_before_the_properties(docx: DocxBuilder) -> None:
    error = render_error(docx(p("{{ body }}"), title="{{ title }}"), {})
    assert error.location == Location(Path(NAME), line=1, field="document")


def test_rendered_parts_are_well_formed_xml() -> None:
    original = (DATA / "notice_original.docx").read_bytes()
    out = compile_template("original.docx", original).render(CONTEXT)
    for name, content in parts_of(out).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(content)
    assert python_docx.Document(io.BytesIO(out)).paragraphs[0].text == "听证通知书"


def with_relationships(blob: bytes, *relationships: str) -> bytes:
    """`blob` with `relationships` (XML elements) added to the main document's."""
    members = parts_of(blob)
    rels = members["word/_rels/document.xml.rels"].decode()
    members["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", "".join(relationships) + "</Relationships>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def external(rel_id: str, kind: str, target: str) -> str:
    return (
        f'<Relationship Id="{rel_id}" Type="{OFFICE}/{kind}" Target="{target}" '
        'TargetMode="External"/>'
    )


def test_links_word_follows_on_opening_are_warned_and_the_template_still_renders(
    docx: DocxBuilder,
) -> None:
    blob = with_relationships(
        docx(p("{{ name }}")),
        external("rX1", "image", "http://example.org/track.png"),
        external("rX2", "oleObject", "file:///C:/secret.xlsx"),
        external("rX3", "attachedTemplate", "\\\\server\\share\\normal.dotm"),
    )
    warnings = check_template(NAME, blob)
    assert [type(w).__name__ for w in warnings] == ["TemplateWarning"] * 3
    assert [str(w).splitlines()[0] for w in warnings] == [
        f"{NAME}: document: 模板中的图片链接到外部：http://example.org/track.png；"
        "打开生成的文书时 Word/WPS 会去读取它",
        f"{NAME}: document: 模板中的OLE 对象链接到外部：file:///C:/secret.xlsx；"
        "打开生成的文书时 Word/WPS 会去读取它",
        f"{NAME}: document: 模板中的附加模板链接到外部：\\\\server\\share\\normal.dotm；"
        "打开生成的文书时 Word/WPS 会去读取它",
    ]
    assert all(w.label == "警告" for w in warnings)
    render(blob, {"name": "王"})  # a warning does not stop compiling or rendering


def test_hyperlinks_are_not_warned(docx: DocxBuilder) -> None:
    blob = with_relationships(docx(p("正文")), external("rX1", "hyperlink", "https://gov.cn"))
    assert check_template(NAME, blob) == []


def test_a_bug_in_docgen_is_not_shown_as_a_template_error(
    docx: DocxBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(WORD.filters, "broken", limits.check_size)  # "x" > int: TypeError
    with pytest.raises(TypeError):
        render(docx(p("{{ 'x'|broken }}")), {})
    assert render_error(docx(p("{{ 1/0 }}")), {}).message.startswith("模板计算出错：除数为零")
