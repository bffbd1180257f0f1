"""PDF/A-2b from rendered documents through LibreOffice headless, with the official fonts mapped.

`office` finds and runs soffice (one profile per process); `fonts` writes the fontconfig file
LibreOffice alone sees and asks fc-match which face each official name gets; `checks` opens
every PDF (pikepdf), checks PDF/A-2b and embedded fonts, and sets the metadata from the .docx;
`conversion` puts these together for many files at once. Files are read here; writing the
PDFs into output/ is the pipeline's (atomically, as every output).
"""

from docgen.pdf.checks import DocumentInfo as DocumentInfo
from docgen.pdf.checks import finish_pdf as finish_pdf
from docgen.pdf.checks import pdf_problems as pdf_problems
from docgen.pdf.conversion import Converted as Converted
from docgen.pdf.conversion import convert_documents as convert_documents
from docgen.pdf.conversion import processes_for as processes_for
from docgen.pdf.fonts import BODY_FONT as BODY_FONT
from docgen.pdf.fonts import Face as Face
from docgen.pdf.fonts import require_serif_body as require_serif_body
from docgen.pdf.fonts import resolve_faces as resolve_faces
from docgen.pdf.fonts import write_fonts_conf as write_fonts_conf
from docgen.pdf.office import INSTALL_HINT as INSTALL_HINT
from docgen.pdf.office import find_soffice as find_soffice
from docgen.pdf.office import office_version as office_version
