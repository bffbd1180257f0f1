"""Write a part's element tree out as Jinja source: structural tags placed, one line a paragraph.

The tree is serialized here, element by element, instead of by lxml, so that the text of each
tag goes into the source as Jinja while all other text and attributes are escaped as XML (with
`{` written `&#123;` where Jinja would read a delimiter). A newline before every `w:p` makes
Jinja's line number the paragraph number plus one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from docgen.engine import cells, statements, whitespace
from docgen.engine.cells import CellMarks
from docgen.engine.environment import (
    LINES_FUNCTION,
    RICH_FUNCTION,
    RICH_TEXT_TEST,
    WORD_XML_TEST,
)
from docgen.engine.package import RESAVE_HINT
from docgen.engine.runs import TAG, W_NS, W_P, W_R, W_T, Element, W, merge_split_tags
from docgen.engine.whitespace import KEPT_LINE
from docgen.engine.xmlnames import Namespaces, declaring, qualified

DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

STRUCTURAL: Final = re.compile(r"^\{([{%#])(p|tr|tc|r)\s(.*)[}%#]\}$", re.DOTALL)
"""docxtpl's `{%p …%}`, `{{r …}}`, `{#tr …#}`: a tag standing for its paragraph, row, cell, run."""

_TARGETS: Final = {"p": W_P, "tr": W + "tr", "tc": W + "tc", "r": W_R}
_TARGET_WORDS: Final = {"p": "段落", "tr": "表格行", "tc": "表格单元格", "r": "文字块（run）"}
_W_TC: Final = W + "tc"
_VALUE: Final = "_docgen_value"
_LINE: Final = "_docgen_line"
_UNCLOSED: Final = "请补全标签的结束符号 }}、%} 或 #}；一个标签不能跨段落。"
_DELIMITER: Final = re.compile(r"\{(?=[{%#])")
_TAG_SPACES: Final = str.maketrans(  # what Word's autocorrect and Chinese input put in tags
    {
        **{"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"},
        **{"\u00a0": " ", "\u3000": " ", "\n": " ", "\r": " ", "\t": " "},
    }
)
_TEXT_ESCAPES: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "\n": "&#10;"}
)
_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;"}
    | {"\t": "&#9;"}
)
_DOCXTPL_ESCAPES: Final = (("{_{", "&#123;{"), ("}_}", "}}"), ("{_%", "&#123;%"), ("%_}", "%}"))


@dataclass(frozen=True)
class Site:
    """A tag as it stands in the source: its text, its line, and where in the tree it sits.

    `path` lists (serial number, element name) from the root down to the element whose content
    the tag is part of; two tags with equal element names below their common ancestor can open
    and close one Jinja block without breaking the XML.
    """

    text: str
    line: int
    path: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Problem:
    """A tag that cannot be compiled, at its source line."""

    line: int
    tag: str
    message: str
    hint: str


@dataclass(frozen=True)
class PartSource:
    """The Jinja source of one part, its tags in source order, and what is wrong with it."""

    source: str
    sites: tuple[Site, ...]
    problems: tuple[Problem, ...]
    templated: bool  # False: no tag and no docxtpl escape, the part can be copied as it is


@dataclass(frozen=True)
class _Replacement:
    """A structural tag and the Jinja that takes the place of its paragraph, row, cell or run."""

    tag: str
    jinja: str
    paragraph: Element


def prepare_word(root: Element) -> PartSource:
    """Jinja source of a WordprocessingML part; tags in `w:t` text, split runs merged first."""
    merge_split_tags(root)
    numbers = {p: n for n, p in enumerate(root.iter(W_P), start=1)}
    replacements: dict[Element, list[_Replacement]] = {}
    problems: list[Problem] = []
    if root.nsmap.get("w") != W_NS:  # values write `<w:br/>`; every Word and WPS file has it
        problems.append(Problem(1, "", "模板部件没有使用标准的 w: 命名空间前缀", RESAVE_HINT))
    marks = CellMarks()
    placed = cells.place_properties(root, marks)  # docxtpl's order: cells, joins, rows, merges
    for paragraph, tag, join in whitespace.join_controlled_text(root):
        problems.append(Problem(numbers.get(paragraph, 0) + 1, tag, join.message, join.hint))
    for t in root.iter(W_T):
        for match in TAG.finditer(t.text or ""):
            structural = STRUCTURAL.match(match.group())
            if structural is None:
                continue
            paragraph = _ancestor(t, W_P)
            line = numbers.get(paragraph, 0) + 1
            kind = structural.group(2)
            target = _ancestor(t, _TARGETS[kind])
            if target is None:
                problems.append(_misplaced(line, match.group(), kind))
                continue
            jinja = _structural_jinja(structural, target, t.getparent())
            if jinja is None:
                problems.append(_unsupported(line, match.group()))
                continue
            replacements.setdefault(target, []).append(
                _Replacement(match.group(), jinja, paragraph)
            )
    for target in [t for t in replacements if _inside_any(t, replacements)]:
        del replacements[target]  # the enclosing row or paragraph goes, and these tags with it
    placed += cells.place_merges(root, marks)
    for cell in placed:
        line = numbers.get(_ancestor(cell.text, W_P), 0) + 1
        problems.append(Problem(line, cell.tag, cell.message, cell.hint))
    writer = _Writer(replacements, template_tag=W_T, marks=marks)
    writer.write(root, {})
    problems += writer.problems
    problems.sort(key=lambda problem: problem.line)
    templated = bool(writer.sites or writer.escaped or problems or replacements or marks.tags)
    return PartSource(writer.source(), tuple(writer.sites), tuple(problems), templated)


