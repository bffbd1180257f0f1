"""Merge the Jinja tags that Word and LibreOffice split across runs, on the lxml element tree.

Word splits `{{ petitioner.name }}` into several `w:r` runs whenever spell-checking, an editing
session (rsid), a bookmark or a formatting change falls inside it. Each tag is moved whole into
the `w:t` where it starts, so it keeps that run's formatting; the emptied text elements and runs
are removed. Only the text of existing `w:t` elements moves, so the tree stays well-formed
whatever lies between the pieces (bookmarks, tracked insertions and deletions, hyperlinks).
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any, Final, TypeAlias

Element: TypeAlias = Any  # lxml.etree._Element; lxml ships no type information

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W: Final = "{" + W_NS + "}"
XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"
W_P: Final = W + "p"
W_R: Final = W + "r"
W_T: Final = W + "t"

TAG: Final = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja tag in text: `{{ … }}`, `{% … %}` or `{# … #}`."""

# Run content that means nothing once the run's text has moved into a tag elsewhere.
_DISPOSABLE_IN_RUN: Final = frozenset({W + "rPr", W + "softHyphen", W + "lastRenderedPageBreak"})
# Wrappers removed when the merge leaves them empty.
_DISPOSABLE_WRAPPERS: Final = frozenset({W + "ins", W + "smartTag", W + "hyperlink"})
# Text under these is not shown (a tracked move away), so it is not part of any tag.
_HIDDEN: Final = frozenset({W + "moveFrom"})


def merge_split_tags(root: Element) -> None:
    """Move every tag split across `w:t` elements of a paragraph into the `w:t` where it starts."""
    for paragraph in root.iter(W_P):
        merge_paragraph(paragraph)


def merge_paragraph(paragraph: Element) -> None:
    """Merge the split tags of one paragraph (its nested textbox paragraphs are left alone).

    Why:
        Word writes `<w:r><w:t>{{ peti</w:t></w:r><w:proofErr/><w:r><w:t>tioner }}</w:t></w:r>`;
        Jinja needs the tag in one piece, and the value should take the formatting of the run
        where the clerk started typing the tag.
    """
    texts = paragraph_texts(paragraph)
    pieces = [t.text or "" for t in texts]
    joined = "".join(pieces)
    if "{" not in joined:
        return
    spans = [m.span() for m in TAG.finditer(joined)]
    if not spans:
        return
    ends = list(itertools.accumulate(len(piece) for piece in pieces))
    firsts = [bisect.bisect_right(ends, start) for start, _ in spans]  # pieces tags start in
    lasts = [bisect.bisect_right(ends, end - 1) for _, end in spans]
    if firsts == lasts:  # no tag is split, as usual: only the text holding one is marked
        for index in set(firsts):
            texts[index].set(XML_SPACE, "preserve")
    else:
        _move_tags(texts, pieces, joined, spans)
    for proof in list(paragraph.iter(W + "proofErr")):
        proof.getparent().remove(proof)  # spelling marks; Word recomputes them


def _move_tags(
    texts: list[Element], pieces: list[str], joined: str, spans: list[tuple[int, int]]
) -> None:
    """Move each tag (a span of `joined`, the paragraph's text) whole into the `w:t` where it
    starts, removing the `w:t` elements and runs that are left empty."""
    owner = [i for i, piece in enumerate(pieces) for _ in piece]
    holders: set[int] = set()
    for start, end in spans:
        holder = owner[start]
        holders.add(holder)
        owner[start:end] = [holder] * (end - start)
    chars: list[list[str]] = [[] for _ in texts]
    for char, index in zip(joined, owner, strict=True):
        chars[index].append(char)
    merged = ["".join(c) for c in chars]
    for index, t in enumerate(texts):
        if index in holders:
            t.set(XML_SPACE, "preserve")
        if merged[index] == pieces[index]:
            continue
        if merged[index]:
            t.text = merged[index]
            t.set(XML_SPACE, "preserve")
        else:
            _remove_text(t)


def paragraph_texts(paragraph: Element) -> list[Element]:
    """The visible `w:t` elements of `paragraph` in document order, without nested paragraphs."""
    found = []
    for t in paragraph.iter(W_T):
        ancestor = t.getparent()
        while ancestor is not paragraph:
            if ancestor.tag == W_P or ancestor.tag in _HIDDEN:
                break
            ancestor = ancestor.getparent()
        else:
            found.append(t)
    return found


def _remove_text(t: Element) -> None:
    """Remove an emptied `w:t`, its run if nothing else is left in it, and emptied wrappers."""
    run = t.getparent()
    run.remove(t)
    if run.tag != W_R or any(child.tag not in _DISPOSABLE_IN_RUN for child in run):
        return
    parent = run.getparent()
    parent.remove(run)
    while parent.tag in _DISPOSABLE_WRAPPERS and len(parent) == 0:
        grandparent = parent.getparent()
        grandparent.remove(parent)
        parent = grandparent
