"""`docgen render --kind`: a document kind named by its 文书名 or its identifier."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from conftest import CliInvoker

from docgen.cli.options import KindName
from docgen.kinds import KINDS

KIND = KindName({name: kind.title for name, kind in KINDS.items()})


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("听证通知书", "hearing_notice"),
        ("hearing_notice", "hearing_notice"),
        ("“一揽子”化解方案", "resolution_plan"),
        ('"一揽子"化解方案', "resolution_plan"),
        ("一揽子化解方案", "resolution_plan"),
        ("resolution_plan", "resolution_plan"),
        ("信访事项办结告知书", "closure_notice"),
    ],
)
def test_a_kind_is_named_by_its_title_or_identifier(written: str, kind: str) -> None:
    assert KIND.convert(written, None, None) == kind


def test_every_title_names_its_kind() -> None:
    for name, kind in KINDS.items():
        assert KIND.convert(kind.title, None, None) == name


def test_an_unknown_kind_lists_the_titles() -> None:
    with pytest.raises(click.BadParameter) as caught:
        KIND.convert("听证通告", None, None)
    assert caught.value.message == (
        "“听证通告”不是可生成的文书，应为以下之一：听证通知书、送达回证、听证公告、听证结果公示、"
        "“一揽子”化解方案、包案责任书、信访事项办结告知书、息诉罢访协议书、化解销号审批表、授权委托书、转送函。"
    )


def test_render_by_title_writes_only_that_kind(cli: CliInvoker, workspace: Path) -> None:
    result = cli("render", "--date", "2020-06-01", "--kind", "听证通知书", "XF2020-018")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (workspace / "output").rglob("*.docx"))
    assert written and all(name.startswith("听证通知书-") for name in written)


def test_render_an_unknown_kind_exits_2_in_chinese(cli: CliInvoker, workspace: Path) -> None:
    result = cli("render", "--kind", "听证通告")
    assert result.exit_code == 2
    assert "“听证通告”不是可生成的文书，应为以下之一：听证通知书、" in result.stderr
    assert not (workspace / "output").exists()
