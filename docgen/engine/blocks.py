"""Check Jinja blocks against the XML tree: each block's tags must sit at one level.

`{% if %}` in a body paragraph and `{% endif %}` in a table cell compile, but when the condition
is false the output loses the start of the table and keeps its end: malformed XML. So every
pair of consecutive tags of a block (if, elif, else, endif …) must have the same element names
between their common ancestor and themselves; then whatever the block skips or repeats closes
exactly the elements it opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from docgen.engine.source import Problem, Site
from docgen.engine.statements import keyword as keyword

_OPENERS: Final = frozenset(
    {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}
)
_MIDDLES: Final = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}
_HINT: Final = (
    "成对的标签要在同一层级：都写在段落文字里，或都用 {%p %} 各占一段，或都用 {%tr %} 各占"
    "表格的一行；不要一个在表格里、一个在表格外。"
)


def level_problems(sites: Iterable[Site]) -> list[Problem]:
    """Every block boundary that does not sit at the level of the previous one of its block."""
    problems: list[Problem] = []
    stack: list[tuple[str, Site]] = []  # (opening statement, latest boundary)
    for site in _statements(sites):
        word = keyword(site.text) or ""
        if word in _OPENERS or word == "set":
            stack.append((word, site))
        elif stack and (word in _MIDDLES and stack[-1][0] in _MIDDLES[word]):
            opener, previous = stack[-1]
            problems += _compare(previous, site)
            stack[-1] = (opener, site)
        elif stack and word == "end" + stack[-1][0]:
            problems += _compare(stack.pop()[1], site)
    return problems


def balance_problems(sites: Iterable[Site]) -> list[Problem]:
    """Every block left open, every closing or middle tag without its opening, at once.

    Why:
        Jinja stops at the first; a clerk repairing a template edited by several hands wants
        the whole list. A closing tag that skips open blocks (`{% endfor %}` while an `if`
        inside the `for` is open) closes them, each reported as left open.
    """
    problems: list[Problem] = []
    stack: list[tuple[str, Site]] = []
    for site in _statements(sites):
        word = keyword(site.text) or ""
        if word in _OPENERS or word == "set":
            stack.append((word, site))
        elif word in _MIDDLES:
            if not stack or stack[-1][0] not in _MIDDLES[word]:
                opener = "、".join(f"{{% {w} %}}" for w in sorted(_MIDDLES[word]))
                problems.append(_stray(site, f"标签 {site.text} 不在 {opener} 块中"))
        elif word.startswith("end") and word[3:] in _OPENERS | {"set"}:
            opened = [w for w, _ in stack]
            if word[3:] not in opened:
                problems.append(_stray(site, f"标签 {site.text} 前面没有对应的 {{% {word[3:]} %}}"))
                continue
            while stack[-1][0] != word[3:]:
                problems.append(_unclosed(stack.pop()[1]))
            stack.pop()
    problems += [_unclosed(site) for _, site in reversed(stack)]
    return sorted(problems, key=lambda problem: problem.line)


def _unclosed(site: Site) -> Problem:
    end = "end" + (keyword(site.text) or "")
    return Problem(site.line, site.text, f"标签 {site.text} 没有对应的结束标签 {{% {end} %}}", "")


def _stray(site: Site, message: str) -> Problem:
    return Problem(site.line, site.text, message, "")


def innermost_unclosed(sites: Iterable[Site]) -> Site | None:
    """The opening tag of the innermost block left open at the end, if any."""
    stack: list[tuple[str, Site]] = []
    for site in _statements(sites):
        word = keyword(site.text) or ""
        if word in _OPENERS or word == "set":
            stack.append((word, site))
        elif stack and word == "end" + stack[-1][0]:
            stack.pop()
    return stack[-1][1] if stack else None


def _statements(sites: Iterable[Site]) -> Iterable[Site]:
    """The `{% %}` tags, without those inside `{% raw %}` (Jinja reads them as text)."""
    raw = False
    for site in sites:
        word = keyword(site.text)
        if word is None:
            continue
        if raw and word != "endraw":
            continue
        raw = word == "raw"
        yield site


def _compare(first: Site, second: Site) -> list[Problem]:
    common = 0
    for a, b in zip(first.path, second.path, strict=False):
        if a != b:
            break
        common += 1
    below_first = [name for _, name in first.path[common:]]
    below_second = [name for _, name in second.path[common:]]
    if below_first == below_second:
        return []
    return [
        Problem(
            second.line,
            second.text,
            f"标签 {second.text} 与第 {max(first.line - 1, 1)} 段的 {first.text} 不在同一层级"
            f"（前者{_describe(below_first)}，后者{_describe(below_second)}），生成的文档会损坏",
            _HINT,
        )
    ]


def _describe(names: list[str]) -> str:
    local = [name.rpartition("}")[2] for name in names]
    if "tc" in local:
        return "在表格单元格里"
    if "tr" in local or "tbl" in local:
        return "在表格里"
    if "t" in local:
        return "在段落文字里"
    return "独占一段"
