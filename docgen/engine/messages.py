"""Clerk-facing Chinese messages for template errors, located at part, paragraph and tag.

A Jinja source line is the paragraph number plus one (source.py writes a newline before every
paragraph); these functions turn Jinja's errors, raised at compile or render time, into
TemplateErrors that name the template file, the part, the paragraph and the tag text.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import jinja2
from jinja2.exceptions import SecurityError

from docgen.engine import blocks, limits
from docgen.engine.filters import FilterError
from docgen.engine.limits import LimitError
from docgen.engine.source import Site
from docgen.errors import Location, TemplateError

_HINT_NAME: Final = "请检查变量名是否拼写正确，可用的变量见 docs/templates.md。"
HINT_SYNTAX: Final = "请在 Word/WPS 中改正这个标签；标签的写法见 docs/templates.md。"
_HINT_FILTER: Final = "请检查案件数据中的这一项，或在模板中换用合适的过滤器。"
_HINT_RUNTIME: Final = "请检查这个标签中的表达式和它用到的数据。"
_HINT_UNSAFE: Final = (
    "模板只能读取案件数据、使用 docs/templates.md 列出的过滤器，不能访问程序内部；"
    "请删除这个标签。来历不明的模板请勿使用。"
)
_CLERK_ERRORS: Final = (jinja2.TemplateError, FilterError, LimitError)
"""What a tag's expression raises on purpose: undefined names, sandbox refusals, bad data."""
_DOCGEN: Final = Path(__file__).parents[1]
_EXPLAINED: Final = (  # Python's errors a tag's expression raises -> what a clerk understands
    (ZeroDivisionError, "除数为零"),
    (TypeError, "类型不符（如把文字当数字计算）"),
    (KeyError, "没有这一项"),
    (AttributeError, "没有这一项"),
    (IndexError, "没有这一项（序号超出范围）"),
)
_UNDEFINED: Final = (
    re.compile(r"^'([^']+)' is undefined"),
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"has no element '?([^']+?)'?$"),
)
_EXPRESSION: Final = re.compile(r"[A-Za-z_]\w*(?:\s*\.\s*\w+|\[[^\]]*\])*")
_SYNTAX: Final = (  # Jinja's message -> Chinese, the first that matches
    (re.compile(r"^Encountered unknown tag '([^']+)'"), "不认识的标签“{0}”"),
    (re.compile(r"^No filter named '([^']+)'"), "没有名为“{0}”的过滤器"),
    (re.compile(r"^No test named '([^']+)'"), "没有名为“{0}”的判断（is …）"),
    (re.compile(r"^unexpected char ['\"](.+)['\"] at"), "标签中有不能识别或不配对的字符“{0}”"),
    (re.compile(r"^Expected an expression, got '(.+)'"), "缺少表达式（在“{0}”之前）"),
    (re.compile(r"^unexpected end of template"), "标签没有结束"),
    (re.compile(r"^unexpected '(.+?)', expected '(.+)'$"), "此处应为“{1}”，却是“{0}”"),
    (re.compile(r"^unexpected '(.+)'$"), "标签中有多余或不配对的“{0}”"),
    (re.compile(r"^expected token '(.+)', got '(.+)'$"), "此处应为“{0}”，却是“{1}”"),
    (re.compile(r"^Missing end of comment tag"), "注释标签 {{# … #}} 没有结束"),
)
_TOKENS: Final = {  # Jinja's names of tokens, as a clerk would type them
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "模板结尾",
    "name": "名称",
}


def located(file: str, part: str, line: int | None, message: str, hint: str) -> TemplateError:
    """A TemplateError at source `line` of `part`, shown as the paragraph number (line - 1)."""
    paragraph = line - 1 if line is not None and line > 1 else None
    return TemplateError(message, Location(Path(file), line=paragraph, field=part), hint)


