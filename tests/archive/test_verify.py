"""docgen/archive/verify.py: every kind of change to an archive is named, with its path."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive.archive_setup import (
    CASE,
    LI,
    NUMBERS,
    add,
    issue_numbers,
    notice_request,
    open_test_archive,
)
from archive.signed import pdf_bytes, write

from docgen.archive import Archive, verify_archive
from docgen.errors import ArchiveError

DB = ".docgen/register.db"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A workspace with two archived notices (2020 年第 0001、0002 件)."""
    issue_numbers(tmp_path)
    with open_test_archive(tmp_path) as archive:
        add(archive, notice_request(), write(tmp_path / "a.pdf", pdf_bytes(2, marker="a")))
        add(archive, notice_request(NUMBERS[1], LI), write(tmp_path / "b.pdf", pdf_bytes(1)))
    return tmp_path


@pytest.fixture
def archive(root: Path) -> Iterator[Archive]:
    with open_test_archive(root) as opened:
        yield opened


def found(root: Path, year: int | None = None) -> list[str]:
    with open_test_archive(root) as archive:
        return [str(problem) for problem in verify_archive(archive, year).problems]


def first_file(root: Path) -> Path:
    return root / "archive" / "2020" / CASE / "0001-听证通知书-王建国.pdf"


def sql(root: Path, statement: str) -> None:
    with contextlib.closing(sqlite3.connect(root / DB, isolation_level=None)) as conn:
        conn.execute(statement)


def test_a_clean_archive_verifies_with_its_counts(archive: Archive) -> None:
    result = verify_archive(archive)
    assert result.ok and (result.items, result.files, result.entries) == (2, 2, 2)
    assert result.bytes == sum(p.stat().st_size for p in archive.root.rglob("*.pdf"))


def test_one_flipped_byte_is_named(root: Path) -> None:
    path = first_file(root)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert found(root) == [
        f"archive/2020/{CASE}/0001-听证通知书-王建国.pdf: "
        "文件内容已被改动：SHA-256 与归档时登记的不符"
    ]


def test_a_deleted_file_is_named(root: Path) -> None:
    first_file(root).unlink()
    assert found(root) == [
        f"archive/2020/{CASE}/0001-听证通知书-王建国.pdf: 文件缺失：已登记归档，但文件不见了"
    ]


def test_an_extra_file_and_a_leftover_temporary_are_named(root: Path) -> None:
    write(root / "archive" / "2020" / CASE / "补充.pdf", b"%PDF-1.4")
    write(root / "archive" / "2020" / CASE / ".archiving-77-0003-x.pdf", b"%PDF")
    problems = found(root)
    assert len(problems) == 2
    assert problems[0].startswith(f"archive/2020/{CASE}/.archiving-77-0003-x.pdf: 残留的临时文件")
    assert problems[1].startswith(f"archive/2020/{CASE}/补充.pdf: 未登记的文件")


def test_an_edited_log_entry_breaks_the_chain(root: Path) -> None:
    sql(root, "UPDATE archive_log SET actor = '李四' WHERE seq = 1")
    assert found(root) == [
        f"{DB}: 日志第 1 条内容与其哈希值不符：该日志条目被改动过（其后 1 条因此无法核验）"
    ]


def test_a_removed_log_entry_breaks_the_chain(root: Path) -> None:
    sql(root, "DELETE FROM archive_log WHERE seq = 1")
    problems = found(root)
    assert problems[0] == f"{DB}: 日志第 2 条序号不连续（应为第 1 条）：有日志条目被删除或插入"
    assert "日志记载的" not in "".join(problems)
    assert "没有对应的日志条目" in problems[1]


def test_an_edited_database_row_is_named(root: Path) -> None:
    sql(root, "UPDATE archive_part SET sha256 = 'ab' || substr(sha256, 3) WHERE item_id = 1")
    sql(root, "UPDATE archive_item SET archived_by = '李四' WHERE id = 2")
    assert found(root) == [
        f"{DB}: 数据库中2020 年第 0001 件（听证通知书（王建国））的记录与日志不符"
        "（文件（路径、哈希值、大小或页数））：记录被改动",
        f"{DB}: 数据库中2020 年第 0002 件（听证通知书（李明））的记录与日志不符"
        "（archived_by）：记录被改动",
    ]


def test_a_database_replaced_by_an_older_copy_is_detected_through_chain(root: Path) -> None:
    backup = root / "older.db"
    shutil.copy(root / DB, backup)  # a copy with two items ...
    with open_test_archive(root) as archive:
        add(
            archive,
            notice_request("某信听〔2020〕1号", "petitioner:王建国", supersede_reason="重扫"),
            write(root / "c.pdf", pdf_bytes(1, marker="c")),
        )
    for suffix in ("-wal", "-shm"):
        (root / (DB + suffix)).unlink(missing_ok=True)
    shutil.copy(backup, root / DB)  # ... put back over the one with three
    problems = found(root)
    assert problems[0].startswith(
        "archive/CHAIN: CHAIN 记载日志已有 3 条，数据库中的日志却只有 2 条："
        "数据库被换成了旧的副本，或其中的日志被删除"
    )
    assert problems[1].startswith(f"archive/2020/{CASE}/0003-听证通知书-王建国.pdf: 未登记的文件")
    with open_test_archive(root) as archive, pytest.raises(ArchiveError) as caught:
        add(archive, notice_request(NUMBERS[1], LI, supersede_reason="x"), root / "c.pdf")
    assert "数据库可能被换成了旧的副本" in caught.value.message


def test_a_deleted_chain_file_is_named(root: Path) -> None:
    (root / "archive" / "CHAIN").unlink()
    assert found(root) == ["archive/CHAIN: 文件缺失（日志已有 2 条）：该文件被删除了"]


def test_a_year_limits_the_files_checked_not_the_chain(root: Path, archive: Archive) -> None:
    first_file(root).unlink()
    write(root / "archive" / "2019" / "x.pdf", b"%PDF")
    assert found(root, 2019) == [
        "archive/2019/x.pdf: 未登记的文件：归档记录中没有它（被放入或改名，或某次归档中断）"
    ]
    result = verify_archive(archive, 2021)
    assert (result.items, result.files, result.ok) == (0, 0, True)


def test_verify_reads_each_file_once(
    root: Path, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.suffix == ".pdf":
            opened.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", counting_open)
    assert verify_archive(archive).ok
    assert sorted(opened) == ["0001-听证通知书-王建国.pdf", "0002-听证通知书-李明.pdf"]


def test_chain_left_behind_by_a_crash_after_the_commit_is_named_and_caught_up(
    root: Path,
) -> None:
    with open_test_archive(root) as archive:
        first = archive.log()[0]
    (root / "archive" / "CHAIN").write_text(f"1 {first.hash}\n", "ascii")
    problems = found(root)
    assert problems == [
        "archive/CHAIN: CHAIN 只记到日志第 1 条，数据库中的日志有 2 条："
        "上次归档可能在最后一步中断，或日志被人追加了条目\n"
        "  如确认最近的归档都是本单位所做，再归档一件时 CHAIN 会被更新。"
    ]
    with open_test_archive(root) as archive:
        request = notice_request(supersede_reason="重扫")
        add(archive, request, write(root / "c.pdf", pdf_bytes(1, marker="c")))
    assert found(root) == []
