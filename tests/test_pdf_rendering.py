"""Every kind of document, converted by the real LibreOffice, fits its pages and loses no glyph."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from docxread import body_text, open_docx
from libreoffice import TIMEOUT_SECONDS, soffice

from docgen.cli import main

# one rendered document of each kind, and the most pages it may take
DOCUMENTS = {
    "XF2020-018/听证通知书-王建国.docx": 2,
    "XF2020-018/听证通知书-吴军.docx": 2,
    "XF2020-018/听证通知书-县自然资源局.docx": 2,
    "XF2020-018/送达回证-王建国.docx": 1,
    "XF2020-018/听证公告.docx": 2,
    "XF2020-031/听证结果公示.docx": 2,
    "XF2020-025/一揽子化解方案.docx": 5,
    "XF2020-025/包案责任书-黄志强.docx": 3,
    "XF2020-031/信访事项办结告知书-张伟.docx": 2,
    "XF2020-031/息诉罢访协议书.docx": 3,
    "XF2020-031/化解销号审批表.docx": 1,
    "XF2020-007/转送函.docx": 2,
}
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <include ignore_missing="no">{aliases}</include>
</fontconfig>
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name → (docx, pdf), all converted in one LibreOffice run as the PDF feature will."""
    office = soffice()
    root = tmp_path_factory.mktemp("pdf")
    for name in ("docgen.yaml", "cases", "templates"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, root / name)
    result = CliRunner().invoke(main, ["-C", str(root), "render", "--date", "2020-06-01"])
    assert result.exit_code == 0, result.stderr
    sources = [root / "output" / name for name in DOCUMENTS]
    staged = root / "staged"
    staged.mkdir()
    for i, source in enumerate(sources):  # unique stems: LibreOffice names PDFs by stem
        shutil.copy(source, staged / f"{i:02d}.docx")
    conf = root / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(
            cache=root / "fc-cache", aliases=REPO / "docgen" / "fonts" / "gongwen-aliases.conf"
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(root / "pdf"),
            *sorted(str(p) for p in staged.iterdir()),
        ],
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(root), "FONTCONFIG_FILE": str(conf)},
    )
    pairs = {}
    for i, (name, source) in enumerate(zip(DOCUMENTS, sources, strict=True)):
        pdf = root / "pdf" / f"{i:02d}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {name}"
        pairs[name] = (source, pdf)
    return pairs


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_document_fits_its_pages(converted: dict[str, tuple[Path, Path]], name: str) -> None:
    info = poppler("pdfinfo", str(converted[name][1]))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 1 <= pages <= DOCUMENTS[name]
    assert "595.3" in info and "841.89" in info  # A4 in points
    text = poppler("pdftotext", "-raw", str(converted[name][1]), "-")
    for page in range(1, pages + 1):
        assert f"— {page} —" in text, f"page number {page} missing"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_character_reaches_the_pdf_in_an_embedded_font(
    converted: dict[str, tuple[Path, Path]], name: str
) -> None:
    docx, pdf = converted[name]
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts, "the PDF uses no font"
    assert all(" yes " in line.split(maxsplit=1)[1] for line in fonts), fonts
    wanted = Counter(ch for ch in body_text(open_docx(docx)) if not ch.isspace())
    # -raw: no de-hyphenation, which would drop the "-" of a case id broken after it
    got = Counter(ch for ch in poppler("pdftotext", "-raw", str(pdf), "-") if not ch.isspace())
    missing = wanted - got
    assert not missing, f"characters lost in the PDF: {dict(missing)}"
