"""Each PDF LibreOffice wrote, opened and checked, with metadata from its document.

Why:
    soffice exits 0 when a file failed, and a PDF/A claim is only worth what is checked: the
    file must open, declare PDF/A-2b in its XMP, and embed every font. LibreOffice also stamps
    the clock into the PDF (dates, /ID); the metadata is set again here from the .docx's core
    properties (title = 文书名, author = the office, creation date = 成文日期) and the file is
    saved with a deterministic /ID, so the same document always gives the same PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pikepdf
from lxml import etree

_CORE: Final = "docProps/core.xml"
_DC: Final = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS: Final = "{http://purl.org/dc/terms/}"
_FONT_FILES: Final = ("/FontFile", "/FontFile2", "/FontFile3")
PRODUCER: Final = "docgen (LibreOffice)"
_UNIQUE_ID: Final = re.compile(rb"/UniqueID\s+\d+")
_FONT_NAME: Final = re.compile(rb"/FontName\s*/(\S+)")


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself, taken from the .docx it was made from."""

    title: str
    author: str
    subject: str
    created: dt.date | None

    @classmethod
    def read(cls, docx: Path) -> DocumentInfo:
        """The core properties of `docx`; empty values when it has none or cannot be read."""
        try:
            with zipfile.ZipFile(docx) as package:
                root = etree.fromstring(package.read(_CORE))
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
            return cls(docx.stem, "", "", None)

        def text(tag: str) -> str:
            found = root.find(tag)
            return (found.text or "").strip() if found is not None else ""

        try:
            created: dt.date | None = dt.date.fromisoformat(text(f"{_DCTERMS}created")[:10])
        except ValueError:
            created = None
        return cls(
            text(f"{_DC}title") or docx.stem, text(f"{_DC}creator"), text(f"{_DC}subject"), created
        )


