"""Tests of docgen/located/quick.py: what it reads, it reads as composing and `tree.build` do."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from docgen.errors import CaseError
from docgen.located import composer, quick, reader, tree

FILE = Path("cases/a.yaml")
REPO = Path(__file__).resolve().parents[2]

READ = [
    "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: [1, 2]\n  x: {}\n",  # duplicates, at the top and below
    "a: {x: 1, x: 2}\na: {x: 3, x: 4}\n",  # each mapping counts its own first line
    "n: [0, 0x1F, 0o17, 017, 1_000, +5]\nm: 1:30\nl: 190:20:30\nf: [3500.50, 1e3, .inf, .nan]\n",
    "b: [yes, No, on, OFF, true, y, n]\nz: [~, null]\nempty:\nlast:\n",
    "d: [2020-02-30, '2020-06-12']\nt: 2001-12-14t21:59:43.10-05:00\ns: 2020-06-12 10:00\n",
    "q:\n  - \"双引号\"\n  - '单引号'\n  - plain  # comment\n  - a#b\n  - http://x:y\n",
    "yes: 1\nnull: 2\nno:\n  - {for: 王某, x: 1}\n",
    "# 注释\n\nid: XF1   # 编号\nlist:\n  - a: 1\n    b:\n      - x\n"
    "  -   c: 2\n  - [a, '', \"b\"]\n",
    "a: |\n  一行\n    缩进\n\n  # 不是注释\n\nb: |  # 说明\n  x\n# 注释\nc: |\n\nd: |\n",
    'p:\n  - name: 王\n    id: "41"\n'
    "  - {name: 李, title: 　全角空格　, when: 2020-6-1}\nu: []\nv: { }\n",
    "k: 𝟘 😀 x\nempty_quotes: ''\nx: 'a # b'\ny: \"[c]\"\n",
    "relief: [{kind: 困难救助, amount: 12000, payer: 县民政局}, {kind: x, amount: 1.5, x: ''}]\n",
    "r:  [ {a: 1} ,{b: 2},  {} ]  # c\ns: [{a: 1, a: 2}, {a: 3}]\n",
]
LEFT = [
    "a: &x 1\nb: *x\n",  # aliases
    "a: !!str 1\n",  # a tag
    "a: b\n  c\n",  # a value over two lines
    "a:\n- 1\n",  # a list at its key's column
    'a: "x\\ty"\n',  # an escape
    "a: 'it''s'\n",
    "a: >\n  folded\n",
    "a: |-\n  x\n",
    "a: |\n\n  x\n",  # a blank line first
    "a: [b, [c]]\n",
    "a: {b: {c: d}}\n",
    "a: [b, c\n",
    "a: b: c\n",
    "a: b:\n",
    "a:\tb\n",
    "a: b\r\n",
    "a: b",  # no line break at the end
    "- a\n",
    "just text\n",
    "---\na: 1\n",
    "",
    "# only a comment\n",
    "a: 1" + "0" * 5000 + "\n",  # too long for int(): the constructor places it
    "a: {b: ?c}\n",  # PyYAML's parser and libyaml differ on `?` inside `{…}`
    "a: [x,]\n",
    "a: [{b: 1},]\n",
    "a: [{b: [1]}]\n",
    "a: [{b: 1}, 2]\n",
    "a:\n  - \n",
]


def composed(text: str) -> tuple[object, ...] | None:
    """What the reader makes of `text` by composing it, or None where it cannot."""
    try:
        node = composer.compose(text)
    except yaml.YAMLError:
        return None
    found = None if node is None else tree.build(node, FILE, CaseError, reader._SCALARS)
    return None if found is None else summary(found)


def summary(found: tree.Tree) -> tuple[object, ...]:
    """Everything the reader keeps, with the order of keys and the types of values."""
    marks = [(path, found.locations[path]) for path in found.locations]
    plain = list(found.plain_scalars.items())
    return repr(found.data), marks, plain, [str(problem) for problem in found.problems]


def quickly(text: str) -> tuple[object, ...] | None:
    found = quick.build(text, FILE, CaseError, reader._SCALARS)
    return None if found is None else summary(found)


@pytest.mark.parametrize("text", READ)
def test_reads_plainly_written_yaml_as_composing_does(text: str) -> None:
    read = quickly(text)
    assert read is not None
    assert read == composed(text)


@pytest.mark.parametrize("text", LEFT)
def test_leaves_everything_else_to_the_composer(text: str) -> None:
    assert quickly(text) is None


def examples() -> list[str]:
    """The example cases, the settings, and the skeletons filled in as `docgen new` fills them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "cases").glob("*.yaml"))]
    texts.append((REPO / "docgen.yaml").read_text(encoding="utf-8"))
    for skeleton in sorted((REPO / "docgen" / "skeletons").glob("*_case.yaml")):
        text = skeleton.read_text(encoding="utf-8")
        text = re.sub(r"@YEAR-(\d)@", lambda m: str(2020 - int(m[1])), text)
        text = text.replace("@YEAR@", "2020").replace("@TODAY@", "2020-06-12")
        text = text.replace("{case_id}", "XF2020-001")
        texts.append(text)
        opened = re.sub(r"(?m)^( *)# (?=( *)(- |[a-z_]+:))", r"\1", text)  # sections enabled
        texts.append(opened)
    return texts


