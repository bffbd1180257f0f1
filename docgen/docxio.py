"""Writing output files so that a reader sees the old file or the whole new one, never a part.

`write_atomically` writes one record with its own fsync. A render writes many documents instead:
each case's documents go to temporaries beside their targets (`.NAME.TOKEN-PID-N.tmp`, TOKEN
naming the run); a case where any write fails has its temporaries removed and keeps its old
files. `commit` then makes the whole run durable once (one `os.sync()`, not one fsync per file),
renames every temporary over its target and makes the renames durable with a second sync.
A document whose target already holds exactly its bytes gets no temporary: its swap is
(target, target), "already in place", and nothing is written, renamed or removed for it.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, overload

from docgen.errors import WorkspaceError, describe_os_error

STALE_AFTER: Final = 3600.0  # seconds: a temporary this old belongs to no running docgen
_O_BINARY: Final = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_O_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # POSIX: a FIFO opens without waiting
_HINT: Final = "如文件正在 Word/WPS 中打开，请先关闭；并检查磁盘空间和文件夹权限。"

Swap = tuple[Path, Path]  # (temporary, target); (target, target) when already in place


class Swaps(Sequence[Swap]):
    """A case's swaps on their way from a worker to the end of the run, kept as text.

    Each is made a pair of paths again when it is used.

    Why: a render holds every document's swap until the one sync at its end; as pairs of
    paths (parsed again when a worker's result is unpickled, their text cached when renamed),
    the fifteen thousand documents of a thousand cases held 15 MB, half of what the run
    needed besides.
    """

    __slots__ = ("_paths",)

    def __init__(self, swaps: Iterable[Swap] = ()) -> None:
        paths: list[str] = []
        for tmp, target in swaps:
            shown = os.fspath(target)
            paths += (shown if tmp == target else os.fspath(tmp), shown)
        self._paths = tuple(paths)  # temporary, target, temporary, target, ...

    def __reduce__(self) -> tuple[object, ...]:
        return (_swaps_of, (self._paths,))

    def __len__(self) -> int:
        return len(self._paths) // 2

    @overload
    def __getitem__(self, index: int) -> Swap: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Swap]: ...

    def __getitem__(self, index: int | slice) -> Swap | Sequence[Swap]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        tmp, target = self._paths[2 * index : 2 * index + 2]
        path = Path(target)
        return (path if tmp == target else Path(tmp), path)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Swaps) and self._paths == other._paths

    def __hash__(self) -> int:
        return hash(self._paths)

    def __repr__(self) -> str:
        return f"Swaps({list(self)!r})"


def _swaps_of(paths: tuple[str, ...]) -> Swaps:
    """`Swaps` from their text, as pickled."""
    swaps = Swaps()
    swaps._paths = paths
    return swaps


def in_place(swap: Swap) -> bool:
    """Whether `swap` is a document whose target already held its bytes: nothing to rename."""
    return swap[0] == swap[1]


def write_atomically(data: bytes | Iterable[bytes], target: Path) -> None:
    """Write `data` (bytes, or pieces of them) to `target` through a temporary file in the
    same folder, then rename.

    Why:
        A crash, a full disk or Ctrl-C halfway must never leave a truncated .docx where a
        clerk expects a document; `os.replace` is atomic within one file system.

    Raises:
        WorkspaceError: the folder cannot be created or written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise WorkspaceError(
            f"无法写入文件夹“{target.parent}”：{describe_os_error(err)}",
            hint="请检查文件夹权限和磁盘空间。",
        ) from err
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                fh.writelines(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise WorkspaceError(
                f"无法写入“{target}”：{describe_os_error(err)}", hint=_HINT
            ) from err
        raise


def json_pieces(value: object) -> Iterator[bytes]:
    """`value` as UTF-8 JSON (not ASCII-escaped), in pieces of about 64 KB, for `write_atomically`.

    Why: a record of a thousand cases written as one string held it three times over (the
    text, two bytes a character once it holds Chinese, and its UTF-8), at the end of a run
    when the run's own memory is at its peak.
    """
    pending: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False).iterencode(value):
        pending.append(chunk)
        size += len(chunk)
        if size >= 65_536:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    yield "".join(pending).encode("utf-8")


def _mode_for(target: Path) -> int:
    """The permissions the file would get if written in place: the old file's, else the umask's.

    Why:
        `mkstemp` creates files readable by their owner only; a document in a shared office
        folder must stay readable by the colleagues who print it.
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd`: the one place bytes reach the OS (tests fail it here)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def run_token() -> str:
    """A token naming this run's temporaries, so the run can find and remove its own."""
    return f"{os.getpid()}x{time.time_ns() % 1_000_000_000:09d}"


@dataclass
class CaseOutput:
    """The temporaries of one case's documents, until the case is complete or abandoned.

    Why:
        A full disk halfway through a case must not leave some of its documents new and the
        others old: nothing is renamed until every document of the case is on disk.
    """

    token: str
    swaps: list[Swap] = field(default_factory=list)
    created: list[Path] = field(default_factory=list)  # folders made for it, deepest first
    ready: set[Path] = field(default_factory=set)  # folders known to exist

    def write(self, target: Path, data: bytes) -> None:
        """Write `data` to a new temporary beside `target`, unless `target` holds it already.

        Why the comparison:
            A render of unchanged cases gives the same bytes again; reading a 12 KB file back
            costs far less than writing a temporary and replacing the old file (whose blocks
            the file system must then free), and its modification time keeps saying when the
            document really changed.

        Raises:
            WorkspaceError: the folder cannot be created or the file written (all of this
                case's temporaries are removed first).
        """
        try:
            if target.parent not in self.ready:
                self._make_folder(target.parent)
                self.ready.add(target.parent)
            if _holds(target, data):
                self.swaps.append((target, target))
                return
            mode = _existing_mode(target)
            fd, tmp = _new_temporary(target, self.token)
            self.swaps.append((tmp, target))
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            if mode is not None and mode != 0o666 & ~_umask():
                os.chmod(tmp, mode)  # keep the old file's permissions
        except OSError as err:
            self.discard()
            raise WorkspaceError(
                f"无法写入“{target}”：{describe_os_error(err)}", hint=_HINT
            ) from err

    def _make_folder(self, folder: Path) -> None:
        missing = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir(exist_ok=True)
        self.created[:0] = missing

    def discard(self) -> None:
        """Remove every temporary of this case and the folders made for them; old files stay."""
        for swap in self.swaps:
            if not in_place(swap):
                swap[0].unlink(missing_ok=True)
        self.swaps.clear()
        for folder in self.created:
            with contextlib.suppress(OSError):  # another case's documents may be there now
                folder.rmdir()
        self.created.clear()
        self.ready.clear()


def _holds(target: Path, data: bytes) -> bool:
    """Whether the regular file `target` holds exactly `data` (False when it cannot be read).

    Opened without blocking and checked to be a regular file first: a FIFO planted where a
    document belongs must not hang the run.
    """
    try:
        fd = os.open(target, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except OSError:
        return False
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with open(fd, "rb", closefd=False) as fh:
            return fh.read(len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


_temporaries_made = itertools.count()


def _new_temporary(target: Path, token: str) -> tuple[int, Path]:
    """A new file `.NAME.TOKEN-PID-N.tmp` beside `target`, open for writing, and its path.

    Why not `tempfile.mkstemp`: its random names cost more than writing a small document,
    and the run's token with this process's id and a counter is already unique. The file is
    created with the permissions a new file gets (0o666 less the umask), as if written in place.
    """
    while True:
        tmp = target.with_name(
            f".{target.name}.{token}-{os.getpid()}-{next(_temporaries_made)}.tmp"
        )
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue  # left by a killed process that had the same id: take the next name
        return fd, tmp


def _existing_mode(target: Path) -> int | None:
    """The permissions of the file at `target`, None when there is none."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return None


@functools.cache
def _umask() -> int:
    """This process's umask (docgen never changes it)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def commit(
    cases: Sequence[Sequence[Swap]], on_failure: Callable[[int, WorkspaceError], None]
) -> None:
    """Make every case's temporaries durable with one sync, then swap them in, case by case.

    A case whose rename fails has its remaining temporaries removed and is passed to
    `on_failure` with its index; the other cases are still swapped in.
    """
    _sync_data(swap[0] for swaps in cases for swap in swaps if not in_place(swap))
    folders: set[Path] = set()
    for index, swaps in enumerate(cases):
        for position, (tmp, target) in enumerate(swaps):
            if in_place((tmp, target)):
                continue
            try:
                os.replace(tmp, target)
            except OSError as err:
                for rest in swaps[position:]:
                    if not in_place(rest):
                        rest[0].unlink(missing_ok=True)
                on_failure(
                    index,
                    WorkspaceError(f"无法写入“{target}”：{describe_os_error(err)}", hint=_HINT),
                )
                break
            folders.add(target.parent)
    _sync_folders(sorted(folders))


def _sync_data(files: Iterable[Path]) -> None:
    """Flush written data to disk once for the whole run.

    Why:
        One fsync per file cost two thirds of a render; `os.sync()` flushes everything in
        one go. Where it does not exist (Windows), each file is flushed on its own.
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in files:  # pragma: no cover - Windows
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())


def _sync_folders(folders: Sequence[Path]) -> None:
    """Make the renames in `folders` durable: one `os.sync()` where there is one.

    Why: one fsync per case folder cost about 4 ms each on ext4, serially, after the work.
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    for folder in folders:  # pragma: no cover - Windows
        sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (POSIX); Windows has no folder handle to sync."""
    if sys.platform == "win32":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames are still atomic
    finally:
        os.close(fd)


def _temporaries(output_dir: Path, pattern: str) -> Iterator[Path]:
    """Temporaries matching `pattern` in the folders under `output_dir`, two levels deep.

    Why:
        Case folders are one level deep; batch folders (`批次/<name>/`) are two.
    """
    if output_dir.is_dir():
        yield from output_dir.glob(f"*/{pattern}")
        yield from output_dir.glob(f"*/*/{pattern}")


def remove_run_temporaries(output_dir: Path, token: str) -> None:
    """Remove every temporary the run `token` left, e.g. when it is interrupted."""
    for tmp in _temporaries(output_dir, f".*.{token}-*.tmp"):
        tmp.unlink(missing_ok=True)


def remove_stale_temporaries(output_dir: Path, now: float | None = None) -> list[Path]:
    """Remove temporaries older than an hour, left by a docgen that was killed; return them."""
    limit = (time.time() if now is None else now) - STALE_AFTER
    removed = []
    for tmp in _temporaries(output_dir, ".*.tmp"):
        try:
            if tmp.lstat().st_mtime < limit:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def stale_outputs(
    folder: Path, owned: Callable[[str], bool], written: Iterable[Path]
) -> list[Path]:
    """Documents in `folder` that `owned` claims and this run did not write, in name order."""
    try:
        with os.scandir(folder) as entries:  # a glob builds a Path per entry: 1,000 folders add up
            names = sorted(e.name for e in entries if e.name.endswith(".docx"))
    except OSError:
        return []
    here = os.fspath(folder)  # strings: comparing thousands of Paths costs more than the scan
    fresh = {os.path.basename(p) for p in map(os.fspath, written) if os.path.dirname(p) == here}
    return [folder / name for name in names if name not in fresh and owned(name)]
