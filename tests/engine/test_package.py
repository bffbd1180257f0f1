"""Tests of docgen/engine/package.py: reading templates and writing deterministic zips."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx as python_docx
import pytest

from docgen import layout
from docgen.engine import package
from docgen.engine.package import read_package, templated_members
from docgen.errors import Location, TemplateError

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


def test_a_zip_written_with_fixed_times_by_zipfile_is_written_back_as_it_was() -> None:
    """Why: docgen's templates were zipped so by zipfile; rebuilding them must not change them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {"[Content_Types].xml": "<Types/>", "word/文档.xml": "<d/>"}.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type, entry.create_system = zipfile.ZIP_DEFLATED, 0
            archive.writestr(entry, content)
    assert read_package("t.docx", out.getvalue()).write({}) == out.getvalue()


def test_layout_saves_documents_with_the_engine_writer() -> None:
    """Why: one deterministic zip writer for rendered documents and for docgen's templates."""
    saved = io.BytesIO()
    python_docx.Document().save(saved)
    expected = read_package("t.docx", saved.getvalue()).write({})
    assert layout.normalise_zip(saved.getvalue()) == expected


def test_stored_members_are_copied_too() -> None:
    blob = zipped({"[Content_Types].xml": "<Types/>", "c.txt": "内容"}, zipfile.ZIP_STORED)
    out = read_package("t.docx", blob).write({})
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        assert archive.read("c.txt").decode() == "内容"
        assert archive.getinfo("c.txt").compress_type == zipfile.ZIP_STORED


def test_a_damaged_member_is_refused() -> None:
    blob = bytearray(zipped({"[Content_Types].xml": "<Types/>" * 50}))
    blob[60] ^= 0xFF  # inside the compressed data
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", bytes(blob))
    assert raised.value.message.startswith(
        "模板中的部件 [Content_Types].xml 已损坏，无法读取。（Bad CRC-32"
    )
    assert raised.value.location == Location(Path("t.docx"))


def with_flag(blob: bytes, flag: int) -> bytes:
    """`blob` with general purpose `flag` set in the first member's local and central headers."""
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = blob.index(signature) + flags_at
        (flags,) = struct.unpack_from("<H", blob, at)
        blob = blob[:at] + struct.pack("<H", flags | flag) + blob[at + 2 :]
    return blob


def test_an_encrypted_member_is_refused() -> None:
    blob = with_flag(zipped({"[Content_Types].xml": "<Types/>"}), 0x1)
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", blob)
    assert str(raised.value) == (
        "t.docx: 模板中的部件 [Content_Types].xml 已加密，无法读取。\n"
        "  请在 Word/WPS 中打开模板并另存为“Word 文档（*.docx）”。"
    )


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (NotImplementedError("compression type 9 (deflate64)"), "使用了不支持的压缩方式（方式 8）"),
        (RuntimeError("File 'a.xml' is encrypted"), "无法读取，可能已加密或压缩方式不受支持"),
        (zipfile.BadZipFile("Bad magic number for file header"), "已损坏"),
        (zlib.error("Error -3 while decompressing data"), "已损坏"),
        (EOFError(), "已损坏"),
        (OSError("Invalid data stream"), "已损坏"),
    ],
)
def test_every_error_reading_a_member_is_a_template_error(
    monkeypatch: pytest.MonkeyPatch, error: Exception, words: str
) -> None:
    def failing(self: zipfile.ZipFile, name: object, *args: object) -> bytes:
        raise error

    blob = zipped({"[Content_Types].xml": "<Types/>", "a.xml": "<a/>"})
    monkeypatch.setattr(zipfile.ZipFile, "open", failing)
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", blob)
    assert raised.value.message.startswith(f"模板中的部件 [Content_Types].xml {words}")
    assert raised.value.message.endswith(f"。（{str(error) or type(error).__name__}）")


def zip_bomb(size: int, claimed: int | None = None) -> bytes:
    """A template zip whose `bomb.bin` inflates to `size` zero bytes; its sizes in the
    directory and local header say `claimed` instead, when given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("bomb.bin", "w", force_zip64=False) as member:
            for _ in range(size // 2**20):
                member.write(bytes(2**20))
    blob = out.getvalue()
    if claimed is not None:
        local, central = blob.index(b"bomb.bin"), blob.rindex(b"bomb.bin")
        for signature, name_at, size_at in (
            (b"PK\x03\x04", local, 22),
            (b"PK\x01\x02", central, 24),
        ):
            at = blob.rindex(signature, 0, name_at) + size_at
            blob = blob[:at] + struct.pack("<I", claimed) + blob[at + 4 :]
    return blob


def test_a_member_announced_too_large_is_refused_before_inflating() -> None:
    blob = zip_bomb(300 * 2**20)
    assert len(blob) < 1_000_000
    started = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", blob)
    assert time.monotonic() - started < 10  # bound for CI; it takes milliseconds
    assert str(raised.value) == (
        "t.docx: 模板中的部件 bomb.bin 解压后超过 100 MB，不予读取（可能是恶意构造的压缩包）\n"
        "  Word 模板通常不超过几 MB；请压缩模板中的图片后另存，来历不明的模板请勿使用。"
    )


def test_members_together_past_the_total_limit_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL", 2 * 2**20)  # 200 MB in production
    files = {"[Content_Types].xml": "<Types/>", **{f"i{n}.bin": "\0" * 2**20 for n in range(3)}}
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", zipped(files))
    assert raised.value.message.startswith("模板的全部部件解压后超过 2 MB")


def test_a_member_whose_directory_understates_its_size_stops_at_the_claimed_size() -> None:
    blob = zip_bomb(150 * 2**20, claimed=1000)
    started = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", blob)
    assert time.monotonic() - started < 10  # bound for CI; it takes milliseconds
    assert raised.value.message.startswith("模板中的部件 bomb.bin 已损坏，无法读取。（Bad CRC-32")


def test_a_member_inflating_past_the_limit_is_stopped_while_inflating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blob = zip_bomb(3 * 2**20)
    monkeypatch.setattr(package, "MAX_MEMBER", 2 * 2**20)
    monkeypatch.setattr(package, "_check_sizes", lambda where, infos: None)  # a lying directory
    with pytest.raises(TemplateError) as raised:
        read_package("t.docx", blob)
    assert raised.value.message.startswith("模板中的部件 bomb.bin 解压后超过 2 MB")
