"""docgen/skeletons: the case skeleton's commented blocks, uncommented, give a valid case."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from docgen.case import parse_case
from docgen.settings import parse_settings
from docgen.skeletons import case_skeleton, fill_skeleton, settings_skeleton

TODAY = date(2026, 12, 2)
FILE = Path("cases/XF2026-001.yaml")
BLOCKS = ("委托代理人", "转送政法机关", "听证安排", "化解方案", "办结情况", "息诉罢访协议")
HANDLED_HERE = tuple(block for block in BLOCKS if block != "转送政法机关")  # a transfer ends it
FILLED = {"id_number": '"419901196503122032"', "phone": '"13803710001"'}


def filled(text: str) -> str:
    """The skeleton with every blank a clerk must fill in filled, each with its own text."""
    serial = itertools.count(1)
    text = re.sub(r'(\w+): ""', lambda m: f"{m[1]}: {FILLED.get(m[1], f'甲{next(serial)}')}", text)
    return text.replace('""', f"乙{next(serial)}")


def uncommented(text: str, blocks: tuple[str, ...]) -> str:
    """`text` with the `# ` taken off each line of `blocks`, as a clerk (or an editor) does.

    A block runs from its `## ── 名称：` line to the next blank line or the next block.
    """
    lines, block = [], None
    for line in text.splitlines():
        header = re.match(r"## ── (\S+?)：", line)
        if header:
            block = header[1]
        elif not line.strip():
            block = None
        elif block in blocks and line.startswith("# "):
            line = line[2:]
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if "委托代理人" in blocks:  # the agent acts for the first petitioner, as a clerk would write
        principal = re.search(r"^  - name: (\S+)", text, re.M)
        assert principal is not None
        text = re.sub(r"^    for: \S+", f"    for: {principal[1]}", text, flags=re.M)
        before, agents = text.split("\nagents:\n")
        agents = agents.replace(FILLED["id_number"], '"11010519491231002X"', 1)
        text = f"{before}\nagents:\n{agents}"
    if "转送政法机关" in blocks:  # only a 涉法涉诉 case is transferred
        text = text.replace("legal_track: false", "legal_track: true")
    return text


def parse(text: str) -> list[str]:
    """The warnings of the case `text`, read on TODAY with the settings `init` writes."""
    settings = parse_settings(settings_skeleton(TODAY.year, True).encode(), Path("docgen.yaml"))
    loaded = parse_case(text.encode(), FILE, settings, TODAY)
    return [str(warning) for warning in loaded.warnings]


def test_the_skeleton_says_where_the_field_reference_is_and_shows_every_block() -> None:
    text = case_skeleton("XF2026-001", TODAY)
    assert "docgen help case" in text.splitlines()[0]
    for block in BLOCKS:
        assert f"## ── {block}：" in text
    for key in ("agents", "transfer", "hearing", "plan", "closure", "agreement"):
        assert re.search(rf"^#\s+{key}:", text, re.M), key  # commented out
    assert "2026-12-02" in text and "@TODAY@" not in text


@pytest.mark.parametrize(
    "blocks",
    [
        (),
        ("委托代理人",),
        ("转送政法机关",),
        ("听证安排",),
        ("化解方案",),
        ("办结情况",),
        ("办结情况", "息诉罢访协议"),
        HANDLED_HERE,
    ],
    ids=lambda blocks: "+".join(blocks) or "none",
)
def test_uncommenting_blocks_gives_a_valid_case_without_warnings(blocks: tuple[str, ...]) -> None:
    text = uncommented(filled(case_skeleton("XF2026-001", TODAY)), blocks)
    assert parse(text) == []
    case = parse_case(text.encode(), FILE, parse_settings(b"", Path("d.yaml")), TODAY).case
    assert bool(case.agents) == ("委托代理人" in blocks)
    assert (case.transfer is not None) == ("转送政法机关" in blocks)
    assert (case.hearing is not None) == ("听证安排" in blocks)
    assert (case.plan is not None) == ("化解方案" in blocks)
    assert (case.closure is not None) == ("办结情况" in blocks)
    assert (case.closure is not None and case.closure.agreement is not None) == (
        "息诉罢访协议" in blocks
    )


def test_an_editor_that_takes_one_hash_off_every_line_gives_the_same_case() -> None:
    text = filled(case_skeleton("XF2026-001", TODAY))
    start = text.index("## ── 听证安排")
    head, blocks = text[:start], text[start:]
    toggled = "\n".join(
        line[2:] if line.startswith("# ") else line.removeprefix("#")
        for line in blocks.splitlines()
    )
    assert parse(head + toggled + "\n") == []


def test_filling_the_skeleton_quotes_values_and_keeps_every_comment() -> None:
    skeleton = case_skeleton("XF2026-001", TODAY)
    values: dict[str, str | date | None] = {
        "title": '甲: #乙 "丙"\n丁',
        "received": date(2026, 11, 30),
        "petitioners.id_number": "419901196503122032",
        "petitioners.phone": None,
        "requests.text": "true",
        "leaders.name": "张三, role: 协助}",
        "leaders.role": "牵头",
        "history": None,
    }
    text = fill_skeleton(skeleton, values)
    loaded = yaml.safe_load(text)
    assert loaded["title"] == '甲: #乙 "丙"\n丁' and loaded["received"] == date(2026, 11, 30)
    assert loaded["petitioners"] == [
        {"name": "", "gender": "男", "id_number": "419901196503122032", "address": ""}
    ]
    assert loaded["requests"][0]["text"] == "true"
    assert loaded["leaders"] == [
        {"name": "张三, role: 协助}", "title": "", "level": "县级", "role": "牵头"}
    ]
    assert "history" not in loaded and loaded["stage_received"] == TODAY
    comments = [line for line in skeleton.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    assert text.count("# 18 位身份证号码") == skeleton.count("# 18 位身份证号码")
    assert fill_skeleton(skeleton, {}) == skeleton


def test_text_yaml_would_misread_or_refuse_is_escaped() -> None:
    odd = "a\u2028b\x85c\x7fd\u3000e\U0001f600"
    text = fill_skeleton(case_skeleton("XF2026-001", TODAY), {"title": odd})
    assert yaml.safe_load(text)["title"] == odd
    assert len(text.splitlines()) == len(case_skeleton("XF2026-001", TODAY).splitlines())
