"""The print file: every notice and receipt of a hearing week in one .docx, a section each."""

from __future__ import annotations

import io
import struct
import subprocess
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from libreoffice import convert_all, page_count
from print_parts import TITLE, three_recipients

from docgen.errors import TemplateError
from docgen.layout.combine import PrintFile, combine_documents

DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# a 1×1 white PNG
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(scope="module")
def parts() -> list[tuple[str, bytes]]:
    """A notice and its receipt for three recipients, one of each role, named apart."""
    return three_recipients()


@pytest.fixture(scope="module")
def print_file(parts: list[tuple[str, bytes]]) -> bytes:
    return combine_documents(parts, TITLE)


def open_docx(blob: bytes) -> DocumentObject:
    return Document(io.BytesIO(blob))


def all_text(blob: bytes) -> str:
    """The text of the body, paragraphs and tables in document order."""
    return "".join(t.text or "" for t in open_docx(blob).element.body.iter(qn("w:t")))


def test_each_document_is_a_section_numbered_from_1_with_its_own_margins(
    parts: list[tuple[str, bytes]], print_file: bytes
) -> None:
    combined = open_docx(print_file)
    assert len(combined.sections) == len(parts)
    for section, (_, blob) in zip(combined.sections, parts, strict=True):
        source = open_docx(blob).sections[0]
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is not None and numbering.get(qn("w:start")) == "1"
        assert section.start_type == source.start_type  # WD_SECTION.NEW_PAGE
        for setting in ("page_width", "page_height", "top_margin", "bottom_margin"):
            assert getattr(section, setting) == getattr(source, setting), setting
        assert (section.left_margin, section.right_margin, section.footer_distance) == (
            source.left_margin,
            source.right_margin,
            source.footer_distance,
        )
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid is not None and grid.get(qn("w:linePitch")) == "579"
        assert section.footer.paragraphs[0].text == "— 1 —"  # the footer part exists
        assert section.even_page_footer.paragraphs[0].text == "— 1 —"
    assert combined.settings.odd_and_even_pages_header_footer
    assert combined.core_properties.title == TITLE


def test_the_text_of_each_document_appears_in_order(
    parts: list[tuple[str, bytes]], print_file: bytes
) -> None:
    text = all_text(print_file)
    assert text == "".join(all_text(blob) for _, blob in parts)
    names = [text.index(name) for name in ("王建国", "吴军", "县自然资源局")]
    assert names == sorted(names)


def test_every_part_has_one_name_and_every_relationship_a_target(print_file: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(print_file)) as archive:
        names = archive.namelist()
        assert not [name for name, count in Counter(names).items() if count > 1]
        assert archive.testzip() is None
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
        document = archive.read("word/document.xml").decode()
    footers = [name for name in names if name.startswith("word/footer")]
    assert len(footers) == 2  # the odd and even footer, the same in all six documents: shared
    for footer in footers:
        assert f'Target="{footer.removeprefix("word/")}"' in rels
        assert f'PartName="/{footer}"' in types
    assert document.count("<w:footerReference ") == 12  # yet every section refers to both


def test_a_footer_differing_from_the_others_gets_a_part_of_its_own(
    parts: list[tuple[str, bytes]],
) -> None:
    other = with_member(parts[1][1], "word/footer1.xml", "— ".encode(), b"- ")
    combined = combine_documents([parts[0], (parts[1][0], other), parts[2]], TITLE)
    with zipfile.ZipFile(io.BytesIO(combined)) as archive:
        footers = [name for name in archive.namelist() if name.startswith("word/footer")]
    assert len(footers) == 3
    assert [s.footer.paragraphs[0].text for s in open_docx(combined).sections] == [
        "— 1 —",
        "- 1 —",
        "— 1 —",
    ]


