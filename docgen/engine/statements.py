"""The statements a `{% … %}` tag may open with, and Chinese words for those it may not.

Jinja reports only the first unknown tag of a part; checked here tag by tag, every one is named
at its paragraph, and a statement that docxtpl templates use but docgen does not support gets its
own message with what to write instead.
"""

from __future__ import annotations

import re
from typing import Final

_KEYWORD: Final = re.compile(r"^\{%(?:(?:p|tr|tc|r)\s)?[-+]?\s*(\w+)")
KNOWN: Final = frozenset(
    {
        *("for", "endfor", "if", "elif", "else", "endif", "set", "endset"),
        *("macro", "endmacro", "call", "endcall", "filter", "endfilter", "with", "endwith"),
        *("block", "endblock", "autoescape", "endautoescape", "raw", "endraw"),
        *("include", "import", "from", "extends"),
    }
)
"""Jinja's own statements; docgen loads no extension."""
_TABLE_EXTRAS: Final = frozenset({"colspan", "cellbg", "vm", "hm"})
_REWRITES: Final = {  # docxtpl-template statements docgen lacks -> what to write instead
    "break": "{% for x in 列表 if 条件 %} 筛选循环项",
    "continue": "{% for x in 列表 if 条件 %} 筛选循环项",
    "do": "{% set 变量 = 表达式 %}",
    "trans": "直接写中文文字",
    "endtrans": "直接写中文文字",
    "pluralize": "{% if %} 判断数量",
}
_HINT_UNKNOWN: Final = "请检查标签是否拼写正确；可用的标签见 docs/templates.md。"


def keyword(tag: str) -> str | None:
    """The statement of a `{% … %}` tag (`for`, `endif` …), or None for other tags."""
    match = _KEYWORD.match(tag)
    if match is None:
        return None
    word = match.group(1)
    if word == "set":
        return None if "=" in tag else "set"  # `{% set x %}…{% endset %}` is a block
    return word


def unknown_statement(tag: str) -> tuple[str, str] | None:
    """(message, hint) for a `{% … %}` tag whose statement Jinja would not know, else None."""
    word = keyword(tag)
    if word is None or word in KNOWN:
        return None
    if word in _REWRITES:
        return (
            f"docxtpl 的 {{% {word} %}} 标签 docgen 暂不支持，可改写为 {_REWRITES[word]}（{tag}）",
            "docgen 不加载 Jinja 扩展；改写后用 docgen templates check 再检查一次。",
        )
    if word in _TABLE_EXTRAS:
        return (
            f"docxtpl 的 {{% {word} %}} 标签 docgen 暂不支持这种写法，"
            f"可改写为不带减号、写在表格单元格文字里的 {{% {word} … %}}（{tag}）",
            "表格标签的写法见 docs/templates.md。",
        )
    return f"不认识的标签“{word}”（{tag}）", _HINT_UNKNOWN
