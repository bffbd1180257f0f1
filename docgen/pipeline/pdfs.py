"""PDF/A-2b beside rendered documents (`--pdf`, `docgen pdf`), and the check `docgen doctor` shows.

Why:
    Offices send and archive PDFs. The conversion is docgen.pdf's; this recipe decides where
    each PDF goes (beside its .docx, or in a chosen folder) and writes it atomically, as every
    output, so a failed or stopped run never leaves a half-written PDF.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docgen import pdf
from docgen.docxio import write_atomically
from docgen.errors import DocgenError, Location, PdfError


@dataclass
class PdfReport:
    """The PDFs written, and a problem for each document that could not be converted."""

    written: list[Path] = field(default_factory=list)
    errors: list[DocgenError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_pdf_tools() -> None:
    """Make sure PDFs can be made before anything else is done.

    Raises:
        PdfError: LibreOffice, fontconfig or a 仿宋 face is missing (with the install command).
    """
    pdf.find_soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-fonts-") as tmp:
        pdf.require_serif_body(pdf.resolve_faces(pdf.write_fonts_conf(Path(tmp))))


def write_pdfs(
    documents: Sequence[Path], out_dir: Path | None = None, *, processes: int | None = None
) -> PdfReport:
    """Convert `documents` (.docx) to PDF/A-2b, each written beside its document or in `out_dir`.

    Raises:
        PdfError: LibreOffice or the fonts are missing; nothing is written.
    """
    report = PdfReport()
    docx = [path for path in documents if path.suffix.lower() == ".docx"]
    converted = pdf.convert_documents(docx, processes=processes)
    for source in docx:
        target = (out_dir or source.parent) / f"{source.stem}.pdf"
        data = converted.pdfs.get(source)
        if data is None:
            why = converted.failures.get(source, "LibreOffice 没有生成 PDF")
            report.errors.append(PdfError(f"无法生成 PDF：{why}", Location(source)))
            continue
        try:
            write_atomically(data, target)
        except DocgenError as err:
            report.errors.append(err)
            continue
        report.written.append(target)
    return report


@dataclass(frozen=True)
class Doctor:
    """What `docgen doctor` reports: LibreOffice, and the face of each official font name."""

    office: str | None  # version line, None when LibreOffice is missing
    office_path: Path | None
    faces: list[pdf.Face]
    problems: list[DocgenError]

    @property
    def ok(self) -> bool:
        return not any(problem.fatal for problem in self.problems)


def examine_pdf_tools() -> Doctor:
    """LibreOffice's version and the faces fontconfig gives the official names, with problems."""
    problems: list[DocgenError] = []
    office = office_path = None
    try:
        office_path = pdf.find_soffice()
        office = pdf.office_version(office_path)
    except PdfError as err:
        problems.append(err)
    faces: list[pdf.Face] = []
    try:
        with tempfile.TemporaryDirectory(prefix="docgen-fonts-") as tmp:
            faces = pdf.resolve_faces(pdf.write_fonts_conf(Path(tmp)))
    except PdfError as err:
        problems.append(err)
    if faces:
        try:
            pdf.require_serif_body(faces)
        except PdfError as err:
            problems.append(err)
    return Doctor(office, office_path, faces, problems)
