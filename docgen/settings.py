"""Office settings (`docgen.yaml`): who signs, the campaign, 文号 patterns, notice and holidays.

Every field has a default, so a workspace without docgen.yaml works; a docgen.yaml is read with
the same located loader as case files, so its mistakes are reported at their line too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Final, Literal

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


_CODE: Final = re.compile(r"[0-9A-Za-z]{1,8}")


def _check_code(code: str) -> str:
    """A 档号 part: letters and digits, 1–8 of them (全宗号 Z109, 门类 WS)."""
    if not _CODE.fullmatch(code):
        raise PydanticCustomError(
            "archive_code",
            f"“{code}”不能作档号的一部分",
            {"hint": "只能用 1–8 个英文字母或数字，如全宗号 Z109、门类 WS。"},
        )
    return code


def _check_optional_code(code: str) -> str:
    return _check_code(code) if code else code


NumberPattern = Annotated[str, AfterValidator(_check_number_pattern)]
DayUnitField = Annotated[DayUnit, BeforeValidator(choice(DAY_UNIT_LABELS, DAY_UNIT_ALIASES))]
"""How a count of days is meant, written 日 / 工作日 (or calendar / workday)."""


class Contact(StrictModel):
    """联系人 printed on notices."""

    name: Text = Field(description="联系人")
    phone: Phone = Field(description="联系电话")


class Responsibility(StrictModel):
    """One of the office's 包案职责 (包稳控 …), printed in every 包案责任书."""

    name: Text = Field(description="职责")
    text: OptionalText = Field(default="", description="具体要求")


def _responsibility_named(value: Any) -> Any:
    """`- 包稳控` is read as `- {name: 包稳控}`: the name alone is enough."""
    return {"name": value} if isinstance(value, str) else value


DEFAULT_RESPONSIBILITIES: Final = (
    Responsibility(
        name="包调查核实",
        text="亲自阅卷、听取汇报、约见信访人，全面掌握案情，查清事实，甄别诉求，找准症结。",
    ),
    Responsibility(
        name="包思想疏导",
        text="面对面做信访人的思想工作，讲清法律政策，引导信访人依法理性表达诉求。",
    ),
    Responsibility(
        name="包稳控",
        text="化解期间落实稳控措施，及时掌握信访人动态，确保信访人不发生赴省进京非正常上访、"
        "越级上访和极端行为。",
    ),
    Responsibility(
        name="包问题解决",
        text="协调解决政策、资金、救助帮扶等方面的重点难点问题，督促责任单位按照化解方案确定的"
        "措施和时限落实到位。",
    ),
    Responsibility(
        name="包息诉罢访",
        text="诉求合理的督促解决到位，诉求不合理或者已依法处理到位的做好解释说明和教育疏导，"
        "推动信访人息诉罢访，防止重复信访。",
    ),
)
"""The 包案职责 a 包案责任书 lists unless docgen.yaml's `office.responsibilities` replaces them."""


class Office(StrictModel):
    """The office that signs the documents."""

    name: Text = Field(default=DEFAULT_OFFICE_NAME, description="单位名称")
    contact: Contact | None = Field(default=None, description="联系人")
    address: OptionalText = Field(default="", description="单位地址")
    review_body: Text = Field(default="某某县人民政府", description="复查机关")
    county_party: Text = Field(default=DEFAULT_OFFICE_NAME, description="包案责任书甲方")
    responsibilities: tuple[
        Annotated[Responsibility, BeforeValidator(_responsibility_named)], ...
    ] = Field(default=DEFAULT_RESPONSIBILITIES, description="包案职责")

    @field_validator("responsibilities")
    @classmethod
    def _some_responsibility(cls, value: tuple[Responsibility, ...]) -> tuple[Responsibility, ...]:
        if not value:
            raise PydanticCustomError(
                "list_empty",
                "至少要填写一项",
                {"hint": "不写 responsibilities 时使用默认的五项包案职责。"},
            )
        return value

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


UNDEFINED_LABELS: Final = {"strict": "严格", "lenient": "宽松"}
"""How templates treat a name the context lacks: an error (strict) or nothing printed."""


class TemplateRules(StrictModel):
    """How the workspace's own templates (templates/) are rendered."""

    undefined: Annotated[
        Literal["strict", "lenient"], BeforeValidator(choice(UNDEFINED_LABELS))
    ] = Field(default="strict", description="未定义的变量")


Retention = Literal["Y", "D30", "D10"]
"""保管期限 codes of DA/T 22: 永久, 定期 30 年, 定期 10 年."""
DEFAULT_RETENTION: Final[Mapping[str, Retention]] = {
    "hearing_notice": "D10",
    "service_receipt": "D10",
    "hearing_announcement": "D10",
    "hearing_result": "D10",
    "transfer_letter": "D30",
    "resolution_plan": "D30",
    "responsibility_letter": "D30",
    "closure_notice": "D30",
    "settlement_agreement": "Y",
    "power_of_attorney": "Y",  # kept with the agreement its agent signs
    "closure_approval": "Y",
}
"""保管期限 by document kind; docgen.yaml's `archive.retention` adds to and overrides these."""


class ArchiveRules(StrictModel):
    """The parts of the 档号 (DA/T 22) the 归档文件目录 prints: 全宗号-WS·年度-保管期限-件号."""

    fonds: Annotated[str, AfterValidator(_check_code)] = Field(default="0000", description="全宗号")
    category: Annotated[str, AfterValidator(_check_code)] = Field(
        default="WS", description="门类代码"
    )
    unit: Annotated[str, AfterValidator(_check_optional_code)] = Field(
        default="", description="机构（问题）代码"
    )
    retention: Mapping[str, Retention] = Field(default=DEFAULT_RETENTION, description="保管期限")

    @field_validator("retention", mode="before")
    @classmethod
    def _retention_extends_defaults(cls, value: Any) -> Any:
        """Periods given in docgen.yaml replace the default of their kind; others stay."""
        return {**DEFAULT_RETENTION, **value} if isinstance(value, dict) else value


class Settings(StrictModel):
    """Everything docgen.yaml can set; `Settings()` gives the defaults."""

    office: Office = Field(default=Office(), description="单位")
    campaign: Campaign = Field(default=Campaign(), description="攻坚行动")
    numbering: Mapping[str, NumberPattern] = Field(
        default=DEFAULT_NUMBERING, description="文号格式"
    )
    hearing: HearingRules = Field(default=HearingRules(), description="听证")
    holidays: Holidays = Field(default=Holidays(), description="节假日调整")
    templates: TemplateRules = Field(default=TemplateRules(), description="模板")
    archive: ArchiveRules = Field(default=ArchiveRules(), description="归档")

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
