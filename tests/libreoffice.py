"""LibreOffice in tests: convert a file headless, with a private profile, and check the result.

`soffice` exits 0 even when a conversion fails, so `convert` checks that the output exists.
Without LibreOffice a test is skipped on a developer's machine but fails where
`DOCGEN_REQUIRE_LIBREOFFICE` is set: scripts/test.sh sets it in CI (`CI=true`), after
scripts/install-system-deps.sh has installed LibreOffice and the fonts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TIMEOUT_SECONDS = 180
_KNOWN_PLACES = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")


def soffice() -> str:
    """The path of `soffice`; skips the test (fails it in CI) when LibreOffice is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    found = found or next((p for p in _KNOWN_PLACES if Path(p).is_file()), None)
    if found is None:
        message = "LibreOffice (soffice) is not installed: run scripts/install-system-deps.sh"
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def convert(source: Path, out_dir: Path, target: str = "pdf") -> Path:
    """Convert `source` into `out_dir` (`target`: "pdf", "txt:Text", "docx:MS Word 2007 XML").

    Each call gets its own user profile under `out_dir`, so conversions never share state
    with a running LibreOffice or with each other. Returns the converted file's path.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if source.resolve().parent == out_dir.resolve():
        raise ValueError("convert into another folder: LibreOffice would overwrite the source")
    profile = out_dir / ".libreoffice-profile"
    command = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(source),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    extension = target.split(":", 1)[0]
    output = out_dir / f"{source.stem}.{extension}"
    if not output.is_file():
        raise AssertionError(
            f"LibreOffice did not convert {source.name} to {target} "
            f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return output


def convert_all(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert every one of `files` to PDF in one LibreOffice run with a profile of its own."""
    options = ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir)]
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", *options, *map(str, files)],
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    pdfs = [out_dir / f"{file.stem}.pdf" for file in files]
    assert all(pdf.is_file() for pdf in pdfs), "LibreOffice did not convert every file"
    return pdfs


def page_count(pdf: Path) -> int:
    """The pages of `pdf`, as poppler's pdfinfo counts them."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if "Pages:" in line))
