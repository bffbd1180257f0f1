"""The located YAML reader: plain data, with where every key was written and every error placed.

Why not `yaml.safe_load`:
    It keeps the last of two equal keys without a word, raises a bare `ValueError` (no line) on
    `2020-02-30` or on a 5,000-digit number, and forgets where each value was written, so no
    later message could name a line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.constructor import ConstructorError
from yaml.reader import ReaderError

from docgen.errors import CaseError, DocgenError, Location, Problems

KeyPath = tuple[str | int, ...]
"""Where a value sits in the document: `("petitioners", 0, "id_number")`; `()` is the root."""

SYNTAX_HINT: Final = "每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"

_TAB_MESSAGE: Final = "YAML 格式错误：这里有制表符（Tab），YAML 只能用空格缩进和分隔"
_TAB_HINT: Final = "请把 Tab 换成空格（每一级缩进 2 个空格）。"
_QUOTE_IT: Final = "请给整个值加英文引号。"
_TAG: Final = "以“!”开头的值会被当作类型标记（请删除“!”，或给整个值加引号）"
_MERGE_ANCHORS_ONLY: Final = "“<<”后面只能是锚点引用的若干“字段: 值”（*名称）"
_ONE_DOCUMENT: Final = "一个文件只能有一份内容（发现了第二个“---”）"

# PyYAML's problem texts (prefixes) in plain Chinese, each with its own hint or None for the
# general one; a problem not listed keeps PyYAML's words in parentheses after a Chinese sentence.
_SYNTAX_PROBLEMS: Final[tuple[tuple[str, str, str | None], ...]] = (
    (
        "mapping values are not allowed here",
        "这里不能出现“: ”（值里有冒号时，请给整个值加引号）",
        None,
    ),
    ("could not find expected ':'", "缺少“: ”（应写成“字段: 值”，冒号后空一格）", None),
    ("expected <block end>", "缩进没有对齐（同一层的字段应左对齐）", None),
    ("expected ',' or ']'", "方括号 [ ] 里的各项应以英文逗号分隔，并以 ] 结束", None),
    ("expected ',' or '}'", "花括号 { } 里的各项应以英文逗号分隔，并以 } 结束", None),
    ("invalid indentation or unclosed", "缩进不对，或 [ { 括号没有闭合", None),
    ("sequence entries are not allowed here", "这里不能出现列表项“- ”（请检查缩进）", None),
    ("mapping keys are not allowed here", "这里不能出现字段（请检查缩进）", None),
    (
        "found unknown escape character",
        "双引号里的反斜杠“\\”后面是不认识的字符（可改用单引号）",
        None,
    ),
    ("expected escape sequence", "双引号里的“\\x”“\\u”后面应是十六进制数字（可改用单引号）", None),
    ("found undefined alias", "引用了没有定义的锚点（*名称）", _QUOTE_IT),
    ("found duplicate anchor", "同一个锚点名称（&名称）定义了两次", "请改用不同的名称。"),
    ("found unconstructable recursive node", "引用（*名称）指向了它自己所在的内容", None),
    ("expected alphabetic or numeric character", "“&”或“*”后面应紧跟锚点名称", _QUOTE_IT),
    (
        "expected chomping or indentation indicators",
        "“|”或“>”后面只能写 +、- 或一位数字",
        _QUOTE_IT,
    ),
    ("expected indentation indicator", "“|”或“>”后面的缩进数字只能是 1–9", _QUOTE_IT),
    ("found undefined tag handle", _TAG, _QUOTE_IT),
    ("found non-specific tag", _TAG, _QUOTE_IT),
    ("expected '!'", _TAG, _QUOTE_IT),
    ("expected ' '", _TAG, _QUOTE_IT),
    ("expected URI", _TAG, _QUOTE_IT),
    ("expected non-empty name appended to the tag", _TAG, _QUOTE_IT),
    (
        "could not determine a constructor",
        "不支持以“!”开头的类型标记（请删除，或给整个值加引号）",
        None,
    ),
    ("expected a mapping for merging", _MERGE_ANCHORS_ONLY, None),
    ("expected a mapping or list of mappings", _MERGE_ANCHORS_ONLY, None),
    ("found unhashable key", "字段名只能是文字，不能是列表或映射", None),
    ("expected a comment or a line break", "这一行后面多出了内容（如引号之后还有文字）", None),
    ("expected a single document", _ONE_DOCUMENT, None),
    ("but found another document", _ONE_DOCUMENT, None),
    (
        "found unexpected document separator",
        "引号里有单独成行的“---”或“...”（引号没有配对？）",
        None,
    ),
    (
        "expected '<document start>'",
        "“...”或以“%”开头的行之后不能再写内容",
        "请删除这一行之前的“...”或“%”行。",
    ),
    ("expected the node content", "这里缺少内容", None),
    ("found character", "这个字符不能出现在值的开头（请给整个值加引号）", None),
    ("Exceeds the limit", "数字的位数太多", "这一项如果不是数字，请给整个值加引号。"),
)
_FULL_WIDTH_COLON: Final = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*\s*：")
_NO_SPACE_COLON: Final = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:[^\s]")
_NULL: Final = "tag:yaml.org,2002:null"
_UNCLOSED_QUOTE: Final = "引号没有配对（缺少结尾的引号）"
_UNEXPECTED_END: Final = "文件意外结束（引号或括号没有配对？）"


@dataclass(frozen=True)
class LocatedYaml:
    """A YAML document as plain data, with where each key was written.

    `data` is None for an empty file (nothing but comments or blanks). Mapping keys are the text
    as written, so `yes:` stays "yes". Dates are text (`"2020-02-30"` is the model's to judge).
    """

    data: object
    locations: Mapping[KeyPath, Location]  # key path -> the key (an item: the item), with field
    plain_scalars: Mapping[KeyPath, str]  # value written without quotes (not empty) -> source
    problems: tuple[DocgenError, ...]  # duplicate keys: reported, yet reading went on


def field_path(path: KeyPath) -> str:
    """The path as clerks read it: `petitioners[0].id_number`; "" for the root."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def load_located(data: bytes, file: Path, error: type[DocgenError] = CaseError) -> LocatedYaml:
    """Parse `data` (the bytes of `file`) with every key located; errors are of type `error`.

    Raises:
        Problems: the file is not UTF-8 or not valid YAML (one located problem, of type `error`).
    """
    text = _decode(data, file, error)
    try:
        loader = _Loader(text)  # the reader checks every character here
    except ReaderError as err:
        line, column = _line_column(text, err.position)
        message = f"文件中有不可见的特殊字符（#x{err.character:04X}）"
        hint = "请删除该字符；它常随网页或聊天软件里复制的文字带进来。"
        raise Problems([error(message, Location(file, line, column), hint)]) from None
    try:
        node = loader.get_single_node()
        value = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        raise Problems([_syntax_error(err, text, file, error)]) from None
    except RecursionError:
        raise Problems([_too_deep(file, error)]) from None
    except Exception as err:  # PyYAML raised without a place (int(), base64, ...): review A5
        described, own_hint = _described(str(err), unknown="文件无法读取")
        where = Location(file, 1, 1)
        raise Problems([error(described, where, own_hint or SYNTAX_HINT)]) from None
    finally:
        loader.dispose()
    if node is None:
        return LocatedYaml(None, {(): Location(file, 1, 1)}, {}, ())
    walker = _Walker(file, error)
    try:
        walker.walk(node, ())
    except RecursionError:
        raise Problems([_too_deep(file, error)]) from None
    return LocatedYaml(value, walker.locations, walker.plain_scalars, tuple(walker.problems))


def root_mapping(
    loaded: LocatedYaml, file: Path, error: type[DocgenError]
) -> dict[str, object] | None:
    """The top-level mapping of the document, or None for an empty file.

    Raises:
        Problems: the top level is a list or a single value.
    """
    if loaded.data is None or isinstance(loaded.data, dict):
        return loaded.data
    what = "列表" if isinstance(loaded.data, list) else "一段文字"
    raise Problems(
        [
            error(
                f"文件最外层应是若干“字段: 值”，这里却是{what}",
                loaded.locations.get((), Location(file, 1, 1)),
                "最外层每一项从第一列写起，不要以“- ”开头；可参照示例文件。",
            )
        ]
    )


class _Loader(yaml.SafeLoader):
    """Safe loading; dates stay text, mapping keys are the text written, every error has a place."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's construction, with a bare error (a 5,000-digit int) placed at its node."""
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, TypeError, OverflowError) as err:
            raise ConstructorError(None, None, str(err), node.start_mark) from err

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        self.flatten_mapping(node)  # `<<: *anchor` merges
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConstructorError(None, None, "found unhashable key", key_node.start_mark)
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    assert isinstance(node, yaml.ScalarNode)
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class _Walker:
    """Collects the location of every key and the source text of every unquoted value."""

    def __init__(self, file: Path, error: type[DocgenError]) -> None:
        self.file = file
        self.error = error
        self.locations: dict[KeyPath, Location] = {}
        self.plain_scalars: dict[KeyPath, str] = {}
        self.problems: list[DocgenError] = []
        self._open: set[int] = set()  # nodes being walked: an alias loop is walked once

    def walk(self, node: yaml.Node, path: KeyPath, at: yaml.Node | None = None) -> None:
        self.locations[path] = _at(self.file, (at or node).start_mark, field_path(path) or None)
        if id(node) in self._open:
            return
        self._open.add(id(node))
        if isinstance(node, yaml.MappingNode):
            self._walk_mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index))
        elif isinstance(node, yaml.ScalarNode) and node.style is None and node.tag != _NULL:
            self.plain_scalars[path] = node.value
        self._open.discard(id(node))

    def _walk_mapping(self, node: yaml.MappingNode, path: KeyPath) -> None:
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue  # a bad key is the loader's to report; merged keys stay unlocated
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in first_line:
                self.problems.append(
                    self.error(
                        f"字段“{key}”重复出现（第一次在第 {first_line[key]} 行）",
                        _at(self.file, key_node.start_mark, field_path((*path, key))),
                        "同一层里每个字段只能写一次，请删除或合并多余的一项。",
                    )
                )
            else:
                first_line[key] = line
            self.walk(value_node, (*path, key), at=key_node)