def prepare_text(root: Element) -> PartSource:
    """Jinja source of a plain XML part (core properties): tags in the text of any element."""
    writer = _Writer({}, template_tag=None)
    writer.write(root, {})
    templated = bool(writer.sites or writer.escaped or writer.problems)
    return PartSource(writer.source(), tuple(writer.sites), tuple(writer.problems), templated)


class _Writer:
    """Serializes elements into Jinja source, counting lines and recording tag sites."""

    def __init__(
        self,
        replacements: dict[Element, list[_Replacement]],
        template_tag: str | None,
        omit: str = "",
        marks: CellMarks | None = None,
    ):
        self.replacements = replacements
        self.marks = marks or CellMarks()
        self.early: set[Element] = set()  # paragraphs whose line began before their cell
        self.template_tag = template_tag  # None: the text of every element is template text
        self.out: list[str] = [DECLARATION]
        self.line = 1
        self.sites: list[Site] = []
        self.stack: list[tuple[int, str]] = []
        self.serial = 0
        self.escaped = False  # a docxtpl escape such as `{_{` was written as a brace
        self.omit = omit  # the name of elements left out, with their content
        self.problems: list[Problem] = []
        self.declaring: set[Element] = set()  # elements that declare namespaces themselves
        self.names: dict[tuple[str, str | None], str] = {}
        self.values: dict[str, str] = {}

    def source(self) -> str:
        return "".join(self.out)

    def write(self, root: Element, outer: dict[str | None, str]) -> None:
        """Write `root` and its descendants; `outer`: the namespaces declared around `root`."""
        self.declaring = declaring(root) | {root}  # the root declares all it has in scope
        self.element(root, Namespaces(outer))

    def element(self, element: Element, scope: Namespaces) -> None:
        """Write `element` and its descendants (not its tail)."""
        tag = element.tag
        if not isinstance(tag, str):
            return  # comments and processing instructions carry nothing a document needs
        if tag == self.omit:
            return
        if element in self.replacements:
            self._replace(element)
            return
        marks = self.marks
        out = self.out
        if element in marks.before:
            out.append(marks.before[element])
        if tag == W_P and element not in self.early:
            out.append("\n")
            self.line += 1
        elif tag == _W_TC and marks.attributes:
            self._early_line(element)
        name = self._name(tag, element.prefix)
        out.append("<" + name)
        if element in self.declaring:
            nsmap = element.nsmap
            for prefix, uri in nsmap.items():
                if scope.nsmap.get(prefix) != uri:
                    declared = f"xmlns:{prefix}" if prefix else "xmlns"
                    out.append(f' {declared}="{_attribute(uri)}"')
            scope = Namespaces(nsmap)
        jinja = marks.attributes.get(element)
        for key, value in element.items():
            if jinja is None or key not in jinja:
                out.append(f' {scope.attribute_name(key)}="{self._value(value)}"')
        if jinja:
            for key, value in jinja.items():
                out.append(f' {scope.attribute_name(key)}="{value}"')
        if element in marks.tags:
            self.sites.append(Site(marks.tags[element], self.line, tuple(self.stack)))
        self.serial += 1
        self.stack.append((self.serial, tag))
        text = element.text
        wrapped = element in marks.text_before or element in marks.text_after
        if text is None and len(element) == 0 and not wrapped:
            out.append("/>")
        else:
            out.append(">")
            if wrapped:
                out.append(marks.text_before.get(element, ""))
            if text:
                self._text(element)
            if wrapped:
                out.append(marks.text_after.get(element, ""))
            for child in element:
                self.element(child, scope)
                tail = child.tail
                if tail:
                    out.append(_plain(tail))
            out.append(f"</{name}>")
        self.stack.pop()
        if element in marks.after:
            out.append(marks.after[element])

    def _name(self, tag: str, prefix: str | None) -> str:
        """The qualified name of an element (`w:p`), worked out once per writer."""
        name = self.names.get((tag, prefix))
        if name is None:
            name = self.names[tag, prefix] = qualified(tag, prefix)
        return name

    def _value(self, value: str) -> str:
        """An attribute value escaped, worked out once per writer: values repeat (styles,
        fonts, sizes)."""
        escaped = self.values.get(value)
        if escaped is None:
            escaped = self.values[value] = _attribute(value)
        return escaped

    def _early_line(self, cell: Element) -> None:
        """Begin the line of the cell's first paragraph before the cell, when the cell's
        properties hold a tag's Jinja, so that its errors name that paragraph."""
        properties = cell.find(_W_TC + "Pr")
        if properties is None or not any(e in self.marks.attributes for e in properties):
            return
        first = next(cell.iter(W_P), None)
        if first is not None:
            self.out.append("\n")
            self.line += 1
            self.early.add(first)

    def _text(self, element: Element) -> None:
        text = element.text
        if self.template_tag is not None and element.tag != self.template_tag:
            self.out.append(_plain(text))
            return
        if "{" not in text and "}" not in text and KEPT_LINE not in text:
            self.out.append(text.translate(_TEXT_ESCAPES))  # no tag, no escape: plain words
            return
        start = 0
        self.escaped = self.escaped or any(written in text for written, _ in _DOCXTPL_ESCAPES)
        for match in TAG.finditer(text):
            self._literal(text[start : match.start()])
            tag = match.group()
            start = match.end()
            if STRUCTURAL.match(tag):
                continue  # misplaced, reported by prepare_word
            self._tag(tag, jinja_text(tag))
        self._literal(text[start:])

    def _tag(self, tag: str, jinja: str) -> None:
        """Write a tag's Jinja; an unknown statement is reported and written as a comment.

        Why:
            Jinja stops at the first unknown tag; left out, the part still compiles, so the
            other unknown tags and every other problem of the part are found too.
        """
        unknown = statements.unknown_statement(tag)
        if unknown is not None:
            self.problems.append(Problem(self.line, tag, *unknown))
            return
        self.out.append(jinja)
        self.sites.append(Site(tag, self.line, tuple(self.stack)))

    def _literal(self, text: str) -> None:
        """Template text between tags; an opening delimiter here is a tag left unclosed."""
        if KEPT_LINE in text:
            for index, piece in enumerate(text.split(KEPT_LINE)):
                if index:
                    self.out.append("{#\n#}")  # a paragraph joined away: its line stays
                    self.line += 1
                self._literal(piece)
            return
        if unclosed := _DELIMITER.search(text):
            excerpt = text[unclosed.start() :][:24]
            self.problems.append(Problem(self.line, excerpt, f"标签没有结束：{excerpt}", _UNCLOSED))
            self.out.append(_plain(text))  # so that Jinja can still find the other problems
            return
        self.out.append(_literal(text))

    def _replace(self, element: Element) -> None:
        """Write the Jinja of the structural tags in `element` instead of the element."""
        pending = list(self.replacements[element])
        paragraphs = list(element.iter(W_P))  # includes `element` itself when it is a w:p
        for paragraph in paragraphs:
            self.out.append("\n")
            self.line += 1
            for replacement in [r for r in pending if r.paragraph is paragraph]:
                self._emit(replacement)
                pending.remove(replacement)
        for replacement in pending:
            self._emit(replacement)
        kept = sum((t.text or "").count(KEPT_LINE) for t in element.iter(W_T))
        if kept:  # paragraphs joined into this one: their lines stay counted
            self.out.append("{#" + "\n" * kept + "#}")
            self.line += kept
        if element.tail:
            self.out.append(_plain(element.tail))

    def _emit(self, replacement: _Replacement) -> None:
        if replacement.jinja:
            self._tag(replacement.tag, replacement.jinja)


