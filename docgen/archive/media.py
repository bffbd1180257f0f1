"""What a signed file is, told from its bytes: PDF, a JPEG/PNG/TIFF scan or a .docx; its pages."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docgen.archive.files import sha256_of
from docgen.errors import ArchiveError, Location, describe_os_error

MEDIA_TYPES: Final = {
    "application/pdf": ("PDF 文件", ".pdf"),
    "image/jpeg": ("JPEG 图片", ".jpg"),
    "image/png": ("PNG 图片", ".png"),
    "image/tiff": ("TIFF 图片", ".tif"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Word 文档（.docx）",
        ".docx",
    ),
}
"""Each accepted media type: its name for clerks and the extension the archived copy gets."""

EXTENSIONS: Final = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_DOCX: Final = EXTENSIONS[".docx"]
_MAGIC: Final = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
)
_APP_PAGES: Final = re.compile(rb"<Pages>(\d+)</Pages>")
_ACCEPTED: Final = "PDF、JPEG、PNG、TIFF 或 .docx"


@dataclass(frozen=True)
class Inspected:
    """A signed file checked for archiving: its media type, pages, size and SHA-256."""

    path: Path
    media_type: str
    pages: int | None  # None for a .docx that does not say
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return MEDIA_TYPES[self.media_type][1]


def inspect_signed(path: Path, shown: Path | None = None) -> Inspected:
    """Check that `path` is a readable file whose content matches its extension.

    Raises:
        ArchiveError: the file is missing, empty, unreadable, of a type not accepted, not
            what its extension claims, or an encrypted or damaged PDF.
    """
    where = Location(shown or path)
    claimed = EXTENSIONS.get(path.suffix.lower())
    if claimed is None:
        raise ArchiveError(
            f"不能归档扩展名为“{path.suffix or '（无）'}”的文件",
            where,
            f"签收件请存为 {_ACCEPTED}。",
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
        size = path.stat().st_size
        digest = sha256_of(path)
    except OSError as err:
        raise ArchiveError(f"无法读取文件：{describe_os_error(err)}", where) from err
    if size == 0:
        raise ArchiveError("文件是空的（0 字节）", where, "请重新扫描或导出签收件。")
    found = _sniffed(head, path)
    if found != claimed:
        what = MEDIA_TYPES[found][0] if found in MEDIA_TYPES else "无法识别的内容"
        raise ArchiveError(
            f"文件内容是{what}，与扩展名“{path.suffix}”不符",
            where,
            f"请确认选对了文件；签收件请存为 {_ACCEPTED}，扩展名与内容一致。",
        )
    return Inspected(path, found, _pages(path, found, where), size, digest)


def _sniffed(head: bytes, path: Path) -> str:
    """The media type the first bytes show; a zip is a .docx only with word/document.xml."""
    kind = next((media for magic, media in _MAGIC if head.startswith(magic)), "")
    if kind == "application/zip":
        try:
            with zipfile.ZipFile(path) as package:
                return _DOCX if "word/document.xml" in package.namelist() else kind
        except (OSError, zipfile.BadZipFile):
            return kind
    return kind


def _pages(path: Path, media_type: str, where: Location) -> int | None:
    if media_type == "application/pdf":
        return _pdf_pages(path, where)
    if media_type == _DOCX:
        return _docx_pages(path)
    return 1  # one scanned page per image file; several pages are several parts


def _pdf_pages(path: Path, where: Location) -> int:
    """The page count of a PDF that opens without a password.

    Why pikepdf is imported here:
        Only `archive add` needs it; every other command would pay for loading it.
    """
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                raise ArchiveError(
                    "PDF 已加密（设有打开或修改密码），不能归档",
                    where,
                    "请导出不加密的 PDF 后再归档：加密的文件日后可能无法打开或核验。",
                )
            return len(pdf.pages)
    except pikepdf.PasswordError as err:
        raise ArchiveError(
            "PDF 设有打开密码，不能归档", where, "请导出不加密的 PDF 后再归档。"
        ) from err
    except pikepdf.PdfError as err:
        raise ArchiveError(
            "PDF 已损坏，无法读取", where, "请重新扫描或导出签收件后再归档。"
        ) from err


def _docx_pages(path: Path) -> int | None:
    """The page count Word saved in docProps/app.xml, if it did."""
    try:
        with zipfile.ZipFile(path) as package:
            app = package.read("docProps/app.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    found = _APP_PAGES.search(app)
    return int(found.group(1)) if found else None
