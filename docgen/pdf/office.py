"""LibreOffice headless: where it is, its version, and conversions to PDF/A-2b in batches.

Why:
    `soffice --convert-to` over many files in one process costs one start-up (about 1 s) for
    the whole batch; two such processes, each with its own profile, use both cores
    (bench/pdf.py). A process never shares its profile: a second soffice on the same profile
    hands its files to the first and ignores its own environment (pdf.md §8). soffice exits 0
    even when a file failed, so the caller checks every output (docgen.pdf.checks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docgen.errors import PdfError

#: PDF/A-2b in the JSON filter syntax of LibreOffice 7.4+; `SelectPdfVersion=2` is ignored.
PDFA_FILTER: Final = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT: Final = (
    "请安装 LibreOffice 和字体：sudo apt-get install --no-install-recommends "
    "libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming；"
    "在 docgen 源码目录中运行 bash scripts/install-system-deps.sh"
    "还会装上仿宋、楷体所用的 Fandol 字体。"
)
_KNOWN_PLACES: Final = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
)
START_SECONDS: Final = 60.0  # a cold start on a loaded machine, before the first file
SECONDS_PER_FILE: Final = 10.0


def find_soffice() -> Path:
    """The LibreOffice executable: `soffice` (or `libreoffice`) on PATH, else a usual place.

    Raises:
        PdfError: LibreOffice is not installed.
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for place in _KNOWN_PLACES:
        if Path(place).is_file():
            return Path(place)
    raise PdfError("找不到 LibreOffice（soffice），无法生成 PDF", hint=INSTALL_HINT)


def office_version(soffice: Path) -> str:
    """LibreOffice's version line, such as `LibreOffice 7.4.7.2 40(Build:2)`."""
    try:
        done = subprocess.run(
            [str(soffice), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise PdfError(f"无法运行 LibreOffice（{soffice}）：{err}", hint=INSTALL_HINT) from err
    return done.stdout.strip() or done.stderr.strip() or "（未知版本）"


@dataclass(frozen=True)
class Batch:
    """The files one soffice process converts, and the folders it uses."""

    sources: Sequence[Path]
    out_dir: Path
    profile: Path


def convert_batches(
    soffice: Path, batches: Sequence[Batch], fonts_conf: Path, *, pdfa: bool = True
) -> list[str]:
    """Run one soffice process per batch, all at once; their stderr, in batch order.

    Each process gets its own profile and `FONTCONFIG_FILE=fonts_conf` (the .docx keeps the
    official font names; only LibreOffice sees the free faces they map to).

    Raises:
        PdfError: soffice cannot be started, or a process runs past its time.
    """
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
    target = PDFA_FILTER if pdfa else "pdf"
    running: list[subprocess.Popen[bytes]] = []
    try:
        for batch in batches:
            batch.out_dir.mkdir(parents=True, exist_ok=True)
            command = [
                str(soffice),
                f"-env:UserInstallation={batch.profile.resolve().as_uri()}",
                *("--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"),
                *("--convert-to", target, "--outdir", str(batch.out_dir)),
                *map(str, batch.sources),
            ]
            running.append(
                subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
                )
            )
        deadline = time.monotonic() + START_SECONDS
        deadline += SECONDS_PER_FILE * max((len(b.sources) for b in batches), default=0)
        return [_finish(process, deadline) for process in running]
    except OSError as err:
        raise PdfError(f"无法运行 LibreOffice（{soffice}）：{err}", hint=INSTALL_HINT) from err
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()


def _finish(process: subprocess.Popen[bytes], deadline: float) -> str:
    try:
        _, err = process.communicate(timeout=max(deadline - time.monotonic(), 1.0))
    except subprocess.TimeoutExpired as expired:
        raise PdfError(
            "LibreOffice 转换 PDF 超时，已停止",
            hint="请关闭其他正在运行的 LibreOffice 后重试；文件很多时可分几次生成。",
        ) from expired
    return err.decode("utf-8", "replace")
