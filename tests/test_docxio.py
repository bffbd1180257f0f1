"""Writing output files: whole or not at all, readable like any file the clerk saves."""

from __future__ import annotations

import errno
import os
import pickle
import stat
import time
from pathlib import Path

import pytest

from docgen import docxio
from docgen.docxio import (
    CaseOutput,
    Swaps,
    commit,
    in_place,
    remove_run_temporaries,
    remove_stale_temporaries,
    write_atomically,
)
from docgen.errors import WorkspaceError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_permissions_of_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(b"data", tmp_path / "a" / "b.docx")
    finally:
        os.umask(old)
    assert (tmp_path / "a" / "b.docx").read_bytes() == b"data"
    assert mode(tmp_path / "a" / "b.docx") == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "b.docx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomically(b"new", target)
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o664


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "folder.docx"
    target.mkdir()  # os.replace cannot put a file over a folder
    (target / "inside").write_bytes(b"kept")
    with pytest.raises(WorkspaceError, match="无法写入"):
        write_atomically(b"new", target)
    assert (target / "inside").read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["folder.docx"]


def test_a_case_is_written_to_temporaries_and_swapped_in_by_commit(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"old a")
    output = CaseOutput("run1")
    output.write(tmp_path / "a.docx", b"new a")
    output.write(tmp_path / "b.docx", b"new b")
    assert (tmp_path / "a.docx").read_bytes() == b"old a"  # nothing visible before commit
    assert all(tmp.name.startswith((".a.docx.run1-", ".b.docx.run1-")) for tmp, _ in output.swaps)
    commit([output.swaps], lambda index, err: pytest.fail(str(err)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]
    assert (tmp_path / "a.docx").read_bytes() == b"new a"


def test_a_full_disk_removes_the_cases_temporaries_and_says_so_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def full(fd: int, data: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        os.write(fd, data)

    monkeypatch.setattr(docxio, "_write_all", full)
    output = CaseOutput("run1")
    output.write(tmp_path / "case" / "a.docx", b"a")
    with pytest.raises(WorkspaceError, match="磁盘空间已满（No space left on device）"):
        output.write(tmp_path / "case" / "b.docx", b"b")
    assert output.swaps == []
    assert list(tmp_path.iterdir()) == []  # the folder made for the case is gone too


def test_a_failed_rename_fails_only_its_case(tmp_path: Path) -> None:
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "b.docx").mkdir()  # a folder where a document should go
    first, second = CaseOutput("t"), CaseOutput("t")
    first.write(tmp_path / "one" / "a.docx", b"a")
    second.write(tmp_path / "two" / "a.docx", b"a")
    second.write(tmp_path / "two" / "b.docx", b"b")
    failed: list[int] = []
    commit([first.swaps, second.swaps], lambda index, err: failed.append(index))
    assert failed == [1]
    assert (tmp_path / "one" / "a.docx").read_bytes() == b"a"
    assert not list(tmp_path.rglob("*.tmp"))


def test_stale_temporaries_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    folder = tmp_path / "XF1"
    folder.mkdir()
    old, fresh = folder / ".a.docx.123x1-abc.tmp", folder / ".b.docx.456x1-def.tmp"
    for tmp in (old, fresh):
        tmp.write_bytes(b"part")
    os.utime(old, (time.time() - 2 * 3600,) * 2)
    assert remove_stale_temporaries(tmp_path) == [old]
    assert [p.name for p in folder.iterdir()] == [fresh.name]
    remove_run_temporaries(tmp_path, "456x1")
    assert list(folder.iterdir()) == []


def test_a_case_keeps_each_documents_permissions_and_new_ones_follow_the_umask(
    tmp_path: Path,
) -> None:
    umask = os.umask(0o022)
    docxio._umask.cache_clear()  # docgen reads its umask once; this test sets its own
    try:
        for name, old in (("private.docx", 0o600), ("shared.docx", 0o664)):
            (tmp_path / name).write_bytes(b"old")
            (tmp_path / name).chmod(old)
        output = CaseOutput("run1")
        for name in ("private.docx", "shared.docx", "new.docx"):
            output.write(tmp_path / name, b"new")
        commit([output.swaps], lambda index, err: pytest.fail(str(err)))
    finally:
        os.umask(umask)
        docxio._umask.cache_clear()
    modes = {name: mode(tmp_path / name) for name in ("private.docx", "shared.docx", "new.docx")}
    assert modes == {"private.docx": 0o600, "shared.docx": 0o664, "new.docx": 0o644}


def test_a_document_already_holding_its_bytes_is_left_in_place(tmp_path: Path) -> None:
    same, changed = tmp_path / "same.docx", tmp_path / "changed.docx"
    same.write_bytes(b"unchanged")
    changed.write_bytes(b"old")
    before = same.stat()
    output = CaseOutput("tok")
    output.write(same, b"unchanged")
    output.write(changed, b"new")
    assert output.swaps[0] == (same, same)
    temporaries = [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert len(temporaries) == 1 and temporaries[0].startswith(".changed.docx.tok-")
    commit([output.swaps], lambda index, err: pytest.fail(str(err)))
    after = same.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert changed.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["changed.docx", "same.docx"]


def test_discarding_a_case_never_removes_a_document_left_in_place(tmp_path: Path) -> None:
    same = tmp_path / "same.docx"
    same.write_bytes(b"unchanged")
    output = CaseOutput("tok")
    output.write(same, b"unchanged")
    output.write(tmp_path / "new.docx", b"new")
    output.discard()
    assert [p.name for p in tmp_path.iterdir()] == ["same.docx"]
    assert same.read_bytes() == b"unchanged"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_pipe_where_a_document_belongs_is_replaced_without_waiting(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    os.mkfifo(target)
    output = CaseOutput("tok")
    output.write(target, b"data")  # would block forever if the pipe were opened to compare
    commit([output.swaps], lambda index, err: pytest.fail(str(err)))
    assert target.read_bytes() == b"data"


def test_swaps_travel_as_text_and_come_back_as_paths(tmp_path: Path) -> None:
    target, other = tmp_path / "听证通知书-王建国.docx", tmp_path / "转送函.docx"
    tmp = tmp_path / ".听证通知书-王建国.docx.run1-1-0.tmp"
    swaps = Swaps([(tmp, target), (other, other)])
    again = pickle.loads(pickle.dumps(swaps))
    assert again == swaps and list(again) == [(tmp, target), (other, other)]
    assert len(again) == 2 and again[-1] == (other, other) and again[1:] == [(other, other)]
    assert [in_place(swap) for swap in again] == [False, True]
    with pytest.raises(IndexError):
        again[2]
    assert not Swaps()
