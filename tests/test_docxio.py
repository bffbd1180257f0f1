"""Writing output files: whole or not at all, readable like any file the clerk saves."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from docgen.docxio import write_atomically
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