def test_the_same_documents_give_the_same_bytes(
    parts: list[tuple[str, bytes]], print_file: bytes
) -> None:
    assert combine_documents(parts, TITLE) == print_file
    with zipfile.ZipFile(io.BytesIO(print_file)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def word_document(text: str, header: str | None = None) -> bytes:
    """A python-docx document with a bookmark, a picture, a numbered list and maybe a header."""
    document = Document()
    paragraph = document.add_paragraph(text)
    start = paragraph._p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): "0", qn("w:name"): "x"})
    paragraph._p.insert(0, start)
    paragraph._p.append(paragraph._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): "0"}))
    document.add_picture(io.BytesIO(PNG))
    document.add_paragraph("第一项", style="List Number")
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def test_pictures_bookmarks_and_lists_of_each_document_stay_its_own() -> None:
    parts = [(f"{i}.docx", word_document(f"第{i}份", header="页眉")) for i in range(3)]
    combined = open_docx(combine_documents(parts, TITLE))
    body = combined.element.body
    assert [e.get("id") for e in body.iter(DOC_PR)] == ["1", "2", "3"]
    starts = [e.get(qn("w:id")) for e in body.iter(qn("w:bookmarkStart"))]
    ends = [e.get(qn("w:id")) for e in body.iter(qn("w:bookmarkEnd"))]
    assert starts == ends and len(set(starts)) == 3
    images = [r for r in combined.part.rels.values() if r.reltype.endswith("/image")]
    assert len({r.target_part.partname for r in images}) == 3
    numbering = combined.part.numbering_part.element
    abstract_ids = [e.get(qn("w:abstractNumId")) for e in numbering.iter(qn("w:abstractNum"))]
    num_ids = [e.get(qn("w:numId")) for e in numbering.iter(qn("w:num"))]
    assert len(set(abstract_ids)) == len(abstract_ids) == 3 * 9  # python-docx's template has 9
    assert len(set(num_ids)) == len(num_ids) == 3 * 9
    assert [s.header.paragraphs[0].text for s in combined.sections] == ["页眉"] * 3


def test_a_document_without_a_header_does_not_take_the_previous_one() -> None:
    parts = [("a.docx", word_document("甲", header="页眉")), ("b.docx", word_document("乙"))]
    combined = open_docx(combine_documents(parts, TITLE))
    first, second = combined.sections
    assert first.header.paragraphs[0].text == "页眉"
    assert not second.header.is_linked_to_previous
    assert [p.text for p in second.header.paragraphs] == [""]


def test_a_file_that_is_not_a_docx_is_refused_by_name(parts: list[tuple[str, bytes]]) -> None:
    with pytest.raises(TemplateError) as raised:
        combine_documents([parts[0], ("送达回证-张三.docx", b"%PDF-1.7 not a zip")], TITLE)
    assert str(raised.value.location) == "送达回证-张三.docx"
    message = "“送达回证-张三.docx”不是有效的 Word 文档（.docx），无法合并到打印文件"
    assert message in str(raised.value)


def test_a_zip_without_a_document_is_refused() -> None:
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TemplateError, match="缺少正文部件"):
        combine_documents([("a.docx", blob.getvalue())], TITLE)


def test_no_documents_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        combine_documents([], TITLE)


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_libreoffice_prints_each_document_on_its_own_pages_numbered_from_1(
    parts: list[tuple[str, bytes]], print_file: bytes, tmp_path: Path
) -> None:
    sources = tmp_path / "docx"
    sources.mkdir()
    files = [sources / f"{i:02d}.docx" for i in range(len(parts))] + [sources / "print.docx"]
    for file, blob in zip(files, [blob for _, blob in parts] + [print_file], strict=True):
        file.write_bytes(blob)
    pdfs = convert_all(files, tmp_path / "pdf", tmp_path / "profile")
    pages = [page_count(pdf) for pdf in pdfs[:-1]]
    assert page_count(pdfs[-1]) == sum(pages)
    first_pages = [1 + sum(pages[:i]) for i in range(len(pages))]
    for page in first_pages:
        text = poppler("pdftotext", "-f", str(page), "-l", str(page), "-raw", str(pdfs[-1]), "-")
        assert "— 1 —" in text, f"page {page} does not start a document at 1"


def test_zip_helpers_are_deterministic() -> None:
    # guards the stand-in writer: fixed time, no data descriptor, CRCs right
    blob = combine_documents([("a.docx", word_document("甲"))], TITLE)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for info in archive.infolist():
            assert info.flag_bits & 0x8 == 0
            assert zlib.crc32(archive.read(info)) == info.CRC
    assert struct.unpack_from("<I", blob)[0] == 0x04034B50


