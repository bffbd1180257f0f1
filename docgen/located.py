"""Located YAML: read with every key's place, validated into frozen models, every error in Chinese.

Case files and docgen.yaml are both read here, so a mistake in either is reported the same way:
at its line and column, in words a clerk understands, all problems of a file at once.

Why not `yaml.safe_load`:
    It keeps the last of two equal keys without a word, raises a bare `ValueError` (no line) on
    `2020-02-30` or on a 5,000-digit number, and forgets where each value was written, so no
    later message could name a line.
Why pydantic's messages are rewritten:
    pydantic words its errors for programmers ("Input should be a valid tuple"). Every message a
    clerk can meet is in `TYPE_MESSAGES` or comes from `docgen.values`, so the wording stays
    consistent and a new error type shows up in one place.
"""

from __future__ import annotations

import codecs
import difflib
import re
import types
import typing
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Final, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from yaml.constructor import ConstructorError
from yaml.reader import ReaderError

import docgen.values as values
from docgen.errors import CaseError, DocgenError, Location, Problems

KeyPath = tuple[str | int, ...]
"""Where a value sits in the document: `("petitioners", 0, "id_number")`; `()` is the root."""

M = TypeVar("M", bound=BaseModel)
_T = TypeVar("_T")
_R = TypeVar("_R")

# ---------------------------------------------------------------------------------------------
# Reading

SYNTAX_HINT: Final = "每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"

_TAB_MESSAGE: Final = "YAML 格式错误：这里有制表符（Tab），YAML 只能用空格缩进和分隔"
_TAB_HINT: Final = "请把 Tab 换成空格（每一级缩进 2 个空格）。"
_QUOTE_IT: Final = "请给整个值加英文引号。"
_TAG: Final = "以“!”开头的值会被当作类型标记（请删除“!”，或给整个值加引号）"

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
    ("expected a mapping for merging", "“<<”后面只能是锚点引用的若干“字段: 值”（*名称）", None),
    (
        "expected a mapping or list of mappings",
        "“<<”后面只能是锚点引用的若干“字段: 值”（*名称）",
        None,
    ),
    ("found unhashable key", "字段名只能是文字，不能是列表或映射", None),
    ("expected a comment or a line break", "这一行后面多出了内容（如引号之后还有文字）", None),
    ("expected a single document", "一个文件只能有一份内容（发现了第二个“---”）", None),
    ("but found another document", "一个文件只能有一份内容（发现了第二个“---”）", None),
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
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8")) + 1
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


# ---------------------------------------------------------------------------------------------
# Messages


@dataclass(frozen=True)
class Message:
    """One problem as a clerk reads it: what is wrong, and what to do."""

    text: str
    hint: str = ""


_FILL_IN: Final = "这一项必须填写，请补上内容。"
_EMPTY: Final = Message("没有填写内容", "请填写；不需要这一项时，请把这一行删除。")
_EMPTY_REQUIRED: Final = Message("没有填写内容", _FILL_IN)
_MAPPING: Final = Message(
    "这里应是若干“字段: 值”", "在下一行缩进 2 个空格逐项写，或写成 {name: 孙丽, title: 副局长}。"
)
_LIST: Final = Message(
    "这里应是列表", "每项另起一行、缩进后以“- ”开头；或写成 [县自然资源局, 城关镇人民政府]。"
)

TYPE_MESSAGES: Final[Mapping[str, Message]] = {
    "string_type": Message("应填写文字", "数字、日期等要当作文字时，请加英文引号。"),
    "string_too_short": Message("不能为空", "请填写内容；不需要这一项时，请把这一行删除。"),
    "bool_type": Message("只能填写 true 或 false", "true 表示“是”，false 表示“否”，不加引号。"),
    "bool_parsing": Message("只能填写 true 或 false", "true 表示“是”，false 表示“否”，不加引号。"),
    "int_type": Message("应填写整数", "如 7，不加引号和单位。"),
    "int_parsing": Message("应填写整数", "如 7，不加引号和单位。"),
    "int_from_float": Message("应填写整数", "如 7，不带小数。"),
    "greater_than_equal": Message("不能小于 {ge}"),
    "less_than_equal": Message("不能大于 {le}"),
    "tuple_type": _LIST,
    "list_type": _LIST,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "missing": Message("缺少必填字段", "请补上这一项。"),
    "extra_forbidden": Message("不认识的字段", "字段名须与说明文档 docs/case-file.md 一致。"),
}
"""pydantic error type -> message; `{name}` is filled from the error's context."""