def _fragment(element: Element | None, parent: Element, omit: str = "") -> str:
    """`element` (a w:pPr or w:rPr of `parent`) as XML, without its `omit` children."""
    if element is None:
        return ""
    writer = _Writer({}, template_tag=W_T, omit=omit)
    writer.write(element, parent.nsmap)
    return "".join(writer.out[1:])


def jinja_text(tag: str) -> str:
    """A tag as Jinja reads it: Word's curly quotes straight, full-width spaces plain."""
    return tag.translate(_TAG_SPACES)


def _structural_jinja(match: re.Match[str], target: Element, run: Element) -> str | None:
    """The Jinja written in place of a structural tag's element; None when not supported.

    `{{r x }}` becomes a run with the tag run's `w:rPr`; `{{p x }}` one paragraph a line of
    `x`, each with the paragraph's `w:pPr` and the run's `w:rPr`; a `WordXml` value is
    written instead, as it is.
    """
    delimiter, kind, inner = match.group(1), match.group(2), match.group(3).translate(_TAG_SPACES)
    if delimiter == "#":
        return ""
    if delimiter == "%":
        return "{% " + inner + "%}"
    if kind not in ("p", "r"):
        return None
    rpr = _fragment(run.find(W + "rPr"), run)
    rich = f"{{{{ {RICH_FUNCTION}({_VALUE}, {rpr!r}) }}}}"
    if kind == "r":
        fallback = _run(rpr, _VALUE)
    else:
        ppr = _fragment(target.find(W + "pPr"), target)
        rich = f"<w:p>{ppr}{rich}</w:p>"
        fallback = (
            f"{{% for {_LINE} in {LINES_FUNCTION}({_VALUE}) %}}"
            f"<w:p>{_paragraph_properties(target)}{_run(rpr, _LINE)}</w:p>{{% endfor %}}"
        )
    return (
        f"{{% with {_VALUE} = ({inner.strip()}) %}}{{% if {_VALUE} is {WORD_XML_TEST} %}}"
        f"{{{{ {_VALUE} }}}}{{% elif {_VALUE} is {RICH_TEXT_TEST} %}}{rich}"
        f"{{% else %}}{fallback}{{% endif %}}{{% endwith %}}"
    )


