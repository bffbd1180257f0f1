"""One writer at a time: the workspace lock `.docgen/lock`, naming the process that holds it."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Final

from docgen.errors import WorkspaceError, describe_os_error

LOCK_FILE: Final = Path(".docgen") / "lock"
WAIT_SECONDS: Final = 30.0
_POLL: Final = 0.2
_REGION: Final = 1 << 20  # Windows locks a byte far past the text, which stays readable


@contextlib.contextmanager
def workspace_lock(
    root: Path,
    command: str,
    *,
    wait: float = WAIT_SECONDS,
    notify: Callable[[str], None] = lambda _: None,
) -> Iterator[None]:
    """Hold the lock of the workspace `root` while the block runs; wait up to `wait` seconds.

    Why:
        Two renders interleaved on one workspace left a case whose documents carry two
        dates. The operating system releases the lock when its process ends, even when killed,
        so a crashed docgen never blocks the next one.

    Raises:
        WorkspaceError: another process held the lock for longer than `wait` seconds, or the
            lock file cannot be created.
    """
    path = root / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise WorkspaceError(
            f"无法创建工作区锁文件“{path}”：{describe_os_error(err)}",
            hint="请检查工作区文件夹的权限。",
        ) from err
    try:
        _acquire(handle, path, wait, notify)
        handle.seek(0)
        handle.truncate()
        started = datetime.now().isoformat(sep=" ", timespec="seconds")
        handle.write(f"pid={os.getpid()}\ncommand={command}\nstarted={started}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
    finally:
        handle.close()


def _acquire(handle: IO[str], path: Path, wait: float, notify: Callable[[str], None]) -> None:
    """Take the lock, waiting up to `wait` seconds; say once that it waits and for whom."""
    deadline = time.monotonic() + wait
    told = False
    while not _try_lock(handle):
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise WorkspaceError(
                f"另一个 docgen 进程正在写入本工作区（{holder}），等了 {wait:g} 秒仍未结束",
                hint="请等它运行完再试；如确认该进程已不存在，请重新运行本命令。",
            )
        if not told:
            notify(f"另一个 docgen 进程正在写入本工作区（{holder}），最多等待 {wait:g} 秒……")
            told = True
        time.sleep(_POLL)


def _holder(path: Path) -> str:
    """Who holds the lock, as written in the lock file: `进程 123，命令 render，开始于 …`."""
    try:
        fields = dict(
            line.split("=", 1)
            for line in path.read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
    except OSError:
        fields = {}
    return (
        f"进程 {fields.get('pid', '?')}，命令 {fields.get('command', '?')}，"
        f"开始于 {fields.get('started', '?')}"
    )


if sys.platform == "win32":  # pragma: no cover - tested on POSIX only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(_REGION)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_REGION)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
