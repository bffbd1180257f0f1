"""The Chinese message for each pydantic error a clerk can meet in a case file or docgen.yaml.

Why pydantic's messages are rewritten:
    pydantic words its errors for programmers ("Input should be a valid tuple"). Every message a
    clerk can meet is in `TYPE_MESSAGES` or comes from `docgen.values`, so the wording stays
    consistent and a new error type shows up in one place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from pydantic_core import PydanticCustomError


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
_BOOL: Final = Message("只能填写 true 或 false", "true 表示“是”，false 表示“否”，不加引号。")
_INT: Final = Message("应填写整数", "如 7，不加引号和单位。")

TYPE_MESSAGES: Final[Mapping[str, Message]] = {
    "string_type": Message("应填写文字", "数字、日期等要当作文字时，请加英文引号。"),
    "string_too_short": Message("不能为空", "请填写内容；不需要这一项时，请把这一行删除。"),
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "int_type": _INT,
    "int_parsing": _INT,
    "int_from_float": Message("应填写整数", "如 7，不带小数。"),
    "greater_than_equal": Message("不能小于 {ge}"),
    "less_than_equal": Message("不能大于 {le}"),
    "tuple_type": _LIST,
    "list_type": _LIST,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "missing": Message("缺少必填字段", "请补上这一项。"),
    "extra_forbidden": Message(
        "不认识的字段", "字段名须与字段说明一致（运行 docgen help case 查看）。"
    ),
}
"""pydantic error type -> message; `{name}` is filled from the error's context."""

QUOTE_REASONS: Final[Mapping[str, str]] = {
    "id_number": "不加引号时，号码会被当成数字。",
    "phone": "不加引号时，电话号码会被当成数字。",
    "time": "不加引号时，YAML 会把 9:30 这样的时间当成数字（570）。",
}
"""Fields that must be written in quotes, and why (docs/case-file.md: 填写通则)."""


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
        return Message(
            f"填写有误（{error['msg']}）", "请对照字段说明修改（运行 docgen help case 查看）。"
        )
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


def choice(
    labels: Mapping[str, str], aliases: Mapping[str, str] | None = None
) -> Callable[[object], object]:
    """A before-validator reading a choice as a clerk types it: its Chinese name or its identifier.

    `labels` maps each canonical value (the English identifier templates and code compare with)
    to its Chinese name; `aliases` adds other Chinese spellings (`日历日` for `calendar`). The
    result is the canonical value; anything else is an error listing the Chinese names.
    """
    canonical = {value: value for value in labels}
    canonical |= {label: value for value, label in labels.items()}
    canonical |= dict(aliases or {})

    def validate(value: object) -> object:
        if isinstance(value, str) and value.strip() in canonical:
            return canonical[value.strip()]
        message = not_a_choice(value, labels)
        raise PydanticCustomError("choice", message.text, {"hint": message.hint})

    return validate


def not_a_choice(value: object, labels: Mapping[str, str]) -> Message:
    """`value` is none of the choices; `labels` maps each choice to the name a clerk writes."""
    shown = "、".join(labels.values())
    if value is None or value == "":
        return Message(f"没有填写内容，应为以下之一：{shown}", "请从中选一个填写。")
    return Message(f"“{value}”不是可选的值，应为以下之一：{shown}", "请从中选一个，原样填写。")


def _not_a_choice(value: object, expected: str, labels: Mapping[str, str]) -> Message:
    choices = re.findall(r"'([^']*)'", expected)
    return not_a_choice(value, {c: labels.get(c, c) for c in choices})


def _last_key(error: Mapping[str, object]) -> str:
    loc = error.get("loc")
    return str(loc[-1]) if isinstance(loc, tuple) and loc else ""
