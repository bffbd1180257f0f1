"""`check` and `render` do not read again a case file, or compile again a template, whose bytes
are what they were at the last run of the same context (`docgen.pipeline.memo`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_unchanged import resave

from docgen.engine import check_template, compiled
from docgen.pipeline import cases, check_cases, render_cases
from docgen.pipeline.intake import CaseRead, Reading
from docgen.pipeline.memo import Memo
from docgen.pipeline.templates import CLEAN_BUILT_INS
from docgen.workspace import Workspace, default_templates_dir

TODAY = date(2020, 6, 10)
MEMO = Path(".docgen") / "memo-check.json"


@pytest.fixture
def read_now(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The case files `check` really reads (it runs in this process)."""
    seen: list[str] = []
    real = cases.read_file

    def counting(reading: Reading, path: Path) -> CaseRead:
        seen.append(path.stem)
        return real(reading, path)

    monkeypatch.setattr(cases, "read_file", counting)
    yield seen


def check(example: Workspace, today: date = TODAY) -> tuple[list[str], list[str]]:
    report = check_cases(example, example.case_files(), today, jobs=1)
    return [str(e) for e in report.errors], [str(w) for w in report.warnings]


def test_a_second_check_reads_no_file_and_reports_the_same(
    example: Workspace, read_now: list[str]
) -> None:
    case_file = example.cases_dir / "XF2020-007.yaml"
    case_file.write_text(case_file.read_text("utf-8").replace("gender: 女", "gender: 男"), "utf-8")
    first = check(example)
    assert read_now == ["XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"]
    assert any("XF2020-007.yaml:16:" in warning for warning in first[1])
    read_now.clear()
    assert check(example) == first
    assert read_now == []


def test_an_edited_file_is_read_again_and_its_new_error_reported(
    example: Workspace, read_now: list[str]
) -> None:
    check(example)
    read_now.clear()
    case_file = example.cases_dir / "XF2020-025.yaml"
    case_file.write_text(case_file.read_text("utf-8") + "received: 2020-13-01\n", "utf-8")
    errors, _ = check(example)
    assert read_now == ["XF2020-025"]
    assert any("XF2020-025.yaml" in error and "received" in error for error in errors)
    read_now.clear()
    assert check(example)[0] == errors
    assert read_now == ["XF2020-025"], "a file with an error is always read again"


def test_another_day_or_other_settings_read_every_file_again(
    example: Workspace, read_now: list[str]
) -> None:
    check(example)
    read_now.clear()
    check(example, date(2020, 6, 11))
    assert len(read_now) == 4
    read_now.clear()
    settings = example.settings_file
    settings.write_text(settings.read_text("utf-8") + "\n# 新的一年\n", "utf-8")
    check(Workspace(example.root), date(2020, 6, 11))
    assert len(read_now) == 4


def test_the_memo_answers_for_an_unchanged_file(example: Workspace) -> None:
    """Proof that the memo is what answers: a remembered warning edited in it is shown."""
    check(example)
    memo = json.loads((example.root / MEMO).read_text("utf-8"))
    digest, entry = next(
        (digest, json.loads(text))
        for digest, text in memo["files"].items()
        if json.loads(text)["id"] == "XF2020-031"
    )
    entry["warnings"] = [["备忘中的提醒", [3, 1, "title"], "提示"]]
    memo["files"][digest] = json.dumps(entry, ensure_ascii=False)
    (example.root / MEMO).write_text(json.dumps(memo, ensure_ascii=False), "utf-8")
    _, warnings = check(example)
    assert "cases/XF2020-031.yaml:3:1: title: 备忘中的提醒\n  提示" in warnings


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b'{"format": 2, "context": 5, "templates": [], "files": []}',
        b"[]",
        b'{"format": 2, "context": "x", "templates": 3, "files": {}}',
    ],
)
def test_a_damaged_memo_is_ignored(example: Workspace, read_now: list[str], damage: bytes) -> None:
    first = check(example)
    (example.root / MEMO).write_bytes(damage)
    read_now.clear()
    assert check(example) == first
    assert len(read_now) == 4


