"""PyYAML's and libyaml's error texts as one Chinese message each, at the place parsing stopped.

Why a table of English prefixes:
    Neither parser has error codes, only texts, and libyaml words some problems differently from
    PyYAML (`did not find expected key` for `expected <block end>`). `_LIBYAML_WORDS` turns
    libyaml's wording into PyYAML's, so both parsers give a clerk the same message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import yaml

from docgen.errors import DocgenError, Location
from docgen.located import composer

SYNTAX_HINT: Final = "每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"

TAB_MESSAGE: Final = "YAML 格式错误：这里有制表符（Tab），YAML 只能用空格缩进和分隔"
TAB_HINT: Final = "请把 Tab 换成空格（每一级缩进 2 个空格）。"
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
    (
        "found unconstructable recursive node",
        "引用（*名称）指向了它自己所在的内容",
        "请删除这个引用，或直接写出内容。",
    ),
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
    ("found duplicate YAML directive", "“%YAML”这一行写了两次", "请删除多余的一行。"),
    ("duplicate tag handle", "“%TAG”这一行写了两次", "请删除多余的一行。"),
    ("found incompatible YAML document", "只能读 YAML 1.x 的文件", "请删除开头的“%YAML”一行。"),
    (composer.EXPLICIT_TAG, "不支持以“!”开头的类型标记（请删除，或给整个值加引号）", None),
    (
        composer.TOO_DEEP,
        "括号或缩进嵌套的层次太多",
        "请检查是否多写了 [ 或 {，或缩进是否一层比一层多。",
    ),
    (
        composer.TOO_MANY_ALIAS_VALUES,
        "引用（*名称）展开后的内容太多",
        "锚点（&名称）和引用只用于少量重复的内容；请直接写出内容，或减少引用。",
    ),
)
_LIBYAML_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("did not find expected node content", "expected the node content"),
    ("did not find expected key", "expected <block end>"),
    ("did not find expected '-' indicator", "expected <block end>"),
    ("found duplicate %TAG directive", "duplicate tag handle"),
    ("did not find expected hexdecimal number", "expected escape sequence"),
    ("did not find expected <document start>", "expected '<document start>'"),
    ("did not find expected comment or line break", "expected a comment or a line break"),
    ("did not find expected whitespace or line break", "expected ' '"),
    ("did not find expected '!'", "expected '!'"),
    ("did not find expected ", "expected "),
    ("mapping values are not allowed in this context", "mapping values are not allowed here"),
    (
        "block sequence entries are not allowed in this context",
        "sequence entries are not allowed here",
    ),
    ("mapping keys are not allowed in this context", "mapping keys are not allowed here"),
    ("found an indentation indicator equal to 0", "expected indentation indicator"),
    ("found duplicate %YAML directive", "found duplicate YAML directive"),
)
"""libyaml's wording -> PyYAML's (prefixes), so that `_SYNTAX_PROBLEMS` serves both parsers."""
_FULL_WIDTH_COLON: Final = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*\s*：")
_NO_SPACE_COLON: Final = re.compile(r"\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:[^\s]")
_UNCLOSED_QUOTE: Final = "引号没有配对（缺少结尾的引号）"
_UNEXPECTED_END: Final = "文件意外结束（引号或括号没有配对？）"


def syntax_error(
    err: yaml.MarkedYAMLError, text: str, file: Path, error: type[DocgenError]
) -> DocgenError:
    """A parser's error as a located problem in Chinese, at the place parsing stopped."""
    problem = _in_pyyaml_words(err.problem or "")
    if "block scalar" in (err.context or "") and problem.startswith("expected a comment"):
        problem = "expected chomping or indentation indicators"  # what PyYAML says for `|x`
    mark = err.problem_mark or err.context_mark
    where = _at(file, mark) if mark is not None else Location(file)
    if "tab character" in problem or (
        mark is not None and problem.startswith("found character") and _is_tab(text, mark)
    ):
        return error(TAB_MESSAGE, where, TAB_HINT)
    own_hint: str | None = None
    if problem.startswith("found unexpected end of stream") and "quoted" in (err.context or ""):
        mark = err.context_mark or mark  # where the quote was opened, not the end of the file
        where = _at(file, mark) if mark is not None else where
        message = f"YAML 格式错误：{_UNCLOSED_QUOTE}"
    elif problem.startswith("found unexpected end of stream"):
        message = f"YAML 格式错误：{_UNEXPECTED_END}"
    else:
        # A duplicate anchor's problem is only "second occurrence"; its context says what.
        words = problem if problem != "second occurrence" else (err.context or problem)
        message, own_hint = described(words)
    hint = own_hint or _colon_hint(text, mark.line if mark is not None else 0) or SYNTAX_HINT
    return error(message, where, hint)


def described(problem: str, unknown: str = "这里的写法无法识别") -> tuple[str, str | None]:
    """A PyYAML problem in Chinese, and its own hint if it has one.

    A problem not in the table is `unknown`, followed by PyYAML's words in parentheses.
    """
    for english, chinese, hint in _SYNTAX_PROBLEMS:
        if problem.startswith(english):
            return f"YAML 格式错误：{chinese}", hint
    detail = f"（{problem}）" if problem else ""
    return f"YAML 格式错误：{unknown}{detail}", None


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


def _in_pyyaml_words(problem: str) -> str:
    for libyaml, pyyaml in _LIBYAML_WORDS:
        if problem.startswith(libyaml):
            return pyyaml + problem[len(libyaml) :]
    return problem


def _is_tab(text: str, mark: yaml.Mark) -> bool:
    """Whether the character at `mark` is a tab (libyaml's message does not name it)."""
    lines = text.split("\n", mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1] == "\t"


def _at(file: Path, mark: yaml.Mark) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)
