"""Print-file pieces: a body prepared where it was rendered gives the print file's own bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from docx import Document
from print_parts import TITLE, three_recipients

from docgen.layout.combine import PrintFile, combine_documents
from docgen.layout.pieces import SLOT, PieceCache, prepare

FIRST_PARAGRAPH = b"<w:body>\n<w:p>"  # as docgen writes a body
MARKED = (  # a bookmark, a content control and a drawing before the first paragraph
    b'<w:body>\n<w:p><w:bookmarkStart w:id="3" w:name="a"/><w:bookmarkEnd w:id="3"/></w:p>'
    b'<w:sdt><w:sdtPr><w:id w:val="9"/></w:sdtPr><w:sdtContent><w:p/></w:sdtContent></w:sdt>'
    b'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="4" name="b"/></wp:inline></w:drawing></w:r>'
    b"</w:p>\n<w:p>"
)


@pytest.fixture(scope="module")
def parts() -> list[tuple[str, bytes]]:
    """A notice and its receipt for three recipients, one of each role, named apart."""
    return three_recipients()


def with_document_xml(blob: bytes, old: bytes, new: bytes) -> bytes:
    """`blob` with the first `old` of its word/document.xml replaced by `new`."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info, data)
    return target.getvalue()


def of_pieces(parts: list[tuple[str, bytes]], even_and_odd: bool = True) -> tuple[bytes, int]:
    """The print file of `parts` added as pieces, and how many documents it had to read."""
    cache = PieceCache()
    printing = PrintFile(TITLE, even_and_odd)
    loads: list[str] = []

    def loader(name: str, blob: bytes) -> Callable[[], bytes]:
        return lambda: loads.append(name) or blob

    for name, blob in parts:
        printing.add_piece(name, prepare(name, blob, cache, even_and_odd), loader(name, blob))
    assert printing.matches
    return printing.finish(), len(loads)


def test_a_print_file_of_pieces_has_the_bytes_of_whole_documents(
    parts: list[tuple[str, bytes]],
) -> None:
    combined, loads = of_pieces(parts)
    assert combined == combine_documents(parts, TITLE)
    assert loads == 2  # the first, whose parts it takes, and the last, prepared to end it


def test_pieces_number_bookmarks_controls_and_drawings_across_documents(
    parts: list[tuple[str, bytes]],
) -> None:
    marked = [(name, with_document_xml(blob, FIRST_PARAGRAPH, MARKED)) for name, blob in parts]
    piece = prepare(*marked[1], PieceCache(), even_and_odd=True)
    assert piece is not None and (piece.annotations, piece.drawings) == (2, 1)
    combined, loads = of_pieces(marked)
    assert combined == combine_documents(marked, TITLE)
    assert loads == 2
    body = Document(io.BytesIO(combined)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    assert [e.get(f"{w}id") for e in body.iter(f"{w}bookmarkStart")] == [
        "0",
        "2",
        "4",
        "6",
        "8",
        "10",
    ]
    assert [e.get("id") for e in body.iter(f"{wp}docPr")] == ["1", "2", "3", "4", "5", "6"]


def test_a_body_whose_text_holds_the_slot_mark_is_added_whole(
    parts: list[tuple[str, bytes]],
) -> None:
    text = f"<w:body>\n<w:p><w:r><w:t>{SLOT}0{SLOT}</w:t></w:r></w:p>\n<w:p>".encode()
    odd = [parts[0], (parts[1][0], with_document_xml(parts[1][1], FIRST_PARAGRAPH, text))]
    odd += parts[2:]
    assert prepare(*odd[1], PieceCache(), even_and_odd=True) is None
    combined, loads = of_pieces(odd)
    assert combined == combine_documents(odd, TITLE)
    assert loads == 3


def test_a_print_file_printing_even_pages_alike_takes_pieces_too(
    parts: list[tuple[str, bytes]],
) -> None:
    combined, _ = of_pieces(parts[:1], even_and_odd=True)  # one document, added whole
    assert combined == combine_documents(parts[:1], TITLE)
    printing = PrintFile(TITLE, even_and_odd=False)  # a wrong guess: the documents differ
    cache = PieceCache()
    for name, blob in parts:
        printing.add_piece(name, prepare(name, blob, cache, False), lambda blob=blob: blob)
    assert not printing.matches


def test_a_document_with_lists_is_left_to_the_print_file() -> None:
    saved = io.BytesIO()
    Document().save(saved)  # python-docx's template has a numbering part, merged per document
    assert prepare("list.docx", saved.getvalue(), PieceCache(), even_and_odd=False) is None


def test_a_damaged_document_is_left_to_the_print_file_to_name() -> None:
    assert prepare("x.docx", b"%PDF-1.7 not a zip", PieceCache(), even_and_odd=False) is None