def _run(rpr: str, name: str) -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{{{{ {name} }}}}</w:t></w:r>'


def _paragraph_properties(paragraph: Element) -> str:
    """The `w:pPr` of a paragraph a `{{p }}` tag repeats; a section break only after the last.

    Why:
        A `w:sectPr` in a paragraph's properties ends a section there; copied to every line,
        it would make each line a section of its own.
    """
    ppr = paragraph.find(W + "pPr")
    full = _fragment(ppr, paragraph)
    if ppr is None or ppr.find(W + "sectPr") is None:
        return full
    inner = _fragment(ppr, paragraph, omit=W + "sectPr")
    return f"{{% if loop.last %}}{full}{{% else %}}{inner}{{% endif %}}"


def _misplaced(line: int, tag: str, kind: str) -> Problem:
    return Problem(
        line,
        tag,
        f"标签 {tag} 不在{_TARGET_WORDS[kind]}中",
        f"{{%{kind} %}} 只能写在{_TARGET_WORDS[kind]}里；整段的条件和循环请用 {{%p %}}。",
    )


def _unsupported(line: int, tag: str) -> Problem:
    kind = tag[2:4].strip()
    return Problem(
        line,
        tag,
        f"docxtpl 的 {{{{{kind} … }}}} 标签 docgen 暂不支持，"
        f"可改写为 {{%{kind} %}} 块中的 {{{{p … }}}}（{tag}）",
        "输出整段或整个文字块请用 {{p … }} 或 {{r … }}；表格行和单元格只能用 {%tr %}、{%tc %}。",
    )


def _ancestor(element: Element, tag: str) -> Element | None:
    for ancestor in element.iterancestors(tag):
        return ancestor
    return None


def _inside_any(element: Element, others: dict[Element, list[_Replacement]]) -> bool:
    return any(ancestor in others for ancestor in element.iterancestors())


def _plain(text: str) -> str:
    """Text that is not template text: escaped for XML, and never read as a Jinja delimiter."""
    return _DELIMITER.sub("&#123;", text.translate(_TEXT_ESCAPES))


def _attribute(value: str) -> str:
    return _DELIMITER.sub("&#123;", value.translate(_ATTRIBUTE_ESCAPES))


def _literal(text: str) -> str:
    """Template text between tags, escaped for XML; docxtpl's `{_{ }_} {_% %_}` print braces."""
    text = text.translate(_TEXT_ESCAPES)
    for written, meant in _DOCXTPL_ESCAPES:
        text = text.replace(written, meant)
    return text
