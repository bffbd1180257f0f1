"""Files docgen writes for a clerk to fill in: the settings, a case skeleton, an example case.

The shipped texts hold `@YEAR@` (and `@YEAR-1@` …) where the year of the new workspace goes, so
that a workspace started in any year has that year's campaign and dates; `{year}` in a 文号
pattern is docgen's own placeholder and is left as it is.
"""

from __future__ import annotations

import importlib.resources
import re
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
