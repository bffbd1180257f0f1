"""Many .docx files to checked PDF/A-2b bytes: staged, converted in parallel batches, verified.

Why:
    LibreOffice names each PDF after its file's stem, so documents of different cases with
    the same name (听证通知书-王建国.docx) are staged under numbered names first. The files are
    split into one contiguous batch per process (bench/pdf.py: two processes on two cores
    are the fastest correct way; a batch too small to pay for a second start-up stays whole).
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
        batches, staged = _stage(root, sources, processes_for(len(sources), processes))
        errors = convert_batches(soffice, batches, fonts_conf, pdfa=pdfa)
        made: list[tuple[Path, Path]] = []
        for source, (batch_index, pdf) in zip(sources, staged, strict=True):
            if pdf.is_file() and pdf.stat().st_size:
                made.append((source, pdf))
            else:
                result.failures[source] = _why_missing(errors[batch_index])
        for source, finished in zip(
            (source for source, _ in made), _finish_all(made, len(batches)), strict=True
        ):
            if isinstance(finished, bytes):
                result.pdfs[source] = finished
            else:
                result.failures[source] = finished
    return result


def _finish_all(made: list[tuple[Path, Path]], processes: int) -> Iterator[bytes | str]:
    """Each PDF finished (checked, metadata set), in worker processes when there are many.

    Why:
        Setting the Type 1 font ids re-encrypts each font program in Python, about as much
        work per document as LibreOffice's own; two cores do it in half the time.
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


def _stage(
    root: Path, sources: Sequence[Path], processes: int
) -> tuple[list[Batch], list[tuple[int, Path]]]:
    """Copy `sources` under unique names into one folder per batch; where each PDF will be."""
    size = -(-len(sources) // processes)
    batches, staged = [], []
    for index in range(processes):
        chunk = sources[index * size : (index + 1) * size]
        folder = root / f"in{index}"
        folder.mkdir()
        names = []
        for number, source in enumerate(chunk, index * size):
            name = folder / f"{number:06d}.docx"
            try:
                stage_for_office(source, name)
            except OSError as err:
                raise PdfError(f"无法读取“{source}”：{err.strerror or err}") from err
            names.append(name)
            staged.append((index, root / f"out{index}" / f"{number:06d}.pdf"))
        batches.append(Batch(names, root / f"out{index}", root / f"profile{index}"))
    return batches, staged


def _why_missing(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "javaldx" not in line and line.strip()]
    detail = f"（{lines[-1].strip()}）" if lines else ""
    return f"LibreOffice 没有生成 PDF{detail}，文件可能已损坏或不是 Word 文档"