def _at(file: Path, mark: yaml.Mark, field: str | None = None) -> Location:
    return Location(file, mark.line + 1, mark.column + 1, field)


def _decode(data: bytes, file: Path, error: type[DocgenError]) -> str:
    """The text of `data`, which must be UTF-8 (a byte-order mark is allowed and dropped)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8")  # everything before the first bad byte
        line, column = _line_column(before, len(before))
        save_as = "请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8。"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            message, hint = "文件是 UTF-16（Unicode）编码，不是 UTF-8 编码", save_as
        else:
            message = f"文件不是 UTF-8 编码（这里有无法识别的字节 0x{data[err.start]:02X}）"
            hint = f"多半是按 GBK/ANSI 保存的。{save_as}"
        raise Problems([error(message, Location(file, line, column), hint)]) from None


def _syntax_error(
    err: yaml.MarkedYAMLError, text: str, file: Path, error: type[DocgenError]
) -> DocgenError:
    """A PyYAML error as a located problem in Chinese, at the place PyYAML stopped."""
    problem = err.problem or ""
    mark = err.problem_mark or err.context_mark
    where = _at(file, mark) if mark is not None else Location(file)
    if "'\\t'" in problem:
        return error(_TAB_MESSAGE, where, _TAB_HINT)
    own_hint: str | None = None
    if problem.startswith("found unexpected end of stream") and "quoted" in (err.context or ""):
        mark = err.context_mark or mark  # where the quote was opened, not the end of the file
        where = _at(file, mark) if mark is not None else where
        described = f"YAML 格式错误：{_UNCLOSED_QUOTE}"
    elif problem.startswith("found unexpected end of stream"):
        described = f"YAML 格式错误：{_UNEXPECTED_END}"
    else:
        # A duplicate anchor's problem is only "second occurrence"; its context says what.
        words = problem if problem != "second occurrence" else (err.context or problem)
        described, own_hint = _described(words)
    hint = own_hint or _colon_hint(text, mark.line if mark is not None else 0) or SYNTAX_HINT
    return error(described, where, hint)


def _described(problem: str, unknown: str = "这里的写法无法识别") -> tuple[str, str | None]:
    """A PyYAML problem in Chinese, and its own hint if it has one.

    A problem not in the table is `unknown`, followed by PyYAML's words in parentheses.
    """
    for english, chinese, hint in _SYNTAX_PROBLEMS:
        if problem.startswith(english):
            return f"YAML 格式错误：{chinese}", hint
    detail = f"（{problem}）" if problem else ""
    return f"YAML 格式错误：{unknown}{detail}", None


def _too_deep(file: Path, error: type[DocgenError]) -> DocgenError:
    return error(
        "YAML 格式错误：括号或缩进嵌套的层次太多",
        Location(file, 1, 1),
        "请检查是否多写了 [ 或 {，或缩进是否一层比一层多。",
    )


def _colon_hint(text: str, error_line: int) -> str | None:
    """A hint naming a `key：value` or `key:value` line at or just above the error (0-based)."""
    lines = text.splitlines()
    for number in range(min(error_line, len(lines) - 1), max(error_line - 3, -1), -1):
        line = lines[number]
        if _FULL_WIDTH_COLON.match(line):
            return f"第 {number + 1} 行字段名后用了中文冒号“：”，应改为英文冒号“:”并空一格。"
        if _NO_SPACE_COLON.match(line):
            return f"第 {number + 1} 行字段名的冒号后面要空一格。"
    return None


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of the character at `position`."""
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1
