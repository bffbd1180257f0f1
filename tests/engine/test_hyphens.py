"""Hyphenated identifiers in rendered Word XML become Word's non-breaking hyphens."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from docgen.engine import compile_template
from docgen.engine.hyphens import keep_hyphenated_words
from docgen.layout import STYLE_BODY, Run, docx_bytes, new_document, new_paragraph

NB = b'</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def test_a_case_id_and_a_phone_number_get_non_breaking_hyphens() -> None:
    xml = b"<w:r><w:t>XF2020-025, 0371-6000000</w:t></w:r>"
    assert keep_hyphenated_words(xml) == (
        b"<w:r><w:t>XF2020" + NB + b"025, 0371" + NB + b"6000000</w:t></w:r>"
    )


def test_other_hyphens_and_markup_are_left_alone() -> None:
    xml = (
        b'<w:r><w:t xml:space="preserve">6-1 a-b 2015-03-10 X-12-3 -</w:t></w:r>'
        b'<w:p w:rsidR="XF2020-025"/>'
    )
    assert keep_hyphenated_words(xml) == xml


def test_only_the_text_of_a_w_t_element_changes() -> None:
    kept = (
        b"<w:instrText>XF2020-025</w:instrText><w:t>a-b</w:t><w:tab/>"
        b'<w:t xml:space="preserve">\xe6\xa1\x88XF2020-025</w:t><w:t>0371-6000000'
    )
    xml = kept + b"</w:t>"
    assert keep_hyphenated_words(xml) == (
        kept.replace(b"\xa1\x88XF2020-", b"\xa1\x88XF2020" + NB).replace(b"0371-", b"0371" + NB)
        + b"</w:t>"
    )
    assert keep_hyphenated_words(b"<w:t>0371-6000000") == b"<w:t>0371-6000000"  # never closed


def test_a_rendered_document_reads_back_with_plain_hyphens() -> None:
    document = new_document()
    document.element.body[-1].addprevious(
        new_paragraph(STYLE_BODY, [Run("案件编号：{{ case_id }}。")])
    )
    template = compile_template("t.docx", docx_bytes(document, title="t"))
    rendered = template.render({"case_id": "XF2020-025"})
    text = Document(io.BytesIO(rendered)).paragraphs[0].text
    assert text == "案件编号：XF2020-025。"
    assert b"XF2020</w:t><w:noBreakHyphen/>" in _document_xml(rendered)


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml")
