"""Writing output files so that a reader sees the old file or the whole new one, never a part."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from docgen.errors import WorkspaceError


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` through a temporary file in the same folder, then rename.

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
            f"无法写入文件夹“{target.parent}”：{err.strerror}", hint="请检查文件夹权限和磁盘空间。"
        ) from err
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise WorkspaceError(
                f"无法写入“{target}”：{err.strerror}",
                hint="如文件正在 Word/WPS 中打开，请先关闭；并检查磁盘空间。",
            ) from err
        raise


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
