"""`docgen archive add|verify|list|missing` on the example workspace, as a clerk runs them."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from archive.signed import JPEG, pdf_bytes, write
from conftest import CliInvoker

from docgen.register.store import open_register, recipient_key

NOTICE = "某信听〔{year}〕{n}号"
FIRST, SECOND = "某信听〔2020〕1号", "某信听〔2020〕2号"
STORED = Path("archive/2020/XF2020-018/0001-听证通知书-王建国.pdf")


@pytest.fixture
def numbered(workspace: Path) -> Path:
    """The example workspace with two 听证通知书 numbers issued for case XF2020-018."""
    with open_register(workspace / ".docgen" / "register.db") as register:
        for name in ("王建国", "王建军"):
            key = recipient_key("petitioner", name)
            register.number_for("XF2020-018", "hearing_notice", key, 2020, NOTICE, date(2020, 6, 1))
    write(workspace / "扫描" / "回证.pdf", pdf_bytes(2))
    return workspace


def test_add_then_verify_is_clean(numbered: Path, cli: CliInvoker) -> None:
    added = cli("archive", "add", "扫描/回证.pdf", "--number", FIRST, "--by", "刘洋")
    assert added.exit_code == 0, added.stderr
    assert added.stdout == f"已归档：2020 年第 0001 件 听证通知书（王建国），2 页（{STORED}）。\n"
    assert (numbered / STORED).read_bytes() == (numbered / "扫描" / "回证.pdf").read_bytes()
    verified = cli("archive", "verify")
    assert verified.exit_code == 0, verified.stderr
    assert verified.stdout.startswith("核验通过：1 件、1 个文件（")


def test_a_changed_file_fails_verify_with_its_path(numbered: Path, cli: CliInvoker) -> None:
    cli("archive", "add", "扫描/回证.pdf", "--number", FIRST)
    os.chmod(numbered / STORED, 0o644)
    with (numbered / STORED).open("r+b") as fh:
        fh.seek(100)
        byte = fh.read(1)
        fh.seek(100)
        fh.write(bytes([byte[0] ^ 0xFF]))
    result = cli("archive", "verify")
    assert result.exit_code == 1
    assert f"{STORED}: 文件内容已被改动：SHA-256 与归档时登记的不符" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_jpeg_named_pdf_is_refused_and_nothing_changes(numbered: Path, cli: CliInvoker) -> None:
    write(numbered / "扫描" / "假.pdf", JPEG)
    result = cli("archive", "add", "扫描/假.pdf", "--number", FIRST)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"错误：{Path('扫描/假.pdf')}: 文件内容是JPEG 图片，与扩展名“.pdf”不符"
    )
    assert not (numbered / "archive").exists()


def test_a_duplicate_is_refused_and_supersede_keeps_both(numbered: Path, cli: CliInvoker) -> None:
    cli("archive", "add", "扫描/回证.pdf", "--number", FIRST)
    write(numbered / "扫描" / "重扫.pdf", pdf_bytes(3, marker="clearer"))
    again = cli("archive", "add", "扫描/重扫.pdf", "--number", FIRST)
    assert again.exit_code == 1 and "同一文书不能归档两次" in again.stderr
    no_reason = cli("archive", "add", "扫描/重扫.pdf", "--number", FIRST, "--supersede")
    assert no_reason.exit_code == 2 and "必须写明原因" in no_reason.stderr
    replaced = cli(
        "archive", "add", "扫描/重扫.pdf", "--number", FIRST, "--supersede", "--reason", "不清晰"
    )
    assert replaced.exit_code == 0, replaced.stderr
    listed = cli("archive", "list", "XF2020-018").stdout
    assert "2020-0001" in listed and "已被替换" in listed
    assert "2020-0002" in listed and "替换件" in listed
    assert (numbered / STORED).is_file()
    assert cli("archive", "verify").exit_code == 0


def test_a_document_must_be_named(numbered: Path, cli: CliInvoker) -> None:
    result = cli("archive", "add", "扫描/回证.pdf")
    assert result.exit_code == 2
    assert "请指明归档的是哪份文书" in result.stderr


def test_a_missing_file_is_a_usage_error(numbered: Path, cli: CliInvoker) -> None:
    result = cli("archive", "add", "扫描/没有.pdf", "--number", FIRST)
    assert result.exit_code == 2
    assert "没有.pdf" in result.stderr and "Traceback" not in result.stderr


def test_a_numbered_document_is_archived_by_its_number(numbered: Path, cli: CliInvoker) -> None:
    result = cli(
        "archive", "add", "扫描/回证.pdf", "--case", "XF2020-018", "--kind", "送达回证",
        "--recipient", "王建国",
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"请用 --number {FIRST} --kind 送达回证 归档" in result.stderr
    by_number = cli("archive", "add", "扫描/回证.pdf", "--number", FIRST, "--kind", "送达回证")
    assert by_number.exit_code == 0, by_number.stderr
    assert "送达回证（王建国）" in by_number.stdout


def test_an_unnumbered_document_is_archived_by_case_and_kind(
    numbered: Path, cli: CliInvoker
) -> None:
    result = cli(
        "archive", "add", "扫描/回证.pdf", "--case", "XF2020-031", "--kind", "息诉罢访协议书"
    )
    assert result.exit_code == 0, result.stderr
    assert "息诉罢访协议书，2 页" in result.stdout
    assert list((numbered / "archive").glob("*/XF2020-031/0001-息诉罢访协议书.pdf"))


def test_missing_lists_what_lacks_a_signed_copy_and_status_counts_it(
    numbered: Path, cli: CliInvoker
) -> None:
    cli("archive", "add", "扫描/回证.pdf", "--number", FIRST)
    missing = cli("archive", "missing")
    assert missing.stdout.splitlines()[0] == f"XF2020-018：{SECOND}（王建军）"
    assert "共 1 份文书尚未归档签收件（1 个案件）" in missing.stdout
    status = cli("status", "--today", "2020-06-01")
    assert "已发文书中有 1 份尚未归档签收件" in status.stdout
    as_json = cli("status", "--today", "2020-06-01", "--format", "json")
    assert '"unsigned": 1' in as_json.stdout


def test_verify_of_a_workspace_without_archive_is_clean(workspace: Path, cli: CliInvoker) -> None:
    result = cli("archive", "verify")
    assert result.exit_code == 0, result.stderr
    assert not (workspace / ".docgen" / "register.db").exists()
