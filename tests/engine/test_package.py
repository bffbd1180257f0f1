"""Tests of docgen/engine/package.py: reading templates and writing deterministic zips."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from docgen.engine.package import read_package, templated_members
from docgen.errors import TemplateError

DocxBuilder = Callable[..., bytes]
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def zipped(members: dict[str, str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_templated_members_come_from_the_relationships_document_first(docx: DocxBuilder) -> None:
    blob = docx("<w:p/>", header="<w:p/>", footer="<w:p/>", footnotes="<w:p/>")
    assert templated_members(read_package("t.docx", blob)) == [
        ("word/document.xml", True),
        ("word/header1.xml", True),
        ("word/footer1.xml", True),
        ("word/footnotes.xml", True),
        ("docProps/core.xml", False),
    ]


def test_a_main_document_under_another_name_is_found() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="/word/document2.xml"/>'
        "</Relationships>"
    )
    document_rels = rels.replace("officeDocument", "footer").replace("/word/document2", "ftr")
    blob = zipped(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": rels,
            "word/document2.xml": "<d/>",
            "word/_rels/document2.xml.rels": document_rels,
            "word/ftr.xml": "<f/>",
        }
    )
    members = templated_members(read_package("t.docx", blob))
    assert members == [("word/document2.xml", True), ("word/ftr.xml", True)]


def test_writing_replaces_members_and_keeps_the_rest_byte_for_byte() -> None:
    blob = zipped({"[Content_Types].xml": "<Types/>", "a.xml": "<a/>", "b.bin": "x" * 1000})
    package = read_package("t.docx", blob)
    out = package.write({"a.xml": b"<a>new</a>"})
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["[Content_Types].xml", "a.xml", "b.bin"]
        assert archive.read("a.xml") == b"<a>new</a>"
        assert archive.read("b.bin") == b"x" * 1000
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert package.write({"a.xml": b"<a>new</a>"}) == out
    assert b"x" * 1000 not in out  # still deflated, copied as it was


def test_stored_members_are_copied_too() -> None:
    blob = zipped({"[Content_Types].xml": "<Types/>", "c.txt": "内容"}, zipfile.ZIP_STORED)
    out = read_package("t.docx", blob).write({})
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        assert archive.read("c.txt").decode() == "内容"
        assert archive.getinfo("c.txt").compress_type == zipfile.ZIP_STORED


def test_a_damaged_member_is_refused() -> None:
    blob = bytearray(zipped({"[Content_Types].xml": "<Types/>" * 50}))
    blob[60] ^= 0xFF  # inside the compressed data
    with pytest.raises(TemplateError, match=r"模板不是有效的 \.docx 文件"):
        read_package("t.docx", bytes(blob))