def test_a_print_file_built_one_document_at_a_time_is_the_same(
    parts: list[tuple[str, bytes]], print_file: bytes
) -> None:
    printing = PrintFile(TITLE, even_and_odd=True)  # the templates print even pages apart
    for name, blob in parts:
        printing.add(name, blob)
    assert printing.matches
    assert printing.finish() == print_file


def test_a_print_file_tells_when_its_documents_break_its_promise(
    parts: list[tuple[str, bytes]],
) -> None:
    printing = PrintFile(TITLE, even_and_odd=False)
    printing.add(*parts[0])
    assert not printing.matches
    with pytest.raises(ValueError):
        PrintFile(TITLE, even_and_odd=False).finish()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
FIRST_PARAGRAPH = b"<w:body>\n<w:p>"  # as docgen writes a body


def combined_keeping_every_tree(parts: list[tuple[str, bytes]], even_and_odd: bool) -> bytes:
    printing = PrintFile(TITLE, even_and_odd, streamed=False)
    for name, blob in parts:
        printing.add(name, blob)
    return printing.finish()


def test_a_print_file_streamed_has_the_bytes_of_the_whole_tree(
    parts: list[tuple[str, bytes]], print_file: bytes
) -> None:
    assert print_file == combined_keeping_every_tree(parts, even_and_odd=True)


def with_document_xml(blob: bytes, old: bytes, new: bytes) -> bytes:
    """`blob` with the first `old` of its word/document.xml replaced by `new`."""
    return with_member(blob, "word/document.xml", old, new)


def with_member(blob: bytes, member: str, old: bytes, new: bytes) -> bytes:
    """`blob` with the first `old` of its `member` replaced by `new`."""
    source = io.BytesIO(blob)
    target = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == member:
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info, data)
    return target.getvalue()


@pytest.mark.parametrize(
    "declared",
    [
        f'<w:body>\n<w:p xmlns:w14="{W14}">',  # again, as the root does
        '<w:body xmlns:x="urn:x">\n<w:p x:mark="1">',  # on the body, for its content
    ],
)
def test_a_body_declaring_namespaces_is_combined_as_in_the_whole_tree(
    parts: list[tuple[str, bytes]], declared: str
) -> None:
    redeclared = [
        (name, with_document_xml(blob, FIRST_PARAGRAPH, declared.encode()))
        for name, blob in parts[:3]
    ]
    assert_streamed_as_the_whole_tree(redeclared)


def test_a_root_naming_a_namespace_twice_is_combined_as_in_the_whole_tree(
    parts: list[tuple[str, bytes]],
) -> None:
    twice = f'<w:document xmlns:ww="{W_NS}" '.encode()  # w: and ww: name one namespace
    assert_streamed_as_the_whole_tree(
        [(name, with_document_xml(blob, b"<w:document ", twice)) for name, blob in parts[:3]]
    )


def assert_streamed_as_the_whole_tree(redeclared: list[tuple[str, bytes]]) -> None:
    streamed = PrintFile(TITLE, even_and_odd=True)
    for name, blob in redeclared:
        streamed.add(name, blob)
    assert streamed.matches
    combined = streamed.finish()
    assert combined == combined_keeping_every_tree(redeclared, even_and_odd=True)
    assert all_text(combined) == "".join(all_text(blob) for _, blob in redeclared)


def with_root_declaration(blob: bytes) -> bytes:
    """`blob` whose root declares one namespace more (as a template saved by Word does)."""
    return with_document_xml(blob, b"<w:document ", f'<w:document xmlns:w15="{W15}" '.encode())


def test_documents_declaring_other_namespaces_are_combined_keeping_every_tree(
    parts: list[tuple[str, bytes]],
) -> None:
    mixed = [parts[0], ("另存.docx", with_root_declaration(parts[2][1])), parts[1]]
    printing = PrintFile(TITLE, even_and_odd=True)
    for name, blob in mixed:
        printing.add(name, blob)
    assert not printing.matches  # the caller combines them again
    combined = combine_documents(mixed, TITLE)
    assert combined == combined_keeping_every_tree(mixed, even_and_odd=True)
    assert all_text(combined) == "".join(all_text(blob) for _, blob in mixed)
    assert f'xmlns:w15="{W15}"'.encode() in zipfile.ZipFile(io.BytesIO(combined)).read(
        "word/document.xml"
    )
