"""The located YAML reader: plain data, with where every key was written and every error placed.

Why not `yaml.safe_load`:
    It keeps the last of two equal keys without a word, raises a bare `ValueError` (no line) on
    `2020-02-30` or on a 5,000-digit number, and forgets where each value was written, so no
    later message could name a line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from docgen.errors import CaseError, DocgenError, Location, Problems
from docgen.located import composer, quick, tree
from docgen.located.syntax import SYNTAX_HINT as SYNTAX_HINT
from docgen.located.syntax import syntax_error
from docgen.located.tree import KeyPath as KeyPath
from docgen.located.tree import field_path as field_path
from docgen.values import has_full_width_digits

MAX_FILE_BYTES: Final = 5 * 1024 * 1024
"""A case file is a few kilobytes; one over 5 MB is refused before it is read."""

_NULL: Final = "tag:yaml.org,2002:null"
_INVISIBLE: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters neither parser reads (PyYAML's set without U+FEFF, which libyaml also refuses)."""
_LEADS: Final = {*range(0x20), 0x7F, 0xC2, 0xED} - {0x09, 0x0A, 0x0D}
"""The bytes that begin, in UTF-8, the characters below U+FEFF that `_INVISIBLE` finds: C0
controls and DEL, C1 controls (`C2 80`–`C2 9F`), surrogates (`ED A0`–`ED BF`); the others
are U+FEFF, U+FFFE and U+FFFF."""
_OTHER_BYTES: Final = bytes(byte for byte in range(256) if byte not in _LEADS)


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
    full_width_digits: bool = False  # the text holds ０–９ somewhere (most files do not)


def load_located(data: bytes, file: Path, error: type[DocgenError] = CaseError) -> LocatedYaml:
    """Parse `data` (the bytes of `file`) with every key located; errors are of type `error`.

    Raises:
        Problems: the file is too large, not UTF-8 or not valid YAML (one located problem, of
            type `error`).
    """
    if len(data) > MAX_FILE_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f} MB"
        hint = "案件文件通常只有几 KB；请检查是否选错了文件，或把内容拆成多个案件文件。"
        raise Problems([error(f"文件太大（{size}），超过 5 MB 的上限", Location(file), hint)])
    text = _decode(data, file, error)
    _check_characters(text, data, file, error)
    full_width = has_full_width_digits(text)
    read = quick.build(text, file, error, _SCALARS)  # the usual case file, without composing
    if read is not None:
        problems = tuple(read.problems)
        return LocatedYaml(read.data, read.locations, read.plain_scalars, problems, full_width)
    try:
        node = composer.compose(text)
        built = None if node is None else tree.build(node, file, error, _SCALARS)
        if built is None and node is not None:  # unusual: the long way, which places errors
            value = _Constructor().construct_document(node)
    except yaml.MarkedYAMLError as err:
        raise Problems([syntax_error(err, text, file, error)]) from None
    if node is None:
        return LocatedYaml(None, {(): Location(file, 1, 1)}, {}, ())
    if built is not None:
        problems = tuple(built.problems)
        return LocatedYaml(built.data, built.locations, built.plain_scalars, problems, full_width)
    walker = _Walker(file, error)
    walker.walk(node, ())
    return LocatedYaml(
        value,
        walker.locations,
        walker.plain_scalars,
        tuple(walker.problems),
        full_width,
    )


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


class _Constructor(SafeConstructor):
    """Plain data from composed nodes: dates stay text, decimals are exact, keys are text."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's construction, with a bare error (a 5,000-digit int) placed at its node."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as err:
            if isinstance(err, yaml.MarkedYAMLError):
                raise
            raise ConstructorError(None, None, str(err), node.start_mark) from err

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        self.flatten_mapping(node)  # `<<: *anchor` merges
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConstructorError(None, None, "found unhashable key", key_node.start_mark)
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_float(self, node: yaml.Node) -> Any:
        """`3500.50` as the exact Decimal written; `.inf` and `1:30.5` as PyYAML reads them.

        Why: through a float, 1234567890123456.78 would print as …456.80.
        """
        assert isinstance(node, yaml.ScalarNode)
        try:
            return Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            return super().construct_yaml_float(node)

    def construct_yaml_timestamp(self, node: yaml.Node, values: Any = None) -> Any:
        """A date as the text written: `2020-02-30` is the model's to judge."""
        assert isinstance(node, yaml.ScalarNode)
        return str(node.value)


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:float", _Constructor.construct_yaml_float
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp
)


_CONSTRUCTOR: Final = _Constructor()
_SCALARS: Final[dict[str, Callable[[yaml.ScalarNode], object]]] = {
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
"""How `tree.build` makes each implicit scalar: as `_Constructor` does (`str` is the text)."""


class _Walker:
    """Collects the location of every key and the source text of every unquoted value.

    Aliases are walked where they are used; the composer has bounded what they add.
    """

    def __init__(self, file: Path, error: type[DocgenError]) -> None:
        self.file = file
        self.error = error
        self.locations: dict[KeyPath, Location] = {}
        self.plain_scalars: dict[KeyPath, str] = {}
        self.problems: list[DocgenError] = []

    def walk(
        self, node: yaml.Node, path: KeyPath, at: yaml.Node | None = None, field: str = ""
    ) -> None:
        """Locate `node` at `path` (written as `field`, `field_path(path)` built on the way)."""
        mark = (at or node).start_mark
        self.locations[path] = Location(self.file, mark.line + 1, mark.column + 1, field or None)
        if isinstance(node, yaml.MappingNode):
            self._walk_mapping(node, path, field)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, (*path, index), field=f"{field}[{index}]")
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _NULL:
            self.plain_scalars[path] = node.value

    def _walk_mapping(self, node: yaml.MappingNode, path: KeyPath, field: str) -> None:
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue  # a bad key is the loader's to report; merged keys stay unlocated
            key, line = key_node.value, key_node.start_mark.line + 1
            inner = f"{field}.{key}" if field else key
            if key in first_line:
                self.problems.append(
                    self.error(
                        f"字段“{key}”重复出现（第一次在第 {first_line[key]} 行）",
                        _at(self.file, key_node.start_mark, inner),
                        "同一层里每个字段只能写一次，请删除或合并多余的一项。",
                    )
                )
            else:
                first_line[key] = line
            self.walk(value_node, (*path, key), at=key_node, field=inner)


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


def _check_characters(text: str, data: bytes, file: Path, error: type[DocgenError]) -> None:
    """Refuse a control character or other character that YAML does not allow, at its place.

    `data` holds `text` in UTF-8 (and maybe a byte-order mark).

    Why the bytes are looked at first: the regular expression tries each character in turn,
    which cost a fifteenth of reading a case file; dropping the bytes that begin none of those
    characters, then looking for the three others, costs a third of that, and the expression
    only runs on a file that may hold one.
    """
    suspect = data.translate(None, _OTHER_BYTES)  # usually empty
    if not suspect and "\ufeff" not in text and "\ufffe" not in text and "\uffff" not in text:
        return
    found = _INVISIBLE.search(text)
    if found is not None:
        line, column = _line_column(text, found.start())
        message = f"文件中有不可见的特殊字符（#x{ord(found.group()):04X}）"
        hint = "请删除该字符；它常随网页或聊天软件里复制的文字带进来。"
        raise Problems([error(message, Location(file, line, column), hint)])


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of the character at `position`."""
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1
