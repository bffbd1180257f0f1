"""docgen/archive/store.py: adding signed files durably, refusals, replacement, the log."""

from __future__ import annotations

import hashlib
import os
import stat
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
from archive.signed import JPEG, pdf_bytes, write

from docgen.archive import Archive, verify_archive
from docgen.archive.chain import broken_link
from docgen.errors import ArchiveError
from docgen.register.store import open_register


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    issue_numbers(tmp_path)
    with open_test_archive(tmp_path) as opened:
        yield opened


def signed(tmp_path: Path, name: str = "扫描/回证.pdf", pages: int = 2, marker: str = "") -> Path:
    return write(tmp_path / name, pdf_bytes(pages, marker=marker))


def test_an_added_pdf_is_copied_read_only_and_recorded(archive: Archive, tmp_path: Path) -> None:
    source = signed(tmp_path)
    item = add(archive, notice_request(by="张三", note="本人签收"), source)
    target = tmp_path / "archive" / "2020" / CASE / "0001-听证通知书-王建国.pdf"
    assert target.read_bytes() == source.read_bytes()
    assert not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert (item.year, item.piece, item.doc_number, item.pages) == (2020, 1, NUMBERS[0], 2)
    assert (item.issued, item.archived_at, item.archived_by) == (
        "2020-05-01",
        "2020-05-06 10:00:00",
        "张三",
    )
    (part,) = item.parts
    assert part.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (part.path, part.media_type) == (
        f"2020/{CASE}/0001-听证通知书-王建国.pdf",
        "application/pdf",
    )
    assert archive.items() == [item]
    assert archive.current(CASE, "hearing_notice", item.recipient_key) == item


def test_several_scans_are_one_item_with_ordered_parts(archive: Archive, tmp_path: Path) -> None:
    page1 = write(tmp_path / "p1.jpg", JPEG + b"1")
    page2 = write(tmp_path / "p2.jpg", JPEG + b"2")
    item = add(archive, notice_request(), page1, page2)
    assert [(p.position, p.path.rsplit("/", 1)[1]) for p in item.parts] == [
        (1, "0001-听证通知书-王建国-1.jpg"),
        (2, "0001-听证通知书-王建国-2.jpg"),
    ]
    assert item.pages == 2


def test_件号_counts_up_within_a_year(archive: Archive, tmp_path: Path) -> None:
    add(archive, notice_request(), signed(tmp_path))
    second = add(archive, notice_request(NUMBERS[1], LI), signed(tmp_path, "b.pdf", marker="b"))
    assert second.piece == 2
    assert second.parts[0].path.endswith("0002-听证通知书-李明.pdf")


def refused(archive: Archive, tmp_path: Path, *args: object) -> ArchiveError:
    """The error of an add that must change nothing: no file, no record, no log entry."""
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "archive").rglob("*"))
    items, log = archive.items(), archive.log()
    with pytest.raises(ArchiveError) as caught:
        add(archive, *args)  # type: ignore[arg-type]
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "archive").rglob("*")) == before
    assert (archive.items(), archive.log()) == (items, log)
    return caught.value


def test_a_second_add_of_one_document_is_refused(archive: Archive, tmp_path: Path) -> None:
    add(archive, notice_request(), signed(tmp_path))
    error = refused(archive, tmp_path, notice_request(), signed(tmp_path, "again.pdf", marker="x"))
    assert error.message.startswith("该文书已于 2020-05-06 10:00:00 归档（2020 年第 0001 件，")
    assert "--supersede --reason" in error.hint


def test_supersede_keeps_both_and_links_them(archive: Archive, tmp_path: Path) -> None:
    first = add(archive, notice_request(), signed(tmp_path))
    newer = signed(tmp_path, "clearer.pdf", marker="clearer")
    second = add(archive, notice_request(supersede_reason="原扫描件不清晰"), newer)
    assert (second.supersedes, second.reason, second.piece) == (first.id, "原扫描件不清晰", 2)
    assert archive.items() == [first, second]
    assert archive.current(CASE, "hearing_notice", first.recipient_key) == second
    assert [e.action for e in archive.log()] == ["add", "supersede"]
    assert verify_archive(archive).ok


