"""Tests of docgen/engine/source.py: element trees written out as Jinja source."""

from __future__ import annotations

from lxml import etree

from docgen.engine.environment import WORD
from docgen.engine.source import prepare_text, prepare_word

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATIONS = (
    f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)


def document(body: str) -> etree._Element:
    return etree.fromstring(f"<w:document {DECLARATIONS}><w:body>{body}</w:body></w:document>")


def p(text: str, attributes: str = "") -> str:
    return f"<w:p{attributes}><w:r><w:t>{text}</w:t></w:r></w:p>"


def canonical(xml: str | bytes) -> bytes:
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, method="c14n")


def test_a_part_without_tags_is_written_as_the_same_xml() -> None:
    body = (
        p("甲 &amp; 乙 &lt;丙&gt;", ' w14:paraId="1A2B3C4D"')
        + '<w:p><w:r><w:t xml:space="preserve"> 前后有空格 </w:t></w:r></w:p>'
        + "<w:tbl><w:tr><w:tc><w:p><w:pPr><w:jc w:val='center'/></w:pPr></w:p></w:tc></w:tr>"
        + "</w:tbl>"
        + '<w:p xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape id="x"/></w:pict>'
        + "</w:r></w:p><!-- a comment --><w:sectPr/>"
    )
    original = f"<w:document {DECLARATIONS}><w:body>{body}</w:body></w:document>"
    prepared = prepare_word(document(body))
    assert (prepared.sites, prepared.problems, prepared.templated) == ((), (), False)
    assert canonical(prepared.source) == canonical(original.replace("<!-- a comment -->", ""))


def test_every_paragraph_starts_a_new_line() -> None:
    prepared = prepare_word(document(p("一") + p("{{ two }}") + p("三") + p("{{ four }}")))
    assert prepared.source.count("\n") == 4
    assert [(s.text, s.line) for s in prepared.sites] == [("{{ two }}", 3), ("{{ four }}", 5)]
    lines = prepared.source.split("\n")
    assert "{{ two }}" in lines[2] and "{{ four }}" in lines[4]


def test_braces_outside_text_are_never_read_as_tags() -> None:
    field = "<w:r><w:instrText>{{ not_a_tag }}</w:instrText></w:r>"
    body = f'<w:p><w:pPr><w:pStyle w:val="{{%x"/></w:pPr>{field}</w:p>' + p("{{ name }}")
    prepared = prepare_word(document(body))
    assert "&#123;{ not_a_tag }}" in prepared.source
    assert 'w:val="&#123;%x"' in prepared.source
    rendered = WORD.from_string(prepared.source).render(name="王")
    root = etree.fromstring(rendered.encode())
    assert root.find(f".//{{{W_NS}}}instrText").text == "{{ not_a_tag }}"


def test_a_row_tag_takes_the_place_of_its_row() -> None:
    row = "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>"
    table = (
        "<w:tbl>"
        + row.format(p("{%tr for m in panel %}"), p(""))
        + row.format(p("{{ m }}"), p("x"))
        + row.format(p("{%tr endfor %}"), p(""))
        + "</w:tbl>"
    )
    prepared = prepare_word(document(p("前") + table))
    lines = prepared.source.split("\n")
    assert (lines[2], lines[6]) == ("{% for m in panel %}", "{% endfor %}")
    assert [(s.text, s.line) for s in prepared.sites] == [
        ("{%tr for m in panel %}", 3),
        ("{{ m }}", 5),
        ("{%tr endfor %}", 7),
    ]


def test_a_paragraph_tag_inside_a_removed_row_goes_with_the_row() -> None:
    table = f"<w:tbl><w:tr><w:tc>{p('{%tr if a %}')}{p('{%p if b %}')}</w:tc></w:tr></w:tbl>"
    prepared = prepare_word(document(table))
    assert "{% if a %}" in prepared.source and "{% if b %}" not in prepared.source


def test_misplaced_and_unsupported_structural_tags_are_problems() -> None:
    table = f"<w:tbl><w:tr><w:tc>{p('{{tr row }}')}</w:tc></w:tr></w:tbl>"
    prepared = prepare_word(document(p("一") + p("{%tc for x in y %}") + table))
    assert [(pr.line, pr.message) for pr in prepared.problems] == [
        (3, "标签 {%tc for x in y %} 不在表格单元格中"),
        (
            4,
            "docxtpl 的 {{tr … }} 标签 docgen 暂不支持，"
            "可改写为 {%tr %} 块中的 {{p … }}（{{tr row }}）",
        ),
    ]


def test_an_unclosed_tag_is_a_problem_and_kept_out_of_jinja() -> None:
    prepared = prepare_word(document(p("一") + p("致 {{ name") + p("{{ ok }}")))
    assert [(pr.line, pr.message) for pr in prepared.problems] == [(3, "标签没有结束：{{ name")]
    assert "致 &#123;{ name" in prepared.source


def test_core_properties_take_tags_in_any_element() -> None:
    core = etree.fromstring(
        '<cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>{{ doc_title }}</dc:title><dc:creator>某县信访局</dc:creator>"
        "</cp:coreProperties>"
    )
    prepared = prepare_text(core)
    assert [s.text for s in prepared.sites] == ["{{ doc_title }}"]
    assert "<dc:title>{{ doc_title }}</dc:title>" in prepared.source


def test_namespaces_are_declared_where_the_template_declares_new_ones() -> None:
    """Only a declaration that changes what is in scope is written, on its element; attribute
    names take the prefix bound where they stand."""
    body = (
        '<w:p xmlns:a="urn:a"><w:r xmlns:w14="http://schemas.microsoft.com/office/word/2010/'
        'wordml"><a:x a:v="1"><a:y xmlns:a="urn:other" a:v="2"/><a:z a:v="3"/></a:x>'
        "<w:t>{{ x }}</w:t></w:r></w:p>" + p("乙")
    )
    source = prepare_word(document(body)).source
    assert (
        '<w:p xmlns:a="urn:a"><w:r><a:x a:v="1"><a:y xmlns:a="urn:other" a:v="2"/>'
        '<a:z a:v="3"/></a:x><w:t xml:space="preserve">{{ x }}</w:t></w:r></w:p>\n'
        "<w:p><w:r><w:t>乙</w:t></w:r></w:p>"
    ) in source
    assert source.count("xmlns:w=") == 1
