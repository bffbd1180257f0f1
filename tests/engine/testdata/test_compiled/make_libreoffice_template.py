"""Build notice_original.docx with python-docx, then notice_libreoffice.docx from it by LibreOffice.

Run once from the repository root; both files are committed:

    python tests/engine/testdata/test_compiled/make_libreoffice_template.py

The second is what `soffice --headless --convert-to docx:"MS Word 2007 XML"` writes after opening
the first: LibreOffice re-splits runs and rewrites their properties, which the engine
must handle so that both render to the same text and formatting.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent


def build_original(path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ office.name }}（{{ doc_number }}）"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("听证通知书").bold = True
    greeting = document.add_paragraph("致")
    greeting.add_run("{{ recipient.na").bold = True  # a tag split across two bold runs
    greeting.add_run("me }}").bold = True
    greeting.add_run("：")
    place = document.add_paragraph("听证地点：")
    place.add_run("{{ hearing.")
    place.add_run("place").italic = True  # a formatting change inside the tag
    place.add_run(" }}，时间：{{ hearing.date|cn_datetime(hearing.time) }}。")
    document.add_paragraph("{%p if hearing.public %}")
    document.add_paragraph("本次听证公开举行。")
    document.add_paragraph("{%p endif %}")
    table = document.add_table(rows=4, cols=2)
    table.rows[0].cells[0].text = "序号"
    table.rows[0].cells[1].text = "听证员"
    table.rows[1].cells[0].text = "{%tr for m in panel %}"
    table.rows[2].cells[0].text = "{{ loop.index|cn_ordinal }}"
    table.rows[2].cells[1].text = "{{ m.name }}（{{ m.org }}）"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p for item in items %}")
    document.add_paragraph("{{ loop.index|cn_ordinal }}、{{ item }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ office.name }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ issued|cn_date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "{{ office.name }} 联系电话：{{ office.phone|mask_phone }}"
    document.core_properties.title = "{{ doc_title }}"
    document.save(str(path))


def main() -> None:
    original = HERE / "notice_original.docx"
    build_original(original)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(out / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out),
                str(original),
            ],
            check=True,
        )
        shutil.copy(out / "notice_original.docx", HERE / "notice_libreoffice.docx")


if __name__ == "__main__":
    main()