def test_reads_the_examples_as_composing_does() -> None:
    for text in examples():
        read = quickly(text)
        assert read is not None, text[:60]
        assert read == composed(text), text[:60]


_EDITS = [
    *" :#-'\"[]{},|>&*!?%@`\\\nx中1.~",
    *["  ", "\n  ", ": ", " #", "- ", "    ", "yes", "~", "0x1F", "1:30", "2020-6-1", "{a: b}"],
    *["[{a: b}, {c: 1.5}]", "{", "}"],
]


def _edited(text: str, rng: random.Random) -> str:
    """`text` with one to three small edits, the kind a clerk's typing makes."""
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        line = lines[i]
        at = rng.randrange(len(line) + 1)
        choice = rng.random()
        if choice < 0.4:
            lines[i] = line[:at] + rng.choice(_EDITS) + line[at:]
        elif choice < 0.6:
            lines[i] = line[:at] + line[at + 1 :]
        elif choice < 0.75:
            lines[i] = " " * rng.randint(1, 3) + line
        elif choice < 0.9:
            lines[i] = line[rng.randint(1, 3) :] if line.startswith(" ") else line
        else:
            lines.insert(i, line)
        text = "\n".join(lines)
    return text


def test_reads_edited_examples_as_composing_does_or_leaves_them() -> None:
    rng = random.Random(20201202)
    texts = examples()
    read = 0
    for _ in range(600):
        text = _edited(rng.choice(texts), rng)
        found = quickly(text)
        if found is not None:
            read += 1
            assert found == composed(text), text
    assert read > 50  # the edits leave most files readable, so the comparison means something


def test_the_reader_takes_the_quick_way_for_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_composing(*_: object) -> object:
        raise AssertionError("composed")

    monkeypatch.setattr(composer, "compose", no_composing)
    for case in sorted((REPO / "cases").glob("*.yaml")):
        assert reader.load_located(case.read_bytes(), FILE).data is not None


@pytest.mark.parametrize(
    "value",
    ["", "中文", "yes", "No", "~", "null", "12", "+5", "-1", ".inf", "2020-6-1", "<<", "=", "x"],
)
def test_plain_tag_answers_as_pyyaml_s_resolver(value: str) -> None:
    """`plain_tag` answers "text" from the first character alone unless PyYAML may not."""
    assert None not in yaml.resolver.Resolver.yaml_implicit_resolvers  # no resolver for any start
    assert composer.plain_tag(value) == composer._plain_resolve(
        yaml.ScalarNode, value, (True, False)
    )