def test_supersede_of_nothing_is_refused(archive: Archive, tmp_path: Path) -> None:
    error = refused(archive, tmp_path, notice_request(supersede_reason="x"), signed(tmp_path))
    assert error.message == "该文书尚未归档，无可替换"


def test_an_unknown_number_is_refused(archive: Archive, tmp_path: Path) -> None:
    error = refused(archive, tmp_path, notice_request("某信听〔2020〕9号"), signed(tmp_path))
    assert error.message == "登记簿中没有文号“某信听〔2020〕9号”"


def test_a_void_number_is_refused(archive: Archive, tmp_path: Path) -> None:
    with open_register(tmp_path / ".docgen" / "register.db") as register:
        register.void(NUMBERS[0], "送达地址错误")
    error = refused(archive, tmp_path, notice_request(), signed(tmp_path))
    assert error.message == f"文号“{NUMBERS[0]}”已作废（送达地址错误），不能归档"


def test_a_file_inside_the_archive_is_refused(archive: Archive, tmp_path: Path) -> None:
    item = add(archive, notice_request(), signed(tmp_path))
    inside = tmp_path / "archive" / item.parts[0].path
    error = refused(archive, tmp_path, notice_request(NUMBERS[1], LI), inside)
    assert error.message == "这个文件已在归档文件夹中，不能再次归档"


def test_the_log_is_a_chain_and_chain_holds_its_head(archive: Archive, tmp_path: Path) -> None:
    add(archive, notice_request(), signed(tmp_path))
    add(archive, notice_request(NUMBERS[1], LI), signed(tmp_path, "b.pdf", marker="b"))
    log = archive.log()
    assert [e.seq for e in log] == [1, 2] and log[1].prev == log[0].hash
    assert broken_link(log) is None
    chain = (tmp_path / "archive" / "CHAIN").read_text("ascii")
    assert chain == f"2 {log[1].hash}\n"


def test_unarchived_numbers_are_the_live_ones_without_an_item(
    archive: Archive, tmp_path: Path
) -> None:
    assert [n.text for n in archive.unarchived()] == list(NUMBERS)
    add(archive, notice_request(), signed(tmp_path))
    assert [n.text for n in archive.unarchived()] == [NUMBERS[1]]


def test_a_failure_between_copy_and_commit_changes_nothing_and_a_rerun_succeeds(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = signed(tmp_path)

    def fail(*_: object) -> None:
        raise RuntimeError("injected between the copy and the commit")

    with monkeypatch.context() as patch:
        patch.setattr(Archive, "_insert", fail)
        with pytest.raises(RuntimeError):
            add(archive, notice_request(), source)
    assert archive.items() == [] and archive.log() == []
    assert [p.name for p in (tmp_path / "archive").rglob("*") if p.is_file()] == []
    assert verify_archive(archive).ok
    item = add(archive, notice_request(), source)
    assert item.piece == 1 and verify_archive(archive).ok


def test_a_crash_between_copy_and_commit_leaves_a_copy_verify_names_and_a_rerun_succeeds(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed process cleans nothing up: its copy stays, unrecorded, and the rerun reuses it."""
    source = signed(tmp_path)
    pid = os.fork()
    if pid == 0:  # the child dies just before it would commit
        monkeypatch.setattr(Archive, "_insert", lambda *_: os._exit(9))
        try:
            add(archive, notice_request(), source)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    with open_test_archive(tmp_path) as reopened:
        assert reopened.items() == [] and reopened.log() == []
        found = verify_archive(reopened)
        assert [str(p) for p in found.problems] == [
            f"archive/2020/{CASE}/0001-听证通知书-王建国.pdf: "
            "未登记的文件：归档记录中没有它（被放入或改名，或某次归档中断）"
        ]
        item = add(reopened, notice_request(), source)
        assert item.piece == 1 and verify_archive(reopened).ok
