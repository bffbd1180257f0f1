"""The copy LibreOffice converts: non-breaking hyphens as a hyphen and a word joiner."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docgen.pdf.staging import stage_for_office

DOCUMENT = (
    b'<w:document><w:body><w:p><w:r><w:t xml:space="preserve">XF2020</w:t><w:noBreakHyphen/>'
    b'<w:t xml:space="preserve">025</w:t></w:r><w:r><w:noBreakHyphen/></w:r></w:p></w:body>'
    b"</w:document>"
)


def _package(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        package.writestr("word/document.xml", document)
    return path


def test_non_breaking_hyphens_become_hyphen_and_word_joiner(tmp_path: Path) -> None:
    source = _package(tmp_path / "a.docx", DOCUMENT)
    stage_for_office(source, tmp_path / "b.docx")
    with zipfile.ZipFile(tmp_path / "b.docx") as staged:
        document = staged.read("word/document.xml").decode()
        assert staged.namelist() == ["[Content_Types].xml", "word/document.xml"]
    assert ">XF2020-\u2060025</w:t>" in document
    assert "<w:r><w:t>-\u2060</w:t></w:r>" in document
    assert "noBreakHyphen" not in document


def test_a_document_without_them_is_copied_as_it_is(tmp_path: Path) -> None:
    source = _package(tmp_path / "a.docx", b"<w:document/>")
    stage_for_office(source, tmp_path / "b.docx")
    assert (tmp_path / "b.docx").read_bytes() == source.read_bytes()


def test_a_file_that_is_no_package_is_copied_for_libreoffice_to_judge(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_text("not a zip", encoding="utf-8")
    stage_for_office(source, tmp_path / "b.docx")
    assert (tmp_path / "b.docx").read_text(encoding="utf-8") == "not a zip"
