"""docxtpl's whitespace control across paragraphs: `{%-` and `-%}` join text elements.

docxtpl reads `{%- … %}` as "continue the previous text": everything from the end of the
previous `w:t` up to the tag goes (the paragraph break, the `<w:br/>`, and the text of the tag's
own `w:t` before it), so the tag and what follows it join the previous text. `{% … -%}` is the
mirror: the rest of its `w:t` and everything up to the next `w:t` go. It does so with regular
expressions on the serialized XML; here the same joins are made on the element tree, and a join
whose two ends sit at different depths (docxtpl would write broken XML) is reported instead.
"""

from __future__ import annotations

import re
from typing import Final

from docgen.engine.runs import W_P, W_T, XML_SPACE, Element, W

KEPT_LINE: Final = "\ufdd0"
"""Put in text where a join removed a paragraph: the writer turns it into a Jinja comment
holding a newline, so that source lines still count the template's paragraphs."""

_OPENING: Final = re.compile(r"\{%-")
_CLOSING: Final = re.compile(r"-%\}")
_TAG_START: Final = re.compile(r"\{[{%]")
_LEVEL_HINT: Final = (
    "{%- 与 -%} 只能把同一层级的文字连起来（正文段落接正文段落，同一表格行的单元格接单元格）；"
    "请把标签移到相邻的段落里，或改用 {%p %}。"
)
_CROSS_HINT: Final = (
    "docxtpl 遇到表格或制表符时会写出损坏的文档；请把 -%} 后面的段落放在表格之前，"
    "或去掉减号改用 {%p %}。"
)


class JoinProblem(Exception):
    """Raised when a join cannot be made as docxtpl means it; carries the Chinese message."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def join_controlled_text(root: Element) -> list[tuple[Element, str, JoinProblem]]:
    """Make the joins `{%-` and `-%}` ask for, first all `{%-`, then all `-%}`, as docxtpl.

    Returns (paragraph, tag, problem) for every join that could not be made; the paragraph is
    the one that held the tag before any join.
    """
    found: list[tuple[Element, str, JoinProblem]] = []
    if "{%-" in _all_text(root):
        found += _join_backwards(root)
    if "-%}" in _all_text(root):
        found += _join_forwards(root)
    return found


def _all_text(root: Element) -> str:
    return "".join(t.text or "" for t in root.iter(W_T))


def _join_backwards(root: Element) -> list[tuple[Element, str, JoinProblem]]:
    problems = []
    texts = list(root.iter(W_T))
    previous: Element | None = None
    for t in texts:
        text = t.text or ""
        match = _OPENING.search(text)
        if match is None or previous is None:
            previous = t
            continue
        paragraph = _paragraph(t)
        try:
            joined = (previous.text or "") + "{%" + text[match.end() :]
            _join(root, previous, t, joined, before=len(previous.text or ""))
        except JoinProblem as problem:
            problems.append((paragraph, match.group(), problem))
            previous = t
            continue
        # `previous` now holds the text of `t` and stays the element to join to
    return problems


def _join_forwards(root: Element) -> list[tuple[Element, str, JoinProblem]]:
    problems = []
    texts = list(root.iter(W_T))
    index = 0
    while index < len(texts) - 1:
        t = texts[index]
        text = t.text or ""
        end = _last_closing(text)
        if end is None:
            index += 1
            continue
        following = texts[index + 1]
        try:
            _check_crossing(t, following)
            joined = text[: end - 3] + "%}"
            _join(root, t, following, joined + (following.text or ""), before=len(joined))
        except JoinProblem as problem:
            problems.append((_paragraph(t), "-%}", problem))
            index += 1
            continue
        del texts[index + 1]  # `t` now holds its text and may close with `-%}` again
    return problems


def _last_closing(text: str) -> int | None:
    """End of the `-%}` docxtpl joins at: the last one, with no other tag opened after it."""
    matches = list(_CLOSING.finditer(text))
    if not matches:
        return None
    end = matches[-1].end()
    return None if _TAG_START.search(text, end) else end


def _join(root: Element, first: Element, second: Element, text: str, before: int) -> None:
    """Give `first` the `text` and everything after `second`; remove what lies between.

    `before` is where in `text` the removed paragraphs were, for their line keepers.
    """
    first_chain, second_chain = _chains(first, second)
    if [e.tag for e in first_chain] != [e.tag for e in second_chain]:
        raise JoinProblem(
            "{%- 或 -%} 要连接的两段文字不在同一层级（如一个在表格里、一个在表格外）",
            _LEVEL_HINT,
        )
    paragraphs = sum(1 for _ in root.iter(W_P))
    for level in range(1, len(first_chain)):
        keep, drop = first_chain[level], second_chain[level]
        for child in list(keep)[keep.index(first_chain[level - 1]) + 1 :]:
            keep.remove(child)
        first_chain[level - 1].tail = second_chain[level - 1].tail
        for child in list(drop)[drop.index(second_chain[level - 1]) + 1 :]:
            keep.append(child)  # moves it
    top_first, top_second = first_chain[-1], second_chain[-1]
    common = top_first.getparent()
    start, end = common.index(top_first), common.index(top_second)
    for child in list(common)[start + 1 : end + 1]:
        common.remove(child)
    top_first.tail = top_second.tail
    removed = paragraphs - sum(1 for _ in root.iter(W_P))
    first.text = text[:before] + KEPT_LINE * removed + text[before:]
    first.set(XML_SPACE, "preserve")


def _chains(first: Element, second: Element) -> tuple[list[Element], list[Element]]:
    """The ancestors-or-self of `first` and `second` below their lowest common ancestor."""
    second_line = [second, *second.iterancestors()]
    members = set(second_line)
    first_chain = [first]
    for ancestor in first.iterancestors():
        if ancestor in members:
            return first_chain, second_line[: second_line.index(ancestor)]
        first_chain.append(ancestor)
    raise AssertionError("two elements of one tree share its root")


def _check_crossing(first: Element, second: Element) -> None:
    """Refuse a `-%}` join across an element docxtpl's pattern stops at (`w:tab`, `w:tbl` …).

    Why:
        docxtpl ends the removed stretch at the first start tag that begins with `<w:t`; when that
        is not the `w:t` it means, it writes a broken document. docgen refuses such a template.
    """
    first_chain, second_chain = _chains(first, second)
    top_second = second_chain[-1]
    between: list[Element] = []
    for level, element in enumerate(first_chain):
        for sibling in element.itersiblings():
            if level == len(first_chain) - 1 and sibling is top_second:
                break
            between.extend(sibling.iter())
    for level in range(len(second_chain) - 1, 0, -1):
        holder = second_chain[level]
        between.append(holder)
        for child in holder:
            if child is second_chain[level - 1]:
                break
            between.extend(child.iter())
    for element in between:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.startswith(W + "t") and tag != W_T:
            name = "w:" + tag.rpartition("}")[2]
            message = f"-%}}之后到下一段文字之间有 {name}（表格或制表符），不能连接"
            raise JoinProblem(message, _CROSS_HINT)


def _paragraph(t: Element) -> Element | None:
    for ancestor in t.iterancestors(W_P):
        return ancestor
    return None
