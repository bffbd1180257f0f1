"""The workspace: which entries of cases/ are case files, and reading files safely."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from docgen.errors import WorkspaceError
from docgen.workspace import Workspace, check_output_file, read_bytes


@pytest.fixture
def strange(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The example workspace with a FIFO and three odd links among its case files."""
    monkeypatch.chdir(workspace)
    cases = workspace / "cases"
    os.mkfifo(cases / "fifo.yaml")
    (cases / "dangling.yaml").symlink_to(cases / "missing.yaml")
    (cases / "loop.yaml").symlink_to(cases / "loop.yaml")
    (cases / "zero.yaml").symlink_to("/dev/zero")
    return Workspace(workspace)


def test_only_regular_files_are_case_files_and_each_other_entry_is_named(
    strange: Workspace,
) -> None:
    listing = strange.list_cases()
    assert [p.name for p in listing.files] == [
        "XF2020-007.yaml",
        "XF2020-018.yaml",
        "XF2020-025.yaml",
        "XF2020-031.yaml",
    ]
    assert [str(w) for w in listing.skipped] == [
        f"cases/{name}.yaml: 不是普通文件（{what}），已跳过\n"
        "  案件文件须是普通的 .yaml 文件；请删除它或换成真正的案件文件。"
        for name, what in [
            ("dangling", "链接指向的文件不存在"),
            ("fifo", "命名管道"),
            ("loop", "链接循环指向自身"),
            ("zero", "设备文件"),
        ]
    ]
    assert strange.case_files() == listing.files


def test_a_fifo_is_refused_without_being_opened(strange: Workspace) -> None:
    def blocked(_signum: int, _frame: object) -> None:
        raise TimeoutError("read_bytes opened the FIFO and waits for a writer")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(5)
    try:
        with pytest.raises(WorkspaceError, match="不是普通文件（命名管道）"):
            read_bytes(strange.cases_dir / "fifo.yaml")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_cases_named_on_the_command_line_are_taken_as_given(strange: Workspace) -> None:
    listing = strange.select_cases(["XF2020-018", "cases/XF2020-007.yaml"])
    assert [p.name for p in listing.files] == ["XF2020-018.yaml", "XF2020-007.yaml"]
    assert listing.skipped == []


def test_an_unreadable_file_is_explained_in_chinese(tmp_path: Path) -> None:
    secret = tmp_path / "a.yaml"
    secret.write_bytes(b"id: 1")
    secret.chmod(0)
    if os.access(secret, os.R_OK):
        pytest.skip("running as a user who can read any file")
    with pytest.raises(WorkspaceError, match="没有权限（Permission denied）"):
        read_bytes(secret)


def test_an_output_onto_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "台账.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(WorkspaceError, match="不是普通文件（命名管道）"):
        check_output_file(fifo)
    check_output_file(tmp_path / "新台账.xlsx")  # a new file in an existing folder: fine
