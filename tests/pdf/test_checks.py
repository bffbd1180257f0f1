"""Each PDF opened and checked; metadata from the .docx; deterministic bytes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.layout import docx_bytes, new_document
from docgen.pdf.checks import (
    DocumentInfo,
    eexec_decrypt,
    eexec_encrypt,
    finish_pdf,
    pdf_problems,
)


def _plain_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_damaged_pdf_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="PDF 文件已损坏"):
        finish_pdf(b"%PDF-1.6 broken", DocumentInfo("t", "", "", None))


def test_a_pdf_that_is_not_pdfa_2b_is_refused() -> None:
    with pytest.raises(ValueError, match="不是 PDF/A-2b"):
        finish_pdf(_plain_pdf(), DocumentInfo("t", "", "", None))


def test_an_unembedded_font_is_named() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/SimSun")
        )
    )
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    assert "字体未嵌入：SimSun" in pdf_problems(pdf)


def test_the_metadata_comes_from_the_documents_core_properties(tmp_path: Path) -> None:
    docx = tmp_path / "a.docx"
    docx.write_bytes(
        docx_bytes(
            new_document(),
            "听证通知书",
            "hearing_notice",
            author="某某县信访局",
            created="2020-06-12T00:00:00Z",
        )
    )
    info = DocumentInfo.read(docx)
    assert info == DocumentInfo(
        "听证通知书", "某某县信访局", "hearing_notice", dt.date(2020, 6, 12)
    )


def test_an_unreadable_document_gives_its_file_name_as_title(tmp_path: Path) -> None:
    docx = tmp_path / "坏文件.docx"
    docx.write_text("x", encoding="utf-8")
    assert DocumentInfo.read(docx) == DocumentInfo("坏文件", "", "", None)


def _eexec_by_the_book(data: bytes, *, decrypt: bool) -> bytes:
    """Adobe Type 1 Font Format 7.2, byte by byte, as the reference for the fast versions."""
    key, out = 55665, bytearray()
    for byte in data:
        result = byte ^ (key >> 8)
        out.append(result)
        key = ((byte if decrypt else result) + key) * 52845 + 22719 & 0xFFFF
    return bytes(out)


@given(st.binary(max_size=3000))
def test_eexec_decryption_matches_the_specification(data: bytes) -> None:
    assert eexec_decrypt(data) == _eexec_by_the_book(data, decrypt=True)


@given(st.binary(max_size=3000))
def test_eexec_encryption_matches_the_specification_and_round_trips(data: bytes) -> None:
    encrypted = eexec_encrypt(data)
    assert encrypted == _eexec_by_the_book(data, decrypt=False)
    assert eexec_decrypt(encrypted) == data


def test_eexec_decryption_stays_exact_over_a_long_font_program() -> None:
    """Long enough for the cumulative products and sums to wrap modulo 2^64 many times."""
    data = bytes(range(256)) * 800
    assert eexec_decrypt(data) == _eexec_by_the_book(data, decrypt=True)
