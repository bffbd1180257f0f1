"""The PDFs of every kind and example case, read back as a 公文 proofreader reads the pages.

One LibreOffice run converts them all (docgen.pdf, as `--pdf` does). Checked: PDF/A-2b with
every font embedded, the 仿宋 body in a serif 仿宋 face, 22 lines of 28 characters on full body
pages (GB/T 9704 5.2.3), all text inside the 156 × 225 mm type area, “— N —” on the outer side,
no page holding only the signature block, and no heading as the last line of a page.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import REPO
from docxread import open_docx
from libreoffice import soffice
from pdfpages import TYPE_BOTTOM, TYPE_LEFT, TYPE_RIGHT, TYPE_TOP, Page, plain, read_pages

from docgen import layout
from docgen.cli import main
from docgen.pdf import convert_documents

BODY_ONLY = "body-only.docx"
HEADINGS = ("GwHeading1", "GwHeading2")
CLOSING = re.compile(r"^(特此\w{2}。|此致)$")
HEADING_MARK = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
CHAR = 16.0 - 0.25  # 三号 with −0.25 pt spacing, in points


def _chosen(output: Path) -> list[Path]:
    """One document of each kind for each case, and each recipient role of a hearing notice."""
    chosen: dict[tuple[str, str], Path] = {}
    for path in sorted(output.glob("*/*.docx")):
        kind = path.stem.split("-")[0]
        chosen.setdefault((path.parent.name, kind), path)
    notices = ["王建国", "吴军", "县自然资源局"]  # petitioner, panel member, unit
    extra = [output / "XF2020-018" / f"听证通知书-{name}.docx" for name in notices]
    return sorted(set(chosen.values()) | set(extra))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name → (docx, pdf), converted in one LibreOffice run."""
    soffice()  # skip (fail in CI) without LibreOffice
    root = tmp_path_factory.mktemp("pages")
    for name in ("docgen.yaml", "cases", "templates"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, root / name)
    result = CliRunner().invoke(main, ["-C", str(root), "render", "--date", "2020-06-01"])
    assert result.exit_code == 0, result.stderr
    sources = _chosen(root / "output")
    body_only = root / BODY_ONLY
    body_only.write_bytes(_body_only_document())
    sources.append(body_only)
    done = convert_documents(sources, processes=1)
    assert not done.failures, done.failures
    pairs = {}
    for source in sources:
        pdf = source.with_suffix(".pdf")
        pdf.write_bytes(done.pdfs[source])
        pairs[source.name if source == body_only else f"{source.parent.name}/{source.name}"] = (
            source,
            pdf,
        )
    return pairs


def _body_only_document() -> bytes:
    document = layout.new_document()
    body = document.element.body
    section = body[-1]
    for _ in range(3):
        runs = [layout.Run("根据《信访工作条例》的规定，本机关对该信访事项进行了调查核实。")]
        section.addprevious(layout.new_paragraph(layout.STYLE_BODY, runs))
    return layout.docx_bytes(document, title="正文", created="2020-06-12T00:00:00Z")


@functools.cache
def pages_of(pdf: Path) -> list[Page]:
    return read_pages(pdf)


def _names(converted: dict[str, tuple[Path, Path]]) -> list[str]:
    return [name for name in converted if name != BODY_ONLY]


def pdffonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[2:]


def test_every_pdf_is_pdfa_2b_with_every_font_embedded(
    converted: dict[str, tuple[Path, Path]],
) -> None:
    assert len(converted) >= 15
    for name, (_, pdf) in converted.items():
        with pikepdf.open(pdf) as document:
            meta = document.open_metadata()
            assert meta["pdfaid:part"] == "2", name
            assert meta["pdfaid:conformance"] == "B", name
            assert "/OutputIntents" in document.Root, name
        fonts = pdffonts(pdf)
        assert fonts, name
        for line in fonts:  # name type encoding emb sub uni ...: the three flags after the encoding
            assert line.split()[-5:-2] == ["yes", "yes", "yes"], (name, line)


def test_the_fangsong_body_is_set_in_a_serif_fangsong_face(
    converted: dict[str, tuple[Path, Path]],
) -> None:
    fonts = [line.split()[0] for line in pdffonts(converted[BODY_ONLY][1])]
    assert not [font for font in fonts if "Sans" in font or "Hei" in font], fonts
    assert any("Fang" in font or "Serif" in font for font in fonts), fonts


def test_the_pdf_carries_the_documents_title_office_and_date(
    converted: dict[str, tuple[Path, Path]],
) -> None:
    docx, pdf = converted["XF2020-031/信访事项办结告知书-张伟.docx"]
    with pikepdf.open(pdf) as document:
        info = document.docinfo
        assert str(info["/Title"]) == "信访事项办结告知书"
        signer = next(
            p.text for p in open_docx(docx).paragraphs if p.style.style_id == "GwSignature"
        )
        assert str(info["/Author"]) == signer  # the 署名: here the organ that issued it
        issued = open_docx(docx).core_properties.created
        assert str(info["/CreationDate"]).startswith(f"D:{issued:%Y%m%d}")
        assert document.open_metadata()["dc:creator"] == [signer]
        assert "python-docx" not in str(dict(info))


