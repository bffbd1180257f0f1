"""docgen/errors.py: where a problem is, how it reads, and whether it stops the run."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import (
    CaseError,
    CaseWarning,
    DocgenError,
    Location,
    Problems,
    SettingsError,
    TemplateError,
    UsageProblem,
    WorkspaceError,
)


def test_a_location_reads_file_line_column_and_field() -> None:
    assert str(Location(Path("cases/a.yaml"), 9, 3, "hearing.date")) == (
        "cases/a.yaml:9:3: hearing.date"
    )
    assert str(Location(Path("cases/a.yaml"), 9)) == "cases/a.yaml:9"
    assert str(Location(Path("cases/a.yaml"), field="id")) == "cases/a.yaml: id"
    assert str(Location(Path("a.docx"), None, 4)) == "a.docx"  # no column without a line


def test_an_error_reads_where_what_and_what_to_do() -> None:
    error = CaseError("不是有效日期", Location(Path("a.yaml"), 2, 5), hint="请按 YYYY-MM-DD 填写。")
    assert str(error) == "a.yaml:2:5: 不是有效日期\n  请按 YYYY-MM-DD 填写。"
    assert str(WorkspaceError("找不到文件")) == "找不到文件"
    assert (error.message, error.hint) == ("不是有效日期", "请按 YYYY-MM-DD 填写。")


def test_problems_read_as_a_count_then_one_per_line() -> None:
    problems = Problems([CaseError("甲"), SettingsError("乙", Location(Path("docgen.yaml"), 3))])
    assert str(problems) == "发现 2 个问题\n甲\ndocgen.yaml:3: 乙"
    assert len(problems.problems) == 2


def test_exit_status_labels_and_which_problems_stop_the_run() -> None:
    assert (DocgenError.exit_code, UsageProblem.exit_code, Problems([]).exit_code) == (1, 2, 1)
    for error in (CaseError, SettingsError, TemplateError, WorkspaceError, UsageProblem):
        assert (error.label, error.fatal) == ("错误", True)
    assert (CaseWarning.label, CaseWarning.fatal) == ("警告", False)


def test_every_error_class_that_is_labelled_a_warning_does_not_stop_the_run() -> None:
    def family(cls: type[DocgenError]) -> list[type[DocgenError]]:
        return [cls, *(sub for child in cls.__subclasses__() for sub in family(child))]

    for cls in family(DocgenError):
        assert (cls.label == "警告") == (not cls.fatal), cls
