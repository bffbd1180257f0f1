"""Office settings (`docgen.yaml`): who signs, the campaign, 文号 patterns, notice and holidays.

Every field has a default, so a workspace without docgen.yaml works; a docgen.yaml is read with
the same located loader as case files, so its mistakes are reported at their line too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    Strict,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from docgen.deadlines import DAY_UNIT_ALIASES, DAY_UNIT_LABELS, DayUnit, HolidayClash, WorkCalendar
from docgen.errors import DocgenError, Problems, SettingsError
from docgen.located import (
    Date,
    OptionalText,
    Phone,
    StrictModel,
    Text,
    capped,
    load_located,
    root_mapping,
    validate_model,
)
from docgen.located.messages import choice

DEFAULT_OFFICE_NAME: Final = "某某县信访局"
DEFAULT_NUMBERING: Final[Mapping[str, str]] = {
    "hearing_notice": "某信听〔{year}〕{n}号",
    "closure_notice": "某信结〔{year}〕{n}号",
    "resolution_plan": "某信案〔{year}〕{n}号",
    "transfer_letter": "某信转〔{year}〕{n}号",
}
"""文号 patterns by document kind; docgen.yaml's `numbering` adds to and overrides these."""

MAX_NOTICE_LEAD: Final = 365
"""A longer lead is a typing mistake (and counting it in working days would take long)."""

_PLACEHOLDERS: Final = re.compile(r"\{year\}|\{n\}")


def _check_number_pattern(pattern: str) -> str:
    """A 文号 pattern has `{year}` and `{n}` once each and no other `{…}`."""
    rest = _PLACEHOLDERS.sub("", pattern)
    if pattern.count("{year}") != 1 or pattern.count("{n}") != 1 or "{" in rest or "}" in rest:
        raise PydanticCustomError(
            "number_pattern",
            f"文号格式“{pattern}”应各含一次 {{year}}（年份）和 {{n}}（序号）",
            {"hint": "如 某信听〔{year}〕{n}号；花括号用英文半角。"},
        )
    return pattern


NumberPattern = Annotated[str, AfterValidator(_check_number_pattern)]
DayUnitField = Annotated[DayUnit, BeforeValidator(choice(DAY_UNIT_LABELS, DAY_UNIT_ALIASES))]
"""How a count of days is meant, written 日 / 工作日 (or calendar / workday)."""


class Contact(StrictModel):
    """联系人 printed on notices."""

    name: Text = Field(description="联系人")
    phone: Phone = Field(description="联系电话")


class Office(StrictModel):
    """The office that signs the documents."""

    name: Text = Field(default=DEFAULT_OFFICE_NAME, description="单位名称")
    contact: Contact | None = Field(default=None, description="联系人")
    address: OptionalText = Field(default="", description="单位地址")
    review_body: Text = Field(default="某某县人民政府", description="复查机关")
    county_party: Text = Field(default=DEFAULT_OFFICE_NAME, description="包案责任书甲方")

    @model_validator(mode="before")
    @classmethod
    def _county_party_defaults_to_name(cls, data: Any) -> Any:
        """The 甲方 of a 包案责任书 is the office itself unless docgen.yaml names another."""
        if (
            isinstance(data, dict)
            and "county_party" not in data
            and isinstance(data.get("name"), str)
        ):
            return {**data, "county_party": data["name"]}
        return data


class Campaign(StrictModel):
    """The 攻坚行动 the cases belong to; plan deadlines after its end are warned about."""

    name: Text = Field(default="信访积案化解百日攻坚行动", description="活动名称")
    start: Date = Field(default=date(2020, 3, 20), description="开始日期")
    end: Date = Field(default=date(2020, 6, 30), description="结束日期")

    @model_validator(mode="after")
    def _starts_before_end(self) -> Campaign:
        if self.start > self.end:
            raise PydanticCustomError(
                "campaign_order",
                f"活动开始日期（{self.start}）晚于结束日期（{self.end}）",
                {"hint": "请核对 start 和 end。"},
            )
        return self


class HearingRules(StrictModel):
    """How far ahead a hearing notice must be served."""

    notice_lead: Annotated[int, Strict(), Field(ge=0, le=MAX_NOTICE_LEAD)] = Field(
        default=7, description="提前送达天数"
    )
    notice_lead_unit: DayUnitField = Field(default="calendar", description="天数单位")


class Holidays(StrictModel):
    """Corrections to the built-in holiday calendar, above all for years it does not cover yet."""

    days_off: tuple[Date, ...] = Field(default=(), description="放假日")
    workdays: tuple[Date, ...] = Field(default=(), description="调休上班日")

    @model_validator(mode="after")
    def _no_day_both_ways(self) -> Holidays:
        try:
            WorkCalendar(days_off=self.days_off, workdays=self.workdays)
        except HolidayClash as clash:
            raise PydanticCustomError(
                "holiday_clash", str(clash), {"hint": "每一天只能写在其中一处。"}
            ) from None
        return self


class Settings(StrictModel):
    """Everything docgen.yaml can set; `Settings()` gives the defaults."""

    office: Office = Field(default=Office(), description="单位")
    campaign: Campaign = Field(default=Campaign(), description="攻坚行动")
    numbering: Mapping[str, NumberPattern] = Field(
        default=DEFAULT_NUMBERING, description="文号格式"
    )
    hearing: HearingRules = Field(default=HearingRules(), description="听证")
    holidays: Holidays = Field(default=Holidays(), description="节假日调整")

    @field_validator("numbering", mode="before")
    @classmethod
    def _numbering_extends_defaults(cls, value: Any) -> Any:
        """Patterns given in docgen.yaml replace the default of their kind; others stay."""
        return {**DEFAULT_NUMBERING, **value} if isinstance(value, dict) else value

    def work_calendar(self) -> WorkCalendar:
        """The working-day calendar with this office's holiday corrections."""
        return WorkCalendar(days_off=self.holidays.days_off, workdays=self.holidays.workdays)


def parse_settings(data: bytes, file: Path) -> Settings:
    """Read docgen.yaml (`data`, shown as `file`); an empty file gives the defaults.

    Raises:
        Problems: every `SettingsError` of the file.
    """
    loaded = load_located(data, file, SettingsError)
    root = root_mapping(loaded, file, SettingsError)
    validated = validate_model(Settings, root or {}, loaded, SettingsError, DAY_UNIT_LABELS)
    problems: list[DocgenError] = [*loaded.problems, *validated.errors]
    if problems or validated.model is None:
        raise Problems(capped(problems, validated.unlisted, file, SettingsError))
    return validated.model