def syntax_error(
    file: str, part: str, err: jinja2.TemplateSyntaxError, sites: Sequence[Site]
) -> TemplateError:
    """A Jinja syntax error in Chinese, at the paragraph of the tag that causes it."""
    if err.message and err.message.startswith("Unexpected end of template"):
        opener = blocks.innermost_unclosed(sites)
        if opener is not None:
            end = "end" + (blocks.keyword(opener.text) or "")
            message = f"标签 {opener.text} 没有对应的结束标签 {{% {end} %}}"
            return located(file, part, opener.line, message, HINT_SYNTAX)
    detail = err.message or ""
    for pattern, chinese in _SYNTAX:
        if match := pattern.search(detail):
            detail = chinese.format(*(_TOKENS.get(g, g) for g in match.groups()))
            break
    tags = [s.text for s in sites if s.line == err.lineno]
    return located(file, part, err.lineno, f"模板语法错误：{detail}{_quoted(tags)}", HINT_SYNTAX)


def unsafe_names(
    file: str, part: str, line: int, names: Iterable[str], sites: Sequence[Site]
) -> TemplateError:
    """Tags at `line` reaching for `names`: internals of Python or globals templates lack."""
    tags = [s.text for s in sites if s.line == line]
    written = " ".join(tags)
    shown = "、".join(f"“{n}”" for n in sorted(names, key=lambda n: (written.find(n), n)))
    message = f"模板标签使用了不允许的名称{shown}{_quoted(tags)}"
    return located(file, part, line, message, _HINT_UNSAFE)


def from_template(err: Exception, filename: str) -> bool:
    """Whether `err` comes from a tag of the template compiled as `filename`, not from docgen.

    Why:
        A tag's own operation (`{{ 1/0 }}`, a method of a value) fails inside the template's
        code, Jinja or Python; a TypeError raised by docgen's own code is a bug in docgen, to
        be reported as one with its traceback, not as a clerk's template error.
    """
    if isinstance(err, _CLERK_ERRORS):
        return True
    frames = traceback.extract_tb(err.__traceback__)
    innermost = frames[-1].filename if frames else filename
    return innermost == filename or not Path(innermost).is_relative_to(_DOCGEN)


def runtime_error(
    file: str, part: str, filename: str, tags: Mapping[int, Sequence[str]], err: Exception
) -> TemplateError:
    """`err`, raised while rendering `part` (compiled as `filename`), located at its tag."""
    frames = traceback.extract_tb(err.__traceback__)
    lines = [f.lineno for f in frames if f.filename == filename]
    line = lines[-1] if lines else None
    shown = list(tags.get(line, ())) if line is not None else []
    if isinstance(err, jinja2.UndefinedError):
        name = _undefined_name(str(err.message), shown)
        shown = [t for t in shown if name.split(".")[-1] in t][:1] or shown
        return located(file, part, line, f"模板变量未定义：{name}{_quoted(shown)}", _HINT_NAME)
    if isinstance(err, FilterError):
        return located(file, part, line, f"{err}{_quoted(shown)}", _HINT_FILTER)
    if isinstance(err, LimitError):
        return located(file, part, line, f"{err}{_quoted(shown)}", limits.HINT)
    if isinstance(err, SecurityError):
        message = f"模板标签访问了不允许的内容（{err}）{_quoted(shown)}"
        return located(file, part, line, message, _HINT_UNSAFE)
    detail = f"{type(err).__name__}: {err}"
    explained = next((words for kind, words in _EXPLAINED if isinstance(err, kind)), None)
    message = f"模板计算出错：{explained}（{detail}）" if explained else f"模板计算出错：{detail}"
    message += _quoted(shown)
    return located(file, part, line, message, _HINT_RUNTIME)


def _undefined_name(message: str, tags: list[str]) -> str:
    """The dotted expression a tag used for the undefined name in `message`: `recipient.nmae`."""
    name = next((m.group(1) for p in _UNDEFINED if (m := p.search(message))), message)
    for tag in tags:
        for expression in _EXPRESSION.findall(tag):
            compact = re.sub(r"\s+", "", expression)
            if compact == name or re.split(r"[.\[\]'\"]+", compact.rstrip("]'\""))[-1] == name:
                return compact
    return name


def _quoted(tags: list[str]) -> str:
    return f"（标签 {' '.join(tags)}）" if tags else ""
