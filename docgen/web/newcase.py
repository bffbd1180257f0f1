"""新建案件: a form for the fields every case needs, written into the skeleton of `docgen new`.

The values go into the commented skeleton (so the file reads as one begun in an editor), the
result is checked as `docgen check` checks it, and only a case without errors is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from docgen.case.model import ASSESSMENT_LABELS, LEADER_ROLE_LABELS, LEVEL_LABELS, STAGE_LABELS
from docgen.errors import DocgenError
from docgen.pipeline import check_new_case_id, filled_case, new_case
from docgen.users import record_change
from docgen.web.actions import check_text
from docgen.web.common import (
    checked_form,
    office_of,
    page,
    problem_record,
    text_field,
    user_of,
)


@dataclass(frozen=True)
class Field:
    """One input of the form: its skeleton key, its label, its kind, its choices."""

    key: str  # as fill_skeleton names it: `title`, `petitioners.id_number`
    label: str
    kind: str = "text"  # text / date / select / textarea
    choices: tuple[str, ...] = ()
    optional: bool = False


FIELDS: Final = (
    Field("id", "案件编号"),
    Field("title", "案件名称"),
    Field("received", "首次信访日期", "date"),
    Field("source", "案件来源"),
    Field("category", "问题类别"),
    Field("stage", "程序阶段", "select", tuple(STAGE_LABELS.values())),
    Field("stage_received", "本阶段受理日期", "date"),
    Field("responsible_unit", "责任单位"),
    Field("petitioners.name", "信访人姓名"),
    Field("petitioners.gender", "性别", "select", ("男", "女")),
    Field("petitioners.id_number", "身份证号码"),
    Field("petitioners.phone", "联系电话", optional=True),
    Field("petitioners.address", "住址", optional=True),
    Field("requests.text", "诉求", "textarea"),
    Field("requests.assessment", "甄别结论", "select", tuple(ASSESSMENT_LABELS.values())),
    Field("leaders.name", "包案领导姓名"),
    Field("leaders.title", "职务"),
    Field("leaders.level", "层级", "select", tuple(LEVEL_LABELS.values())),
    Field("leaders.role", "包案职责", "select", tuple(LEADER_ROLE_LABELS.values())),
)
GROUPS: Final = (
    ("案件", ""),
    ("信访人", "petitioners."),
    ("诉求", "requests."),
    ("包案领导", "leaders."),
)
# lines of the skeleton the form does not ask for, left out so that their blanks do not fail
LEFT_OUT: Final = ("requests.basis", "history")
_INDEX: Final = re.compile(r"\[\d+\]")


def form_values(form: FormData) -> dict[str, str]:
    return {field.key: text_field(form, field.key) for field in FIELDS}


def skeleton_values(typed: dict[str, str]) -> dict[str, str | date | None]:
    """What the clerk typed, as fill_skeleton takes it: dates as dates, empty optionals gone.

    A date that is not one (the browser's date input sends YYYY-MM-DD) is kept as text, so
    that the check reports it beside its field.
    """
    values: dict[str, str | date | None] = dict.fromkeys(LEFT_OUT)
    for field in FIELDS:
        text = typed[field.key]
        if field.key == "id":
            continue
        if field.key == "stage_received" and not text:
            text = typed["received"]
        if field.optional and not text:
            values[field.key] = None
        elif field.kind == "date":
            values[field.key] = _date_or_text(text)
        else:
            values[field.key] = text
    return values


def _date_or_text(text: str) -> str | date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def field_of(problem: DocgenError) -> str:
    """The form field a located problem is about (`petitioners[0].id_number` → its input)."""
    where = problem.location
    named = _INDEX.sub("", where.field) if where and where.field else ""
    keys = {field.key for field in FIELDS}
    while named and named not in keys:
        named = named.rpartition(".")[0]
    return named


async def new_page(request: Request) -> Response:
    return _form(request, {field.key: "" for field in FIELDS}, [])


def _form(
    request: Request,
    typed: dict[str, str],
    problems: list[tuple[str, DocgenError]],
    status: int = 200,
) -> Response:
    """The form with what was typed, each problem beside its field (unplaced ones on top)."""
    beside: dict[str, list[dict[str, Any]]] = {}
    for key, problem in problems:
        beside.setdefault(key, []).append(problem_record(problem))
    return page(
        request, "new.html", status, fields=FIELDS, groups=GROUPS, typed=typed, beside=beside
    )


async def new_action(request: Request) -> Response:
    """新建案件: the form's values in the commented skeleton, checked, then written."""
    form = await checked_form(request)
    here = office_of(request)
    workspace = here.workspace()
    typed = form_values(form)
    case_id, today = typed["id"], here.today()
    try:
        check_new_case_id(workspace, case_id)  # before the id goes into any text
    except DocgenError as err:
        return _form(request, typed, [("id", err)], 400)
    text = filled_case(case_id, today, skeleton_values(typed))
    shown = str(Path("cases") / f"{case_id}.yaml")
    found = await run_in_threadpool(check_text, request, text, shown)
    errors = [(field_of(p), p) for p in found if p.fatal]
    if errors:
        return _form(request, typed, errors, 400)
    try:
        target = new_case(workspace, case_id, today, text)
    except DocgenError as err:  # made by another page since the check above
        return _form(request, typed, [("id", err)], 400)
    record_change(here.root, user_of(request), "new", target.stem)
    message = quote("已新建案件，检查通过。")
    return RedirectResponse(f"/case/{quote(target.stem)}?message={message}", 303)


ROUTES = [
    Route("/new", new_page),
    Route("/new", new_action, methods=["POST"]),
]