QUOTE_REASONS: Final[Mapping[str, str]] = {
    "id_number": "不加引号时，号码会被当成数字。",
    "phone": "不加引号时，电话号码会被当成数字。",
    "time": "不加引号时，YAML 会把 9:30 这样的时间当成数字（570）。",
}
"""Fields that must be written in quotes, and why (docs/case-file.md: General rules)."""


def for_error(
    error: Mapping[str, object],
    label: str | None = None,
    *,
    required: bool = False,
    choices: Mapping[str, str] | None = None,
) -> Message:
    """The message for one pydantic error (`ValidationError.errors()` item) of a field.

    `label` is the Chinese name of the field the error is about, when known; `required` says
    whether the field must be filled in; `choices` gives the Chinese names of choice values.
    """
    kind = str(error["type"])
    raw_context = error.get("ctx")
    context: Mapping[str, object] = raw_context if isinstance(raw_context, Mapping) else {}
    if kind == "missing":
        return missing_field(_last_key(error), label)
    if kind == "literal_error":
        return _not_a_choice(error["input"], str(context.get("expected", "")), choices or {})
    if error.get("input") is None and (kind.endswith("_type") or kind == "string_too_short"):
        return _EMPTY_REQUIRED if required else _EMPTY
    if kind == "string_too_short" and required:
        return Message(TYPE_MESSAGES[kind].text, _FILL_IN)
    if "hint" in context:  # docgen's own rules (docgen.values, case rules) already speak Chinese
        return Message(str(error["msg"]), str(context["hint"]))
    known = TYPE_MESSAGES.get(kind)
    if known is None:
        return Message(f"填写有误（{error['msg']}）", "请对照说明文档 docs/case-file.md 修改。")
    text = known.text.format(**{k: v for k, v in context.items() if isinstance(k, str)})
    return Message(text, known.hint)


def missing_field(name: str, label: str | None) -> Message:
    """A required field is not there."""
    named = f"“{name}”（{label}）" if label else f"“{name}”"
    return Message(f"缺少必填字段{named}", f"请在这一层补上“{name}: ……”。")


