"""docgen/archive/media.py: the type of a signed file from its bytes, its pages, what is refused."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from archive.signed import JPEG, PNG, docx_bytes, pdf_bytes, write

from docgen.archive.media import inspect_signed
from docgen.errors import ArchiveError


def test_a_pdf_is_known_with_its_pages_size_and_hash(tmp_path: Path) -> None:
    data = pdf_bytes(pages=3)
    found = inspect_signed(write(tmp_path / "回证.PDF", data))
    assert (found.media_type, found.pages, found.size) == ("application/pdf", 3, len(data))
    assert found.sha256 == hashlib.sha256(data).hexdigest()
    assert found.extension == ".pdf"


@pytest.mark.parametrize(
    ("name", "data", "media_type", "pages"),
    [
        ("扫描.jpeg", JPEG, "image/jpeg", 1),
        ("扫描.png", PNG, "image/png", 1),
        ("扫描.tif", b"II*\x00" + b"\x00" * 32, "image/tiff", 1),
        ("扫描.tiff", b"MM\x00*" + b"\x00" * 32, "image/tiff", 1),
        (
            "协议.docx",
            docx_bytes(pages=2),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            2,
        ),
    ],
)
def test_scans_and_word_files_are_told_from_their_bytes(
    tmp_path: Path, name: str, data: bytes, media_type: str, pages: int
) -> None:
    found = inspect_signed(write(tmp_path / name, data))
    assert (found.media_type, found.pages) == (media_type, pages)


def refusal(path: Path) -> str:
    with pytest.raises(ArchiveError) as caught:
        inspect_signed(path, Path("签收/") / path.name)
    assert str(caught.value).startswith(f"签收/{path.name}: ")
    return caught.value.message


def test_a_jpeg_renamed_pdf_is_refused(tmp_path: Path) -> None:
    assert refusal(write(tmp_path / "回证.pdf", JPEG)) == "文件内容是JPEG 图片，与扩展名“.pdf”不符"


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "协议.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "x")
    assert "无法识别的内容" in refusal(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert refusal(write(tmp_path / "回证.pdf", b"")) == "文件是空的（0 字节）"


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path / "回证.pdf", pdf_bytes(password="123")))
    assert "密码" in message and "不能归档" in message


def test_a_damaged_pdf_is_refused(tmp_path: Path) -> None:
    assert refusal(write(tmp_path / "回证.pdf", b"%PDF-1.7\nnot really")) == "PDF 已损坏，无法读取"


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    assert refusal(write(tmp_path / "回证.bmp", b"BM")) == "不能归档扩展名为“.bmp”的文件"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "回证.pdf").startswith("无法读取文件：找不到文件或文件夹")
