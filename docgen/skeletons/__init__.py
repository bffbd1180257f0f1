"""Files docgen writes for a clerk to fill in: the settings, a case skeleton, an example case.

The shipped texts hold `@YEAR@` (and `@YEAR-1@` …) where the year of the new workspace goes, so
that a workspace started in any year has that year's campaign and dates; `{year}` in a 文号
pattern is docgen's own placeholder and is left as it is.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Final

_YEAR: Final = re.compile(r"@YEAR(?:-(\d))?@")

_HOLIDAYS_BUILT_IN: Final = """\
holidays:                               # @YEAR@ 年的放假调休安排已内置，不用填写。
  days_off: []                          # 内置日历没有的年份，请按国务院办公厅通知填写放假日，
  workdays: []                          # 和调休上班日（周末上班）；某年只要写了一天，就视为
                                        # 该年已按通知填写完整
"""
_HOLIDAYS_TO_ENTER: Final = """\
holidays:                               # 内置日历没有 @YEAR@ 年的放假安排，请按通知填写：
  days_off: []                          # 放假日，如 [@YEAR@-01-01, @YEAR@-10-01]
  workdays: []                          # 调休上班日（周末上班），如 [@YEAR@-02-07]
                                        # 填写前按周一至周五上班推算期限，check 会提示；
                                        # 某年只要写了一天，就视为该年已按通知填写完整
"""


def _text(name: str) -> str:
    return importlib.resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _for_year(text: str, year: int) -> str:
    """`text` with `@YEAR@` as `year` and `@YEAR-N@` as `year - N`."""
    return _YEAR.sub(lambda m: str(year - int(m[1] or 0)), text)


def settings_skeleton(year: int, holidays_built_in: bool) -> str:
    """A commented docgen.yaml for a workspace started in `year`: that year's campaign.

    `holidays_built_in` says whether docgen's calendar knows the 放假调休 of `year`; if not,
    the holidays block asks the clerk to enter them.
    """
    holidays = _HOLIDAYS_BUILT_IN if holidays_built_in else _HOLIDAYS_TO_ENTER
    return _for_year(_text("docgen.yaml").replace("@HOLIDAYS@\n", holidays), year)


def example_case_id(year: int) -> str:
    """The id of the example case of a workspace started in `year` (serial 000: never real)."""
    return f"XF{year}-000"


def example_case(year: int) -> str:
    """A complete case marked `example: true`, dated around `year`, so a new workspace renders
    at once without the example counting as a case of the office."""
    return _for_year(_text("example_case.yaml"), year)


def case_skeleton(case_id: str, today: date) -> str:
    """A commented case file for `case_id`, every block explained, every date `today`.

    Why today: the hearing, plan and closure blocks are commented out; uncommented as they
    stand (blanks filled), they must give a valid case, and no date of a closure may lie ahead.
    """
    text = _text("new_case.yaml").replace("{case_id}", case_id)
    return text.replace("@TODAY@", today.isoformat())


_FIELD: Final = re.compile(
    r"^(?P<lead>\s*(?:- )?)(?P<key>\w+):(?P<value> \S.*?)?(?P<note>\s+#.*)?$"
)
_FLOW: Final = re.compile(r"^(?P<lead>\s*- )\{(?P<body>[^}]*)\}(?P<note>\s+#.*)?$")
_FLOW_PAIR: Final = re.compile(r'(\w+): ("(?:[^"\\]|\\.)*"|[^,]*)')


def yaml_scalar(value: str | date) -> str:
    """`value` as YAML that reads back as exactly that: a date bare, any text double-quoted.

    Why quote every text: `: #`, quotes, newlines, `true` or an 18-digit 身份证号码 would
    otherwise be read as something else. JSON's quoting is valid YAML; characters YAML
    does not allow raw (or reads as line breaks, such as U+2028) are escaped as well.
    """
    if isinstance(value, date):
        return value.isoformat()
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(c if c.isprintable() else _escaped(c) for c in quoted)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def fill_skeleton(text: str, values: Mapping[str, str | date | None]) -> str:
    """`text`, a case skeleton, with the blanks named in `values` filled; all else kept.

    A key is a top-level field (`title`) or `block.field` for the first item of a list block
    (`petitioners.id_number`, `leaders.role`); None deletes that optional line, or a whole
    optional block (`history`) with its items. Comments, commented blocks and every line not
    named stay as `docgen new` writes them, so that a case begun from the form reads like one
    begun in an editor.
    """
    lines: list[str] = []
    block, items, dropping = "", 0, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            lines.append(line)
            continue
        if not line[0].isspace():
            block, items = "", 0
            key = line.split(":", 1)[0]
            dropping = key in values and values[key] is None  # a block goes with its items
        if dropping:
            continue
        if line.lstrip().startswith("- "):
            items += 1
        prefix = f"{block}." if block else ""
        flow = _FLOW.match(line)
        field = _FIELD.match(line)
        if flow and items == 1:
            lines.append(_filled_flow(flow, prefix, values))
        elif field and (not block or items == 1) and prefix + field["key"] in values:
            value = values[prefix + field["key"]]
            if value is not None:
                lines.append(f"{field['lead']}{field['key']}: {yaml_scalar(value)}{_note(field)}")
        else:
            lines.append(line)
        if field and not line[0].isspace() and not field["value"]:
            block = field["key"]
    return "\n".join(lines) + "\n"


def _note(match: re.Match[str]) -> str:
    return match["note"] or ""


def _filled_flow(flow: re.Match[str], prefix: str, values: Mapping[str, str | date | None]) -> str:
    """A one-line list item `- {a: x, b: y}` with the values named in `values` put in."""
    pairs = []
    for key, old in _FLOW_PAIR.findall(flow["body"]):
        new = values.get(prefix + key)
        pairs.append(f"{key}: {yaml_scalar(new) if new is not None else old.strip()}")
    return f"{flow['lead']}{{{', '.join(pairs)}}}{_note(flow)}"
