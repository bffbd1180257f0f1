"""docxtpl's table extras: `{% colspan n %}`, `{% cellbg c %}`, `{% vm %}` and `{% hm %}`.

Each stands in the text of a table cell and changes the cell's properties, as docxtpl 0.20.2
does with regular expressions on the serialized XML:
- `colspan n`: the cell spans `n` grid columns (`w:gridSpan`);
- `cellbg c`: the cell is shaded with colour `c` (`w:shd`, `RRGGBB`);
- `vm`: inside a loop, the cell is merged vertically with its copies (`w:vMerge`, restarted on
  the first iteration) and its text (from the cell's first text up to the tag's) shows once;
- `hm`: inside a `{%tc for %}` loop, the first copy spans the columns of all (`w:gridSpan`
  times the loop's length) and the others are left out.
Here the tags are taken out of the element tree and the Jinja they stand for is recorded as
`CellMarks`, which the source writer puts into attributes and around elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from lxml import etree

from docgen.engine.environment import COLOUR_FUNCTION, SPAN_FUNCTION
from docgen.engine.runs import W_R, W_T, Element, W

W_TC: Final = W + "tc"
W_TCPR: Final = W + "tcPr"
W_VAL: Final = W + "val"
EXTRA: Final = re.compile(r"\{%\s*(colspan|cellbg|vm|hm)\b\s*([^%]*?)\s*%\}")
"""A table extra as docxtpl matches it: `{% colspan 2 %}`, `{%vm%}` (no `-` allowed)."""
_PROPERTY_ORDER: Final = (
    *("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap"),
    *("tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers"),
    *("cellIns", "cellDel", "cellMerge", "tcPrChange"),
)
_FIRST: Final = "{% if loop.first %}"
_END: Final = "{% endif %}"


@dataclass
class CellMarks:
    """The Jinja the source writer puts into and around elements for the table extras."""

    attributes: dict[Element, dict[str, str]] = field(default_factory=dict)
    before: dict[Element, str] = field(default_factory=dict)  # written before the element
    after: dict[Element, str] = field(default_factory=dict)  # written after it
    text_before: dict[Element, str] = field(default_factory=dict)  # inside a w:t, before text
    text_after: dict[Element, str] = field(default_factory=dict)  # inside a w:t, after text
    tags: dict[Element, str] = field(default_factory=dict)  # element -> the tag it came from


@dataclass(frozen=True)
class CellProblem:
    """A table extra that cannot be placed: the `w:t` it stood in, the tag and the message."""

    text: Element
    tag: str
    message: str
    hint: str


def place_properties(root: Element, marks: CellMarks) -> list[CellProblem]:
    """Take out `colspan` and `cellbg` tags and mark their cells' properties (docxtpl's first
    pass, before paragraphs are joined and structural tags replaced)."""
    return _place(root, marks, ("colspan", "cellbg"))


def place_merges(root: Element, marks: CellMarks) -> list[CellProblem]:
    """Take out `vm` and `hm` tags and mark their cells (docxtpl's last pass)."""
    return _place(root, marks, ("vm", "hm"))


def _place(root: Element, marks: CellMarks, words: tuple[str, ...]) -> list[CellProblem]:
    problems: list[CellProblem] = []
    done: set[tuple[Element, str]] = set()
    for t in list(root.iter(W_T)):
        text = t.text or ""
        if "{%" not in text:
            continue
        emptied = False
        for match in [m for m in EXTRA.finditer(text) if m.group(1) in words]:
            word, argument, tag = match.group(1), match.group(2), match.group()
            cell = next(t.iterancestors(W_TC), None)
            if cell is None or (cell, word) in done or (word in _ARGUMENT and not argument):
                t.text = (t.text or "").replace(tag, "", 1)  # reported once, not again as unknown
            if cell is None:
                problems.append(CellProblem(t, tag, f"标签 {tag} 不在表格单元格中", _HINT_PLACE))
            elif (cell, word) in done:
                message = f"一个单元格只能有一个 {{% {word} %}}（{tag}）"
                problems.append(CellProblem(t, tag, message, "请删除多余的标签。"))
            elif word in _ARGUMENT and not argument:
                message = f"标签 {tag} 缺少{_ARGUMENT[word]}"
                problems.append(CellProblem(t, tag, message, _HINT_ARGUMENT[word]))
            else:
                done.add((cell, word))
                t.text = (t.text or "").replace(tag, "", 1)
                _PLACERS[word](cell, t, argument, tag, marks)
                emptied = word in ("colspan", "cellbg")
        if emptied and t.text == "":
            _remove_empty_run(t)
    return problems


def _colspan(cell: Element, t: Element, argument: str, tag: str, marks: CellMarks) -> None:
    span = _property(cell, "gridSpan", replace=True)
    marks.attributes[span] = {W_VAL: f"{{{{ {SPAN_FUNCTION}({argument}) }}}}"}
    marks.tags[span] = tag


def _cellbg(cell: Element, t: Element, argument: str, tag: str, marks: CellMarks) -> None:
    first = next(cell.iter(W + "shd"), None)  # docxtpl drops the cell's first shading
    if first is not None:
        first.getparent().remove(first)
    shading = _property(cell, "shd", replace=True)
    shading.set(W_VAL, "clear")
    shading.set(W + "color", "auto")
    marks.attributes[shading] = {W + "fill": f"{{{{ {COLOUR_FUNCTION}({argument}) }}}}"}
    marks.tags[shading] = tag


def _vm(cell: Element, t: Element, argument: str, tag: str, marks: CellMarks) -> None:
    merge = _property(cell, "vMerge", replace=True)
    marks.attributes[merge] = {W_VAL: f"{_FIRST}restart{{% else %}}continue{_END}"}
    marks.tags[merge] = tag
    first = next(cell.iter(W_T), t)  # the cell's first text, that of a nested table too
    marks.text_before[first] = marks.text_before.get(first, "") + _FIRST
    marks.text_after[t] = _END + marks.text_after.get(t, "")


def _hm(cell: Element, t: Element, argument: str, tag: str, marks: CellMarks) -> None:
    properties = _properties(cell)
    span = properties.find(W + "gridSpan")
    if span is None:
        span = _property(cell, "gridSpan")
        marks.attributes[span] = {W_VAL: "{{ loop.length }}"}
        marks.tags[span] = tag
    elif span not in marks.attributes and (span.get(W_VAL) or "").isdigit():
        marks.attributes[span] = {W_VAL: f"{{{{ {span.get(W_VAL)} * loop.length }}}}"}
        marks.tags[span] = tag
    # a span set by `colspan` stays as it is, as in docxtpl
    marks.before[cell] = marks.before.get(cell, "") + _FIRST
    marks.after[cell] = _END + marks.after.get(cell, "")


_PLACERS: Final = {"colspan": _colspan, "cellbg": _cellbg, "vm": _vm, "hm": _hm}
_ARGUMENT: Final = {"colspan": "列数", "cellbg": "颜色"}
_HINT_ARGUMENT: Final = {
    "colspan": "写作 {% colspan 2 %} 或 {% colspan n %}（n 为整数变量）。",
    "cellbg": "写作 {% cellbg 'FF0000' %}（六位十六进制颜色）或 {% cellbg 变量 %}。",
}
_HINT_PLACE: Final = "{% colspan %}、{% cellbg %}、{% vm %}、{% hm %} 只能写在表格单元格的文字里。"


def _properties(cell: Element) -> Element:
    """The cell's `w:tcPr`, created as its first child when missing."""
    properties = cell.find(W_TCPR)
    if properties is None:
        properties = etree.Element(W_TCPR, nsmap=cell.nsmap)
        cell.insert(0, properties)
    return properties


def _property(cell: Element, name: str, *, replace: bool = False) -> Element:
    """A new `w:name` in the cell's properties, in schema order; an old one goes if `replace`."""
    properties = _properties(cell)
    old = properties.find(W + name)
    if old is not None and replace:
        properties.remove(old)
    element = etree.SubElement(properties, W + name)
    rank = _PROPERTY_ORDER.index(name)
    for index, sibling in enumerate(properties):
        local = str(sibling.tag).rpartition("}")[2]
        if local in _PROPERTY_ORDER and _PROPERTY_ORDER.index(local) > rank:
            properties.insert(index, element)  # moves it before the first later property
            break
    return element


def _remove_empty_run(t: Element) -> None:
    """Remove a run left with no text by a removed tag, as docxtpl does."""
    run = t.getparent()
    if run is None or run.tag != W_R:
        return
    if all(child is t or child.tag == W + "rPr" for child in run):
        run.getparent().remove(run)