def test_a_damaged_entry_is_read_again(example: Workspace, read_now: list[str]) -> None:
    first = check(example)
    memo = json.loads((example.root / MEMO).read_text("utf-8"))
    damaged = [
        "{",  # not JSON
        5,  # not text
        json.dumps({"id": "X", "at": [2, 1, "id"], "warnings": 7}),
        json.dumps({"id": "X", "at": [2, 1, "id"], "warnings": [[1, [None, "x", None], None]]}),
    ]
    memo["files"] = dict(zip(memo["files"], damaged, strict=True))
    (example.root / MEMO).write_text(json.dumps(memo), "utf-8")
    read_now.clear()
    assert check(example) == first
    assert len(read_now) == 4


def test_the_built_in_templates_known_clean_are_those_shipped_and_they_compile_cleanly() -> None:
    shipped = {path.stem: path.read_bytes() for path in default_templates_dir().glob("*.docx")}
    digests = {name: hashlib.sha256(blob).hexdigest() for name, blob in shipped.items()}
    assert digests == CLEAN_BUILT_INS, "a template changed: update templates.CLEAN_BUILT_INS"
    for name, blob in shipped.items():
        assert check_template(f"templates/{name}.docx", blob) == [], name


def test_a_template_is_compiled_again_only_when_it_changed(example: Workspace) -> None:
    compiled._build.cache_clear()
    check(example)
    assert compiled._build.cache_info().misses == 0, "the built-in templates are known clean"
    resave(example.templates_dir / "closure_notice.docx")
    check(example)
    assert compiled._build.cache_info().misses == 1, "the same template with other bytes"
    compiled._build.cache_clear()
    check(example)
    assert compiled._build.cache_info().misses == 0, "remembered as clean"
    export = example.templates_dir / "hearing_notice.docx"
    export.parent.mkdir(exist_ok=True)
    export.write_bytes(b"PK not a template")
    errors, _ = check(example)
    assert any("hearing_notice.docx" in error for error in errors)
    assert check(example)[0] == errors, "a template with a problem is checked every time"


def test_a_render_of_unchanged_cases_compiles_no_template_and_reads_no_case(
    example: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render_cases(example, example.case_files(), render_date=TODAY, today=TODAY, jobs=1)
    assert first.ok, first.errors
    compiled._build.cache_clear()
    read: list[Path] = []
    real = cases.request_numbers
    monkeypatch.setattr(cases, "request_numbers", lambda r, p: read.append(p) or real(r, p))
    again = render_cases(example, example.case_files(), render_date=TODAY, today=TODAY, jobs=1)
    assert again.ok and sorted(again.written) == sorted(first.written)
    assert read == []
    assert compiled._build.cache_info().misses == 0


def test_a_remembered_render_gives_the_same_numbers(example: Workspace) -> None:
    def numbers() -> dict[str, list[str]]:
        memo = json.loads((example.root / ".docgen" / "memo-render.json").read_text("utf-8"))
        entries = [json.loads(text) for text in memo["files"].values()]
        return {entry["id"]: entry["extra"]["requests"] for entry in entries}

    render_cases(example, example.case_files(), render_date=TODAY, today=TODAY, jobs=1)
    remembered = numbers()
    assert any(remembered.values()), "the examples' documents carry 文号"
    (example.output_dir / "XF2020-018").rename(example.root / "moved")  # render it again
    report = render_cases(example, example.case_files(), render_date=TODAY, today=TODAY, jobs=1)
    assert report.ok
    assert numbers() == remembered


def test_a_memo_that_cannot_be_written_is_no_error(example: Workspace) -> None:
    (example.root / ".docgen").mkdir(exist_ok=True)
    (example.root / MEMO).mkdir()  # a folder where the memo goes
    assert check(example) == check(example)
    assert Memo(example, "check", "x").recall(example.case_files()[0]) is None
