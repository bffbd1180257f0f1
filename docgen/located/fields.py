"""The field types case files and docgen.yaml share: strict records, text, dates, phone numbers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Final, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

import docgen.values as values

_T = TypeVar("_T")
_R = TypeVar("_R")


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
        return _date_in_range(value)
    if isinstance(value, str):
        return _date_from_text(value)
    raise PydanticCustomError("date_type", "应填写日期", {"hint": values.DATE_HINT})


_date_in_range: Final = rule(values.check_date_range)
_date_from_text: Final = rule(functools.lru_cache(maxsize=4096)(values.parse_date))
"""Why remembered: a few thousand days fill every date of ten thousand case files."""


def _prose(text: str) -> str:
    """`text` as `values.join_prose` joins it, once `values.check_visible` has passed it."""
    return values.join_prose(values.check_visible(text))


class AsciiDigits:
    """Marks a field whose full-width digits (２０２０) are read as ASCII, with a warning."""


ASCII_DIGITS: Final = AsciiDigits()

_STRIPPED: Final = StringConstraints(strip_whitespace=True)
_FILLED: Final = StringConstraints(strip_whitespace=True, min_length=1)
Text = Annotated[str, _FILLED, AfterValidator(rule(values.check_line))]
"""One line of text that must be filled in (a name, a title, a unit); outer spaces dropped."""
OptionalText = Annotated[str, _STRIPPED, AfterValidator(rule(values.check_line))]
"""One line of text that may be empty."""
LongText = Annotated[str, _FILLED, AfterValidator(rule(_prose))]
"""Text that must be filled in and may run over several lines (a summary, an analysis).

Lines are joined and a blank line starts a paragraph (`values.join_prose`): the model holds
one `\\n` between paragraphs and none inside one."""
OptionalLongText = Annotated[str, _STRIPPED, AfterValidator(rule(_prose))]
"""Text over several lines that may be empty, joined as `LongText` is."""
Date = Annotated[date, ASCII_DIGITS, BeforeValidator(_to_date)]
"""A date written `2020-06-12` (or `2020-6-12`), in the years 1900–2100."""
Phone = Annotated[str, ASCII_DIGITS, AfterValidator(rule(values.check_phone))]
"""A mobile or landline number, written in quotes."""
