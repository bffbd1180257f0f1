"""`docgen pdf`, `docgen doctor` and `--pdf` with the real LibreOffice; and without it."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import CliInvoker
from libreoffice import soffice

from docgen.pdf import fonts, office

NOTICE = Path("output") / "XF2020-018" / "听证通知书-王建国.docx"


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine without LibreOffice: nothing on PATH, nowhere it usually lives."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(office, "_KNOWN_PLACES", ())


def test_a_document_becomes_a_pdfa_beside_it(cli: CliInvoker, workspace: Path) -> None:
    soffice()
    assert cli("render", "XF2020-018", "--date", "2020-06-01").exit_code == 0
    twin = workspace / "copy" / NOTICE.name
    twin.parent.mkdir()
    twin.write_bytes((workspace / NOTICE).read_bytes())
    result = cli("pdf", str(NOTICE), str(twin))
    assert result.exit_code == 0, result.stderr
    assert "共生成 2 份 PDF。" in result.stdout
    pdf = (workspace / NOTICE).with_suffix(".pdf")
    with pikepdf.open(pdf) as document:
        assert document.open_metadata().pdfa_status == "2B"
    # no clock, no random /ID: the same document gives the same bytes
    assert pdf.read_bytes() == twin.with_suffix(".pdf").read_bytes()


def test_a_file_that_fails_is_named_and_the_others_are_converted(
    cli: CliInvoker, workspace: Path
) -> None:
    soffice()
    assert cli("render", "XF2020-018", "--date", "2020-06-01").exit_code == 0
    bad = workspace / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = cli("pdf", str(bad), str(NOTICE), "-o", "pdf")
    assert result.exit_code == 1
    assert "错误：" in result.stderr and "坏文件.docx" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (workspace / "pdf" / NOTICE.with_suffix(".pdf").name).is_file()
    assert not (workspace / "pdf" / "坏文件.pdf").exists()


def test_notices_with_pdf_gives_every_notice_a_pdf(cli: CliInvoker, workspace: Path) -> None:
    soffice()
    window = ("--from", "2020-06-12", "--to", "2020-06-12", "--today", "2020-06-10")
    result = cli("notices", *window, "--pdf", "--allow-late", "--reason", "测试")
    assert result.exit_code == 0, result.stderr
    folder = workspace / "output" / "XF2020-018"
    documents = sorted(p.stem for p in folder.glob("*.docx"))
    assert documents and sorted(p.stem for p in folder.glob("*.pdf")) == documents


def test_without_libreoffice_pdf_stops_with_the_install_command(
    cli: CliInvoker, workspace: Path, no_office: None
) -> None:
    assert cli("render", "XF2020-018", "--date", "2020-06-01").exit_code == 0
    result = cli("pdf", str(NOTICE))
    assert result.exit_code == 1
    assert "错误：找不到 LibreOffice（soffice），无法生成 PDF" in result.stderr
    assert "apt-get install" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_libreoffice_render_pdf_writes_nothing(
    cli: CliInvoker, workspace: Path, no_office: None
) -> None:
    result = cli("render", "--pdf")
    assert result.exit_code == 1
    assert "找不到 LibreOffice" in result.stderr
    assert not (workspace / "output").exists() or not list((workspace / "output").rglob("*.*"))


def test_render_without_pdf_never_needs_libreoffice(
    cli: CliInvoker, workspace: Path, no_office: None
) -> None:
    assert cli("render", "--date", "2020-06-01").exit_code == 0
    assert list((workspace / "output").rglob("*.docx"))


def test_doctor_names_the_version_and_the_face_of_each_font(cli: CliInvoker) -> None:
    soffice()
    result = cli("doctor")
    assert result.exit_code == 0, result.stderr
    assert "LibreOffice：LibreOffice " in result.stdout
    for name in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert f"：{name} → " in result.stdout
    assert "可以生成 PDF。" in result.stdout


def test_doctor_says_plainly_when_the_body_would_be_sans(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without docgen's aliases no free face is named 仿宋_GB2312: fontconfig falls to a sans."""
    empty = tmp_path / "no-aliases.conf"
    empty.write_text("<?xml version='1.0'?>\n<fontconfig></fontconfig>\n", encoding="utf-8")
    monkeypatch.setattr(fonts, "ALIASES", empty)
    result = cli("doctor")
    assert result.exit_code == 1
    assert "无衬线" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