def unknown_field(name: str, known: Sequence[str]) -> Message:
    """A key the model does not have: most often a typo, so the closest known key is suggested."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return Message(f"不认识的字段“{name}”（是否要写 {close[0]}？）", "请改正字段名的拼写。")
    listed = "、".join(known)
    return Message(f"不认识的字段“{name}”", f"这里可以填写的字段有：{listed}。")


def unquoted(name: str, source: str, label: str | None) -> Message:
    """A value that must be quoted was written bare (an ID number, a phone number, a time)."""
    what = label or name
    reason = QUOTE_REASONS.get(name, "")
    return Message(f"{what}要加英文引号", f'请写成 {name}: "{source}"。{reason}')


def _not_a_choice(value: object, expected: str, labels: Mapping[str, str]) -> Message:
    choices = re.findall(r"'([^']*)'", expected)
    shown = "、".join(f"{c}（{labels[c]}）" if c in labels else c for c in choices)
    hint = "请从中选一个，原样填写。"
    label_to_value = {zh: en for en, zh in labels.items() if en in choices}
    if isinstance(value, str) and value in label_to_value:
        hint = f"“{value}”请写成 {label_to_value[value]}。"
    return Message(f"“{value}”不是可选的值，只能填写：{shown}", hint)


def _last_key(error: Mapping[str, object]) -> str:
    loc = error.get("loc")
    return str(loc[-1]) if isinstance(loc, tuple) and loc else ""


# ---------------------------------------------------------------------------------------------
# Validating


def validate_model(
    model: type[M],
    data: Mapping[str, object],
    loaded: LocatedYaml,
    error: type[DocgenError],
    choices: Mapping[str, str] | None = None,
) -> tuple[M | None, list[DocgenError]]:
    """Validate `data` as `model`; return it (None if invalid) and every problem, located.

    `choices` names the choice values in Chinese (`reasonable` → 合理) for the messages.

    Why the quoting check comes first:
        An unquoted `13803710001` reaches pydantic as an int and would be reported as
        "应填写文字"; the clerk needs "加引号" instead, so pydantic's error there is dropped.
    """
    problems: list[DocgenError] = []
    reported: set[KeyPath] = set()
    for path, source in loaded.plain_scalars.items():
        if path and path[-1] in QUOTE_REASONS and _is_field(model, path):
            message = unquoted(str(path[-1]), source, _label(model, path))
            problems.append(located_error(error, message, path, loaded.locations))
            reported.add(path)
    try:
        result = model.model_validate(data)
    except ValidationError as invalid:
        for detail in invalid.errors():
            path = tuple(detail["loc"])
            if path in reported:
                continue
            if detail["type"] == "extra_forbidden":
                message = unknown_field(str(path[-1]), _known_fields(model, path[:-1]))
            else:
                required = _is_required(model, path)
                label = _label(model, path)
                message = for_error(detail, label, required=required, choices=choices)
            problems.append(located_error(error, message, path, loaded.locations))
        return None, problems
    return (None, problems) if problems else (result, [])


def located_error(
    error: type[DocgenError],
    message: Message,
    path: KeyPath,
    where: Mapping[KeyPath, Location],
) -> DocgenError:
    """`message` about the field at `path`, located at it or else at the nearest mapping above.

    Why the nearest one above: a missing key has no place of its own; its parent mapping is
    where the clerk adds it.
    """
    known = path
    while known and known not in where:
        known = known[:-1]
    base = where.get(known, Location(Path()))
    return error(message.text, replace(base, field=field_path(path) or None), message.hint)


def by_position(problem: DocgenError) -> tuple[int, int]:
    """Sort key: problems in the order of their lines in the file."""
    where = problem.location
    return (where.line or 0, where.column or 0) if where else (0, 0)


def _field_type(model: type[BaseModel], path: KeyPath) -> object | None:
    """The declared type at `path` inside `model` (None when the path leaves the schema)."""
    current: object = model
    for part in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if isinstance(part, int) and origin in (tuple, list) and args:
            current = args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif isinstance(part, str) and origin in (dict, Mapping) and len(args) == 2:
            current = args[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: object) -> object:
    """`X` from `Annotated[X, ...]` and from `X | None`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def _parent_model(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    parent = _field_type(model, path[:-1])
    return parent if isinstance(parent, type) and issubclass(parent, BaseModel) else None


def _is_field(model: type[BaseModel], path: KeyPath) -> bool:
    parent = _parent_model(model, path)
    return parent is not None and str(path[-1]) in parent.model_fields


def _is_required(model: type[BaseModel], path: KeyPath) -> bool:
    """Whether the field at `path` must be filled in (a list item never is: it can go)."""
    parent = _parent_model(model, path) if path and isinstance(path[-1], str) else None
    field = parent.model_fields.get(str(path[-1])) if parent is not None else None
    return field is not None and field.is_required()


def _label(model: type[BaseModel], path: KeyPath) -> str | None:
    """The Chinese name (`description`) of the field at `path`, if it is a model field."""
    parent = _parent_model(model, path) if path else None
    field = parent.model_fields.get(str(path[-1])) if parent is not None else None
    return field.description if field is not None else None


def _known_fields(model: type[BaseModel], path: KeyPath) -> Sequence[str]:
    found = _field_type(model, path)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return list(found.model_fields)
    return []


# ---------------------------------------------------------------------------------------------
# The field types both files share


class StrictModel(BaseModel):
    """Base of every record: an unknown key is an error; a validated record never changes.

    Parsing is lax on purpose (dates arrive as text); the field types decide what is taken.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)


def rule(check: Callable[[_T], _R]) -> Callable[[_T], _R]:
    """`check` as a pydantic validator: its `ValueProblem` becomes an error of its own type."""

    def validate(value: _T) -> _R:
        try:
            return check(value)
        except values.ValueProblem as problem:
            context = {"hint": problem.hint}
            raise PydanticCustomError(problem.code, problem.message, context) from None

    return validate


def _to_date(value: object) -> object:
    """A date from its text as written (the loader keeps dates as text); a date passes."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return rule(values.check_date_range)(value)
    if isinstance(value, str):
        return rule(values.parse_date)(value)
    raise PydanticCustomError("date_type", "应填写日期", {"hint": values.DATE_HINT})


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text that must be filled in; surrounding spaces and line breaks are dropped."""
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
Date = Annotated[date, BeforeValidator(_to_date)]
"""A date written `2020-06-12` (or `2020-6-12`), in the years 1900–2100."""
Phone = Annotated[str, AfterValidator(rule(values.check_phone))]
"""A mobile or landline number, written in quotes."""
