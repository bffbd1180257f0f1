"""Tests of docgen/case/model.py: the records' types, defaults and immutability."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from docgen.case import (
    ASSESSMENT_LABELS,
    CHOICE_LABELS,
    LEVEL_LABELS,
    STAGE_LABELS,
    Case,
    Hearing,
    Petitioner,
    Relief,
)
from docgen.case.model import (
    HISTORY_LEVEL_LABELS,
    LEADER_ROLE_LABELS,
    Assessment,
    HistoryLevel,
    LeaderLevel,
    LeaderRole,
    Stage,
    StrictModel,
)

MINIMAL: dict[str, object] = {
    "id": "XF2020-001",
    "title": "王建国反映土地征收补偿问题",
    "received": "2019-03-02",
    "source": "县信访局登记",
    "category": "征地拆迁",
    "petitioners": [{"name": "王建国", "id_number": "11010519491231002x"}],
    "requests": [{"text": "要求补足土地补偿款", "assessment": "reasonable"}],
    "responsible_unit": "县自然资源局",
    "leaders": [{"name": "李明", "title": "副县长", "level": "county"}],
}


def error_types(
    data: Mapping[str, object], model: type[BaseModel] = Case
) -> list[tuple[object, ...]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(*e["loc"], e["type"]) for e in caught.value.errors()]


def all_models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """`model` and every record class reachable from its fields."""
    found = {model}
    for field in model.model_fields.values():
        for inner in _types_in(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in found:
                found |= all_models(inner)
    return found


def _types_in(annotation: object) -> list[object]:
    args = typing.get_args(annotation)
    return [annotation, *(t for arg in args for t in _types_in(arg))]


class TestCase:
    def test_dumps_plain_data_dates_decimals_and_strings(self) -> None:
        data = {
            **MINIMAL,
            "plan": {
                "goal": "息诉罢访",
                "measures": [
                    {"action": "复核", "unit": "县自然资源局", "owner": "张华", "due": "2020-6-1"}
                ],
                "relief": [{"kind": "困难救助", "amount": 3500.5, "payer": "城关镇人民政府"}],
                "deadline": "2020-06-30",
            },
        }
        dumped = Case.model_validate(data).model_dump()
        assert dumped["received"] == date(2019, 3, 2)
        assert dumped["petitioners"][0]["id_number"] == "11010519491231002X"
        assert dumped["requests"][0]["assessment"] == "reasonable"
        assert dumped["plan"]["measures"][0]["due"] == date(2020, 6, 1)
        amount = dumped["plan"]["relief"][0]["amount"]
        assert (type(amount), amount) == (Decimal, Decimal("3500.5"))

    def test_fills_the_documented_defaults(self) -> None:
        case = Case.model_validate(MINIMAL)
        assert (case.legal_track, case.history, case.analysis) == (False, (), "")
        assert (case.hearing, case.plan, case.closure) == (None, None, None)

    def test_is_frozen(self) -> None:
        case = Case.model_validate(MINIMAL)
        with pytest.raises(ValidationError):
            case.__setattr__("title", "改名")  # pydantic's own check, as `case.title = …` runs
        assert isinstance(case.petitioners, tuple)

    def test_refuses_unknown_keys_at_every_level(self) -> None:
        data = {
            **MINIMAL,
            "titel": "x",
            "petitioners": [{"name": "a", "id_number": "11010519491231002X", "age": 3}],
        }
        assert error_types(data) == [
            ("petitioners", 0, "age", "extra_forbidden"),
            ("titel", "extra_forbidden"),
        ]

    def test_reports_a_bad_item_without_also_calling_the_list_empty(self) -> None:
        data = {**MINIMAL, "petitioners": [{"name": "a", "id_number": "1"}]}
        assert error_types(data) == [("petitioners", 0, "id_number", "id_number_length")]

    def test_refuses_an_empty_required_list(self) -> None:
        assert error_types({**MINIMAL, "leaders": []}) == [("leaders", "list_empty")]

    def test_takes_only_true_or_false_for_flags(self) -> None:
        assert error_types({**MINIMAL, "legal_track": "是"}) == [("legal_track", "bool_type")]
        assert error_types({**MINIMAL, "legal_track": 1}) == [("legal_track", "bool_type")]

    def test_refuses_a_date_given_as_a_number(self) -> None:
        assert error_types({**MINIMAL, "received": 20190302}) == [("received", "date_type")]

    def test_refuses_a_date_outside_1900_to_2100_as_text_or_as_a_date(self) -> None:
        for day in ("0001-01-01", date(9999, 12, 31)):
            assert error_types({**MINIMAL, "received": day}) == [("received", "date_out_of_range")]

    def test_refuses_blank_required_text(self) -> None:
        assert error_types({**MINIMAL, "title": "  "}) == [("title", "string_too_short")]

    def test_describes_every_field_in_chinese(self) -> None:
        undescribed = [
            f"{model.__name__}.{name}"
            for model in all_models(Case)
            for name, field in model.model_fields.items()
            if not field.description
        ]
        assert not undescribed

    def test_makes_every_record_strict_and_frozen(self) -> None:
        for model in all_models(Case):
            assert issubclass(model, StrictModel)
            assert model.model_config.get("extra") == "forbid"
            assert model.model_config.get("frozen") is True


class TestRecords:
    def test_amounts_are_exact_decimals(self) -> None:
        relief = Relief.model_validate({"kind": "k", "amount": 0.1, "payer": "p"})
        assert relief.amount == Decimal("0.1")

    @pytest.mark.parametrize("amount", ["12000", True, None])
    def test_amounts_must_be_numbers(self, amount: object) -> None:
        data = {"kind": "k", "amount": amount, "payer": "p"}
        assert error_types(data, Relief) == [("amount", "amount_type")]

    def test_a_hearing_needs_a_host_with_a_title(self) -> None:
        data = {"date": "2020-06-12", "time": "9:30", "place": "p", "host": {"name": "孙丽"}}
        assert error_types(data, Hearing) == [("host", "title", "missing")]

    def test_a_hearing_time_is_normalised(self) -> None:
        data = {
            "date": "2020-06-12",
            "time": "9:30",
            "place": "p",
            "host": {"name": "a", "title": "b"},
        }
        hearing = Hearing.model_validate(data)
        assert (hearing.time, hearing.public, hearing.panel) == ("09:30", True, ())

    def test_a_petitioner_phone_is_checked(self) -> None:
        data = {"name": "a", "id_number": "11010519491231002X", "phone": "138"}
        assert error_types(data, Petitioner) == [("phone", "phone_format")]


class TestChoiceLabels:
    def test_every_choice_value_has_its_chinese_name(self) -> None:
        assert set(ASSESSMENT_LABELS) == set(typing.get_args(Assessment))
        assert set(LEVEL_LABELS) == set(typing.get_args(LeaderLevel))
        assert set(STAGE_LABELS) == set(typing.get_args(Stage))
        assert set(LEADER_ROLE_LABELS) == set(typing.get_args(LeaderRole))
        assert set(HISTORY_LEVEL_LABELS) == set(typing.get_args(HistoryLevel))
        assert CHOICE_LABELS == {
            **ASSESSMENT_LABELS,
            **LEVEL_LABELS,
            **STAGE_LABELS,
            **LEADER_ROLE_LABELS,
            **HISTORY_LEVEL_LABELS,
        }

    def test_names_the_values_as_documents_print_them(self) -> None:
        assert dict(ASSESSMENT_LABELS) == {
            "reasonable": "合理",
            "partly": "部分合理",
            "unreasonable": "不合理",
        }
        assert dict(LEVEL_LABELS) == {"county": "县级", "township": "乡镇级"}
