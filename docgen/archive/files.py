"""Files in the archive: hashed in fixed-size chunks, copied durably, kept read-only."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Final

CHUNK: Final = 1 << 20
"""Bytes read at a time: hashing a file of any size takes the same memory."""

TEMP_PREFIX: Final = ".archiving-"
"""Temporaries of an add in progress; one left behind means an add was cut short."""

READ_ONLY: Final = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def sha256_of(path: Path) -> str:
    """The SHA-256 of `path` in hex, read once in CHUNK-sized pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_durably(source: Path, target: Path) -> str:
    """Copy `source` to the new file `target` and flush it to disk; the SHA-256 of what was read.

    Why:
        A legal record must be on the disk before the register says it is archived; one
        fsync per file is the price (a render syncs once per run instead).

    Raises:
        OSError: `target` exists, or reading or writing failed (`target` is then removed).
    """
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with source.open("rb") as fh, os.fdopen(fd, "wb") as out:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def make_read_only(path: Path) -> None:
    """Take away write permission, so that nobody changes an archived file by mistake."""
    os.chmod(path, READ_ONLY)
