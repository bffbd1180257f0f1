"""Small real signed files for the archive's tests: PDFs made with pikepdf, scans as bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def pdf_bytes(pages: int = 1, password: str = "", marker: str = "") -> bytes:
    """A PDF of `pages` blank A4 pages; encrypted with `password` if one is given."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    if marker:
        pdf.docinfo["/Title"] = marker  # different files of the same page count
    out = io.BytesIO()
    encryption = pikepdf.Encryption(user=password, owner=password) if password else False
    pdf.save(out, encryption=encryption, deterministic_id=not password)
    return out.getvalue()


def docx_bytes(pages: int = 2) -> bytes:
    """A minimal .docx package: word/document.xml, and the page count Word writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("docProps/app.xml", f"<Properties><Pages>{pages}</Pages></Properties>")
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