def _full_body_pages(pages: list[Page]) -> list[Page]:
    """Pages of plain 三号 body text (no title, no table) whose text runs on to the next page."""
    full = []
    for page, following in itertools.pairwise(pages):
        if not page.lines or not following.lines:
            continue
        if any(abs(line.height - 20.8) > 1 for line in page.lines):
            continue  # a title or a table row
        if following.lines[0].x0 < TYPE_LEFT + 3:  # the next page starts mid-paragraph
            full.append(page)
    return full


def test_full_body_pages_hold_22_lines_of_28_characters(
    converted: dict[str, tuple[Path, Path]],
) -> None:
    checked, full_pages, widths = 0, 0, []
    for name in _names(converted):
        for page in _full_body_pages(pages_of(converted[name][1])):
            checked += 1
            # 21: a run-in heading's paragraph keeps two lines together across the page end
            assert len(page.lines) in (21, 22), (name, page.number, [ln.plain for ln in page.lines])
            full_pages += len(page.lines) == 22
            for line, following in itertools.pairwise(page.lines):
                if following.plain[:3].isascii() or "¥" in following.plain[:3]:
                    continue  # stretched: a number or Latin word that cannot break comes next
                if any(ch.isascii() for ch in line.plain):
                    continue  # digits and Latin letters are narrower than half a character
                if line.x1 > TYPE_RIGHT - CHAR:  # a line that reaches the right margin
                    indent = round((line.x0 - TYPE_LEFT) / CHAR)
                    widths.append(line.width_in_chars + indent)
                    # 27: a character that may not start a line (，。）) took the last one along
                    assert 27 <= widths[-1] <= 28.5, (name, line.text)
    assert checked >= 2 and full_pages >= 2, "no full body page among the example documents"
    assert sum(28 <= width <= 28.5 for width in widths) >= 0.8 * len(widths), widths


def test_text_stays_in_the_type_area_and_page_numbers_sit_outside(
    converted: dict[str, tuple[Path, Path]],
) -> None:
    for name in _names(converted):
        pages = pages_of(converted[name][1])
        for page in pages:
            for line in page.lines:
                assert line.x0 >= TYPE_LEFT - 1 and line.x1 <= TYPE_RIGHT + 1, (name, line)
                assert line.y0 >= TYPE_TOP - 1 and line.y1 <= TYPE_BOTTOM + 1, (name, line)
            number = page.page_number
            assert number is not None, (name, page.number)
            assert plain(number.text) == f"—{page.number}—", (name, number.text)
            assert TYPE_BOTTOM < number.y0 < TYPE_BOTTOM + 15 * 72 / 25.4, (name, number)
            if page.number % 2:  # odd: right, one 四号 character in
                assert abs(TYPE_RIGHT - 14 - number.x1) < 3, (name, number)
            else:  # even: left, one character in
                assert abs(TYPE_LEFT + 14 - number.x0) < 3, (name, number)


def _signature_block(docx: Path) -> set[str]:
    """The text of the closing, 署名, dates and signature lines: everything after the body."""
    paragraphs = [p for p in open_docx(docx).paragraphs if p.text.strip()]
    last_body = max(
        (
            i
            for i, p in enumerate(paragraphs)
            if p.style.style_id in ("GwBody", *HEADINGS) and not CLOSING.match(plain(p.text))
        ),
        default=-1,
    )
    return {plain(p.text) for p in paragraphs[last_body + 1 :]}


def test_no_page_holds_only_the_signature_block(converted: dict[str, tuple[Path, Path]]) -> None:
    for name in _names(converted):
        docx, pdf = converted[name]
        block = _signature_block(docx)
        for page in pages_of(pdf)[1:]:
            texts = {line.plain for line in page.lines}
            assert not texts <= block, f"{name}: page {page.number} holds only {sorted(texts)}"


def test_no_heading_is_the_last_line_of_a_page(converted: dict[str, tuple[Path, Path]]) -> None:
    for name in _names(converted):
        docx, pdf = converted[name]
        headings = {
            plain(p.text) for p in open_docx(docx).paragraphs if p.style.style_id in HEADINGS
        }
        pages = pages_of(pdf)
        for page, following in itertools.pairwise(pages):
            if not page.lines:
                continue
            last = page.lines[-1]
            assert last.plain not in headings, f"{name}: page {page.number} ends with {last.text}"
            runs_on = bool(following.lines) and following.lines[0].x0 < TYPE_LEFT + 3
            assert not (HEADING_MARK.match(last.plain) and runs_on), (
                f"{name}: page {page.number} ends with the first line of {last.text}"
            )


def test_case_ids_are_never_broken_at_the_hyphen(converted: dict[str, tuple[Path, Path]]) -> None:
    seen = 0
    for name in _names(converted):
        text = subprocess.run(
            ["pdftotext", "-raw", str(converted[name][1]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        seen += len(re.findall(r"XF\d{4}-\d{3}", text))
        for line in text.splitlines():
            assert not re.search(r"XF\d{4}-?$", line.strip()), (name, line)
    assert seen >= 10
