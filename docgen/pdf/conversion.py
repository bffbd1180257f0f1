"""Many .docx files to checked PDF/A-2b bytes: staged, converted in parallel batches, verified.

Why:
    LibreOffice names each PDF after its file's stem, so documents of different cases with
    the same name (听证通知书-王建国.docx) are staged under numbered names first. The files are
    split into contiguous batches, one per process and core (bench/pdf.py: two processes on
    two cores are the fastest correct way; a batch too small to pay for a second start-up
    stays whole), of at most FILES_PER_CALL files: a LibreOffice that stops halfway through
    a long batch loses the rest of it, and the files it did not convert are tried once more.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from docgen.errors import PdfError
from docgen.pdf.checks import DocumentInfo, finish_pdf
from docgen.pdf.fonts import require_serif_body, resolve_faces, write_fonts_conf
from docgen.pdf.office import Batch, convert_batches, find_soffice
from docgen.pdf.staging import stage_for_office

#: Fewest files worth a LibreOffice process of their own (one start-up is about 1 s).
FILES_PER_PROCESS: Final = 6
#: Most files for one soffice call: in bench/pdf.py, one call of 500 stopped after 243 files.
FILES_PER_CALL: Final = 100


@dataclass
class Converted:
    """The outcome of a conversion: PDF bytes per source, or why a source failed."""

    pdfs: dict[Path, bytes] = field(default_factory=dict)
    failures: dict[Path, str] = field(default_factory=dict)


def processes_for(count: int, processes: int | None = None) -> int:
    """How many LibreOffice processes to run for `count` files (default: one per core)."""
    wanted = processes if processes is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, count // FILES_PER_PROCESS or 1))


def convert_documents(
    sources: Sequence[Path], *, processes: int | None = None, pdfa: bool = True
) -> Converted:
    """Convert every one of `sources` (.docx) to PDF/A-2b, checked, with its metadata.

    A file LibreOffice could not convert, or whose PDF fails the checks, is named in
    `failures`; the others are converted all the same.

    Raises:
        PdfError: LibreOffice, fontconfig or a 仿宋 face is missing, or LibreOffice timed out.
    """
    result = Converted()
    if not sources:
        return result
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        root = Path(tmp)
        fonts_conf = write_fonts_conf(root)
        require_serif_body(resolve_faces(fonts_conf))
        staged = _stage(root, sources)
        lanes = processes_for(len(sources), processes)
        errors: dict[Path, str] = {}
        pending = staged
        for attempt in range(2):  # once more for files whose LibreOffice stopped early
            for batches in _rounds(root, pending, lanes, attempt):
                for batch, stderr in zip(
                    batches, convert_batches(soffice, batches, fonts_conf, pdfa=pdfa), strict=True
                ):
                    errors.update(dict.fromkeys(batch.sources, stderr))
            pending = [docx for docx in pending if not _made(root, docx)]
            if not pending:
                break
        made = [(source, _pdf(root, docx)) for source, docx in zip(sources, staged, strict=True)]
        for source, docx in zip(sources, staged, strict=True):
            if docx in pending:
                result.failures[source] = _why_missing(errors.get(docx, ""))
        done = [(source, pdf) for source, pdf in made if source not in result.failures]
        for (source, _), finished in zip(done, _finish_all(done, lanes), strict=True):
            if isinstance(finished, bytes):
                result.pdfs[source] = finished
            else:
                result.failures[source] = finished
    return result


def _stage(root: Path, sources: Sequence[Path]) -> list[Path]:
    """Copy `sources` under unique numbered names, as LibreOffice is to read them."""
    folder = root / "in"
    folder.mkdir()
    staged = []
    for number, source in enumerate(sources):
        name = folder / f"{number:06d}.docx"
        try:
            stage_for_office(source, name)
        except OSError as err:
            raise PdfError(f"无法读取“{source}”：{err.strerror or err}") from err
        staged.append(name)
    return staged


def _rounds(root: Path, files: Sequence[Path], lanes: int, attempt: int) -> Iterator[list[Batch]]:
    """The batches to run together, round after round: `lanes` processes at a time, none
    with more than FILES_PER_CALL files."""
    calls = lanes * -(-len(files) // (lanes * FILES_PER_CALL))
    size = -(-len(files) // calls)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    for first in range(0, len(chunks), lanes):
        yield [
            Batch(chunk, root / "out", root / f"profile{attempt}-{lane}")
            for lane, chunk in enumerate(chunks[first : first + lanes])
        ]


def _pdf(root: Path, docx: Path) -> Path:
    return root / "out" / f"{docx.stem}.pdf"


def _made(root: Path, docx: Path) -> bool:
    pdf = _pdf(root, docx)
    return pdf.is_file() and pdf.stat().st_size > 0


def _finish_all(made: list[tuple[Path, Path]], processes: int) -> Iterator[bytes | str]:
    """Each PDF finished (checked, metadata set), in worker processes when there are many.

    Why:
        Setting the Type 1 font ids re-encrypts each font program in Python (some 0.03 s
        for a 仿宋 subset, after the vectorised decryption); two cores do it in half the time.
    """
    if processes < 2 or len(made) < 2 * FILES_PER_PROCESS:
        yield from map(_finish_one, made)
        return
    with ProcessPoolExecutor(max_workers=processes) as pool:
        yield from pool.map(_finish_one, made, chunksize=4)


def _finish_one(item: tuple[Path, Path]) -> bytes | str:
    """The finished PDF of `item` (its .docx, LibreOffice's PDF), or why it failed."""
    source, pdf = item
    try:
        return finish_pdf(pdf.read_bytes(), DocumentInfo.read(source))
    except OSError as err:
        return f"无法读取 LibreOffice 生成的 PDF（{err.strerror or err}）"
    except ValueError as err:
        return str(err)


def _why_missing(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "javaldx" not in line and line.strip()]
    detail = f"（{lines[-1].strip()}）" if lines else ""
    return f"LibreOffice 没有生成 PDF{detail}，文件可能已损坏或不是 Word 文档"
