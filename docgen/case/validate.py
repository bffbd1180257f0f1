"""From the bytes of a case file to a `Case`: every problem located, all reported at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from docgen.case.model import CHOICE_LABELS, Case
from docgen.case.parties import check_parties
from docgen.case.procedure import procedure_findings
from docgen.case.rules import id_birth_date, id_gender
from docgen.deadlines import CountedDay, DayUnit, WorkCalendar
from docgen.errors import CaseError, CaseWarning, DocgenError, Location, Problems
from docgen.located import (
    KeyPath,
    Message,
    by_position,
    capped,
    field_path,
    load_located,
    located_error,
    root_mapping,
    validate_model,
)
from docgen.settings import Settings

_UNIT_WORDS: Final[Mapping[str, str]] = {"calendar": "日", "workday": "个工作日"}
_WEEKDAYS: Final = "一二三四五六日"


@dataclass(frozen=True)
class LoadedCase:
    """A valid case, what `check` should still warn about, and where each key was written."""

    case: Case
    warnings: tuple[CaseWarning, ...]
    locations: Mapping[KeyPath, Location]  # ("id",) -> cases/a.yaml:1:1: id


def parse_case(data: bytes, file: Path, settings: Settings, today: date) -> LoadedCase:
    """Read, validate and cross-check the case file `file` whose bytes are `data`.

    `file` is only shown in messages (it may be relative); `today` decides which hearings are
    still ahead, for the notice lead-time warning, and which dates cannot be true yet.

    Raises:
        Problems: every `CaseError` of the file (the warnings are not included).
    """
    loaded = load_located(data, file, CaseError)
    root = root_mapping(loaded, file, CaseError)
    if root is None:
        raise Problems(
            [CaseError("文件是空的", Location(file, 1, 1), "请参照 cases/ 里的示例案件填写。")]
        )
    validated = validate_model(Case, root, loaded, CaseError, CHOICE_LABELS, CaseWarning)
    errors = [*loaded.problems, *validated.errors]
    warnings = [w for w in validated.warnings if isinstance(w, CaseWarning)]
    case = validated.model
    if case is not None:
        cross = _CrossCheck(case, loaded.locations, settings, today)
        cross.run()
        errors += cross.errors
        warnings += cross.warnings
    if errors or case is None:
        raise Problems(capped(errors, validated.unlisted, file, CaseError))
    return LoadedCase(case, tuple(sorted(warnings, key=by_position)), loaded.locations)


class _CrossCheck:
    """The rules that join fields: date order, plan deadlines, the hearing's panel and notice."""

    def __init__(
        self, case: Case, where: Mapping[KeyPath, Location], settings: Settings, today: date
    ) -> None:
        self.case, self.where, self.settings, self.today = case, where, settings, today
        self.errors: list[DocgenError] = []
        self.warnings: list[CaseWarning] = []

    def run(self) -> None:
        self._legal_track()
        self._petitioners()
        self._date_order()
        self._plan()
        self._hearing()
        self._unique_names()
        check_parties(self.case, self.today, self.error, self.warn)
        for finding in procedure_findings(self.case):
            report = self.error if finding.error else self.warn
            report(finding.path, finding.text, finding.hint)

    def error(self, path: KeyPath, text: str, hint: str = "") -> None:
        self.errors.append(located_error(CaseError, Message(text, hint), path, self.where))

    def warn(self, path: KeyPath, text: str, hint: str = "") -> None:
        warning = located_error(CaseWarning, Message(text, hint), path, self.where)
        assert isinstance(warning, CaseWarning)
        self.warnings.append(warning)

    def _legal_track(self) -> None:
        if not self.case.legal_track:
            return
        hint = "此类案件分流至政法机关依法处理。请删除这一部分，或核实 legal_track 是否应为 false。"
        if self.case.hearing is not None:
            self.error(("hearing",), "涉法涉诉案件（legal_track: true）不在本局组织听证", hint)
        if self.case.closure is not None:
            self.error(("closure",), "涉法涉诉案件（legal_track: true）不在本局办结", hint)

    def _petitioners(self) -> None:
        first_seen: dict[str, int] = {}
        for i, person in enumerate(self.case.petitioners):
            here: KeyPath = ("petitioners", i)
            if person.id_number in first_seen:
                self.error(
                    (*here, "id_number"),
                    f"与 petitioners[{first_seen[person.id_number]}] 的身份证号码相同",
                    "同一位信访人只写一次；不同的人请核对号码。",
                )
            first_seen.setdefault(person.id_number, i)
            born = id_birth_date(person.id_number)
            if born > self.today:
                self.error(
                    (*here, "id_number"),
                    f"身份证号码中的出生日期（{born}）晚于今天",
                    "请核对身份证原件。",
                )
            recorded = id_gender(person.id_number)
            if person.gender is not None and person.gender != recorded:
                self.warn(
                    (*here, "gender"),
                    f"性别填写为“{person.gender}”，但身份证号码显示为“{recorded}”",
                    "身份证号码第 17 位单数为男、双数为女；请核对性别或号码。",
                )

    def _unique_names(self) -> None:
        """Each unit, panel member, leader and team member once: each is sent its own notice."""
        case = self.case
        if case.hearing is not None:
            self._unique(("hearing", "units"), case.hearing.units, (), "单位")
            panel = [member.name for member in case.hearing.panel]
            self._unique(("hearing", "panel"), panel, ("name",), "听证员")
        leaders = [leader.name for leader in case.leaders]
        self._unique(("leaders",), leaders, ("name",), "包案领导")
        if case.plan is not None:
            self._unique(("plan", "team"), case.plan.team, (), "专班成员")

    def _unique(self, path: KeyPath, names: Sequence[str], key: KeyPath, what: str) -> None:
        first_seen: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in first_seen:
                self.error(
                    (*path, i, *key),
                    f"{what}“{name}”重复（与 {field_path((*path, first_seen[name]))} 相同）",
                    f"同一{what}只写一次，否则会生成两份文书；请删除重复的一项。",
                )
            first_seen.setdefault(name, i)

    def _date_order(self) -> None:
        case, hint = self.case, "请核对这两个日期。"
        if case.hearing is not None and case.hearing.date < case.received:
            self.error(
                ("hearing", "date"),
                f"听证日期（{case.hearing.date}）早于首次信访日期 received（{case.received}）",
                hint,
            )
        if case.closure is None:
            return
        if case.closure.date > self.today:
            # A closure (and the agreement signed with it) records what already happened;
            # a later day is a typo, or a case entered as closed before it is.
            self.error(
                ("closure", "date"),
                f"办结日期（{case.closure.date}）晚于今天（{self.today}），办结的事还没有发生",
                "请核对办结日期；尚未办结的案件请先删除 closure 这一部分，办结后再填写。",
            )
        if case.hearing is not None and case.closure.date < case.hearing.date:
            self.error(
                ("closure", "date"),
                f"办结日期（{case.closure.date}）早于听证日期 hearing.date（{case.hearing.date}）",
                hint,
            )
        elif case.closure.date < case.received:
            self.error(
                ("closure", "date"),
                f"办结日期（{case.closure.date}）早于首次信访日期 received（{case.received}）",
                hint,
            )

    def _plan(self) -> None:
        plan = self.case.plan
        if plan is None:
            return
        for i, measure in enumerate(plan.measures):
            if measure.due > plan.deadline:
                self.error(
                    ("plan", "measures", i, "due"),
                    f"完成时限（{measure.due}）晚于化解时限 plan.deadline（{plan.deadline}）",
                    "各项措施须在化解时限前完成：请提前完成时限，或调整化解时限。",
                )
        campaign = self.settings.campaign
        if plan.deadline > campaign.end:
            self.warn(
                ("plan", "deadline"),
                f"化解时限（{plan.deadline}）晚于{campaign.name}结束日期（{campaign.end}）",
                "请确认是否需要报批延期。",
            )

    def _hearing(self) -> None:
        hearing = self.case.hearing
        if hearing is None:
            return
        size = len(hearing.panel)
        if size < 3 or size % 2 == 0:
            self.warn(
                ("hearing", "panel") if size else ("hearing",),
                f"听证员为 {size} 人；听证员应为不少于 3 人的单数",
                "单数便于形成多数意见，请增减听证员（panel）。",
            )
        rules = self.settings.hearing
        lead, unit = rules.notice_lead, rules.notice_lead_unit
        calendar = self.settings.work_calendar()
        if hearing.notice_date is not None:
            latest = self._latest(calendar, hearing.date, lead, unit)
            if hearing.notice_date > latest.day:
                self.warn(
                    ("hearing", "notice_date"),
                    f"{notice_deadline_text(hearing.date, lead, unit, latest.day)}，"
                    f"成文日期{_day(hearing.notice_date)}已经晚了",
                    "请提前通知书成文日期，或将听证改期。",
                )
        elif hearing.date > self.today:
            latest = self._latest(calendar, hearing.date, lead, unit)
            if latest.day < self.today:
                self.warn(
                    ("hearing", "date"),
                    f"{notice_deadline_text(hearing.date, lead, unit, latest.day)}，现已来不及",
                    "请将听证改期，或确认通知书已按时送达。",
                )

    def _latest(
        self, calendar: WorkCalendar, hearing: date, lead: int, unit: DayUnit
    ) -> CountedDay:
        """The latest notice day, warning when a year of the calendar had to be assumed."""
        latest = calendar.latest_notice_day(hearing, lead, unit)
        if latest.assumed_years:
            years = "、".join(str(y) for y in sorted(latest.assumed_years))
            self.warn(
                ("hearing", "date"),
                f"内置日历没有 {years} 年的放假安排，已按周一至周五上班推算通知期限",
                "如该年有节假日或调休，请在 docgen.yaml 的 holidays 下填写 days_off 和 workdays。",
            )
        return latest


def notice_deadline_text(hearing: date, lead: int, unit: DayUnit, latest: date) -> str:
    """`听证日期为…，按提前7日送达的要求，通知书最迟应于…送达`: one wording for every command."""
    return (
        f"听证日期为{_day(hearing)}，按提前{lead}{_UNIT_WORDS[unit]}送达的要求，"
        f"通知书最迟应于{_day(latest)}送达"
    )


def _day(day: date) -> str:
    return f"{day.isoformat()}（星期{_WEEKDAYS[day.weekday()]}）"
