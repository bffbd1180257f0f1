"""Parameter types and options shared by several commands, with Chinese messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

import docgen.values as values

Decorated = TypeVar("Decorated", bound=Callable[..., Any])


class IsoDate(click.ParamType[dt.date]):
    """A date written as in a case file: `2020-06-12` or `2020-6-12` (`docgen.values`)."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return values.parse_date(str(value))
        except values.ValueProblem as problem:
            if problem.code == "date_out_of_range":
                self.fail(f"“{value}”超出合理范围，{problem.hint}", param, ctx)
            self.fail(f"“{value}”不是有效日期，请按 YYYY-MM-DD 填写，如 2020-06-12。", param, ctx)


_QUOTES = str.maketrans("", "", "“”\"'「」")


class KindName(click.ParamType[str]):
    """A document kind named by its 文书名 (`听证通知书`, `一揽子化解方案`) or its identifier.

    `titles` maps each identifier to its 文书名; quotes in a name are optional, so
    `“一揽子”化解方案` and `一揽子化解方案` both mean `resolution_plan`.
    """

    name = "文书名"

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = dict(titles)
        self._by_name = {identifier: identifier for identifier in titles}
        self._by_name |= {title.translate(_QUOTES): key for key, title in titles.items()}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        written = str(value).strip()
        kind = self._by_name.get(written.translate(_QUOTES))
        if kind is None:
            listed = "、".join(self.titles.values())
            self.fail(f"“{written}”不是可生成的文书，应为以下之一：{listed}。", param, ctx)
        return kind

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "文书名"


def today_option(
    help_text: str = "以该日为“今天”计算（默认今天）。",
) -> Callable[[Decorated], Decorated]:
    return click.option("--today", type=IsoDate(), default=None, help=help_text)


def format_option(
    *choices: str, plain: str = "text", help: str = "输出格式。"
) -> Callable[[Decorated], Decorated]:
    """`--format`: `plain` (the default, for the screen) or one of `choices`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice([plain, *choices]),
        default=plain,
        show_default=True,
        help=help,
    )


def resolve_today(value: dt.date | None) -> dt.date:
    return value or dt.date.today()


def jobs_option() -> Callable[[Decorated], Decorated]:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="同时使用的进程数（默认为 CPU 核数；1 表示只用本进程，便于排查问题）。",
    )
