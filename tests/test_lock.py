"""One writer at a time: a second process waits for the workspace lock, then refuses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen.errors import WorkspaceError
from docgen.lock import LOCK_FILE, workspace_lock

HOLDER = """
import sys, time
from pathlib import Path
from docgen.lock import workspace_lock
with workspace_lock(Path(sys.argv[1]), "render"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def held(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock of the workspace `tmp_path` for up to a minute."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), "60"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    yield holder
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_second_writer_waits_then_refuses_naming_the_holder(
    tmp_path: Path, held: subprocess.Popen[str]
) -> None:
    told: list[str] = []
    with (
        pytest.raises(WorkspaceError) as refused,
        workspace_lock(tmp_path, "render", wait=0.5, notify=told.append),
    ):
        pytest.fail("the lock was taken twice")
    assert f"进程 {held.pid}，命令 render，开始于 " in str(refused.value)
    assert "等了 0.5 秒仍未结束" in str(refused.value)
    assert len(told) == 1 and f"进程 {held.pid}" in told[0] and "最多等待 0.5 秒" in told[0]


def test_the_lock_is_free_again_when_its_holder_is_killed(
    tmp_path: Path, held: subprocess.Popen[str]
) -> None:
    held.kill()
    held.wait()
    with workspace_lock(tmp_path, "render", wait=0.5):
        text = (tmp_path / LOCK_FILE).read_text(encoding="utf-8")
    assert "command=render" in text


def test_a_waiting_writer_goes_on_once_the_holder_is_done(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), "1"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    told: list[str] = []
    with workspace_lock(tmp_path, "render", wait=30, notify=told.append):
        assert holder.wait() == 0
    holder.stdout.close()
    assert len(told) == 1