def finish_pdf(raw: bytes, info: DocumentInfo) -> bytes:
    """`raw` checked, with `info` as its metadata, saved deterministically.

    Raises:
        ValueError: the PDF does not open, has no page, is not PDF/A-2b or leaves a font out
            (the message, in Chinese, says which).
    """
    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except pikepdf.PdfError as err:
        raise ValueError(f"PDF 文件已损坏（{err}）") from err
    with pdf:
        problems = pdf_problems(pdf)
        if problems:
            raise ValueError("；".join(problems))
        _set_metadata(pdf, info)
        _fix_profile_dates(pdf, info.created)
        _fix_font_ids(pdf)
        for key in ("/ID", "/DocChecksum"):  # LibreOffice's differ on every run
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def pdf_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Why `pdf` is not a finished PDF/A-2b with embedded fonts; empty when it is."""
    problems = []
    if len(pdf.pages) == 0:
        problems.append("PDF 没有页面")
    status = pdf.open_metadata().pdfa_status
    if status != "2B":
        problems.append(f"不是 PDF/A-2b（标记为“{status or '无'}”）")
    missing = sorted(unembedded_fonts(pdf))
    if missing:
        problems.append(f"字体未嵌入：{'、'.join(missing)}")
    return problems


def unembedded_fonts(pdf: pikepdf.Pdf) -> set[str]:
    """The names of the fonts `pdf` uses without embedding them."""
    missing = set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        if obj.get("/Subtype") in (pikepdf.Name.Type0, pikepdf.Name.Type3):
            continue  # Type0: its descendant font is checked; Type3: glyphs are in the file
        descriptor = obj.get("/FontDescriptor")
        if not isinstance(descriptor, pikepdf.Dictionary) or not any(
            key in descriptor for key in _FONT_FILES
        ):
            missing.add(str(obj.get("/BaseFont", "?")).lstrip("/"))
    return missing


def _fix_profile_dates(pdf: pikepdf.Pdf, created: dt.date | None) -> None:
    """Stamp the output intent's ICC profile with `created` instead of the clock.

    Why:
        LibreOffice makes the sRGB profile of the PDF/A output intent anew for every file,
        and its header (bytes 24-35) holds the time it was made.
    """
    day = created or dt.date(1980, 1, 1)
    stamp = struct.pack(">6H", day.year, day.month, day.day, 0, 0, 0)
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        if isinstance(profile, pikepdf.Stream):
            data = profile.read_bytes()
            if len(data) >= 36 and data[36:40] == b"acsp":
                profile.write(data[:24] + stamp + data[36:])


def _fix_font_ids(pdf: pikepdf.Pdf) -> None:
    """Give each embedded Type 1 font a /UniqueID taken from its name, not from a counter.

    Why:
        LibreOffice numbers the Type 1 fonts it makes across all the files one process
        converts, so a document's PDF would depend on the files converted before it. The id
        is in the clear part of the font program and again in its eexec-encrypted part.
    """
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or "/Length2" not in obj or "/Length1" not in obj:
            continue
        data = obj.read_bytes()
        clear_end = int(obj.Length1)
        secret_end = clear_end + int(obj.Length2)
        clear, secret = data[:clear_end], data[clear_end:secret_end]
        name = _FONT_NAME.search(clear)
        found = _UNIQUE_ID.search(clear)
        if name is None or found is None:
            continue
        unique = b"/UniqueID %d" % (4_000_000 + zlib.crc32(name.group(1)) % 1_000_000)
        if found.group() == unique:
            continue  # already canonical: finished before
        clear = _UNIQUE_ID.sub(unique, clear)
        secret = eexec_encrypt(_UNIQUE_ID.sub(unique, eexec_decrypt(secret)))
        obj.write(clear + secret + data[secret_end:])
        obj.Length1, obj.Length2 = len(clear), len(secret)


_EEXEC_R: Final = 55665
_EEXEC_C1: Final = 52845
_EEXEC_C2: Final = 22719


def eexec_decrypt(data: bytes) -> bytes:
    """Type 1 eexec decryption (Adobe Type 1 Font Format, 7.2), vectorised.

    Why:
        A subset of 仿宋 is some 160 KB; a loop in Python over its bytes cost more than
        LibreOffice's conversion. Decryption is an affine recurrence in the key given the
        cipher bytes, r[n+1] = C1·r[n] + (C1·c[n] + C2) mod 2^16, so every key is
        C1^n·(r[0] + Σ C1^-(i+1)·(C1·c[i] + C2)): cumulative products and sums, which
        wrap modulo 2^64 and so stay exact modulo 2^16.
    """
    if not data:
        return b""
    cipher = np.frombuffer(data, dtype=np.uint8).astype(np.uint64)
    size = len(cipher)
    powers = np.cumprod(np.full(size, _EEXEC_C1, dtype=np.uint64))  # C1^1 .. C1^n
    inverses = np.cumprod(np.full(size, pow(_EEXEC_C1, -1, 1 << 16), dtype=np.uint64))
    terms = np.cumsum(inverses * (cipher * np.uint64(_EEXEC_C1) + np.uint64(_EEXEC_C2)))
    keys = np.empty(size, dtype=np.uint64)
    keys[0] = _EEXEC_R
    keys[1:] = powers[:-1] * (np.uint64(_EEXEC_R) + terms[:-1])
    plain = cipher ^ ((keys & np.uint64(0xFFFF)) >> np.uint64(8))
    return plain.astype(np.uint8).tobytes()


@functools.lru_cache(maxsize=32)
def eexec_encrypt(plain: bytes) -> bytes:
    """Type 1 eexec encryption (Adobe Type 1 Font Format, 7.2).

    Why:
        Each cipher byte feeds the key of the next, so this cannot be vectorised; the same
        font subset recurs from document to document of a batch, hence the cache.
    """
    out = bytearray(len(plain))
    key = _EEXEC_R
    for index, byte in enumerate(plain):
        cipher = byte ^ (key >> 8)
        out[index] = cipher
        key = ((cipher + key) * _EEXEC_C1 + _EEXEC_C2) & 0xFFFF
    return bytes(out)


def _set_metadata(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    """Document information and XMP, kept in step as PDF/A requires."""
    stamp = None
    if info.created is not None:
        stamp = dt.datetime.combine(
            info.created, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=8))
        )
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = info.title
        if info.author:
            meta["dc:creator"] = [info.author]
        if info.subject:
            meta["dc:description"] = info.subject
        meta["pdf:Producer"] = PRODUCER
        if stamp is not None:
            meta["xmp:CreateDate"] = stamp.isoformat()
            meta["xmp:ModifyDate"] = stamp.isoformat()
            meta["xmp:MetadataDate"] = stamp.isoformat()
    docinfo = pdf.docinfo
    docinfo["/Title"] = info.title
    docinfo["/Producer"] = PRODUCER
    if info.author:
        docinfo["/Author"] = info.author
    if stamp is not None:
        date = stamp.strftime("D:%Y%m%d%H%M%S+08'00'")
        docinfo["/CreationDate"] = date
        docinfo["/ModDate"] = date
