"""The Jinja environments: sandboxed, strict, autoescaped for XML, with filters and Word breaks.

Templates are files clerks edit and exchange between offices, so they run in Jinja's immutable
sandbox: no attribute starting with `_`, no Python internals, no method that changes data, and
the resource limits of `limits.py`. Of Jinja's globals, `range` (limited), `dict` and
`namespace` stay; `cycler`, `joiner` and `lipsum` are dropped: official documents need none of
them (`loop.cycle` remains), and each is one more object whose internals a tag could probe.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from io import StringIO
from types import CodeType
from typing import Any, Final, TypeVar

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from docgen.engine import images, limits
from docgen.engine.filters import FILTERS, FilterError
from docgen.engine.images import Image
from docgen.engine.rich import is_rich_text, rich_runs

WORD_XML_TEST: Final = "word_xml"
"""Name of the Jinja test telling prepared XML (a `WordXml` value) from data."""
LINES_FUNCTION: Final = "_docgen_lines"
"""Name of the Jinja global splitting a `{{p }}` value into its paragraphs' lines."""
COUNTED_FUNCTION: Final = "_docgen_counted"
"""Name of the Jinja global every `{% for %}` iterates through, counting its iterations."""
SIZED_FUNCTION: Final = "_docgen_sized"
"""Name of the Jinja global refusing a `~` concatenation that grew too long."""
RICH_TEXT_TEST: Final = "rich_text"
"""Name of the Jinja test telling a `RichText` value."""
RICH_FUNCTION: Final = "_docgen_rich"
"""Name of the Jinja global writing a `RichText` value as runs."""
SPAN_FUNCTION: Final = "_docgen_span"
"""Name of the Jinja global checking the column count of `{% colspan n %}`."""
COLOUR_FUNCTION: Final = "_docgen_colour"
"""Name of the Jinja global checking the colour of `{% cellbg c %}`."""
MAX_SPAN: Final = 63
"""Word's limit on the columns of a table."""
DROPPED_GLOBALS: Final = ("cycler", "joiner", "lipsum")
"""Jinja's default globals that templates do not get."""

_COLOUR: Final = re.compile(r"(?:[0-9A-Fa-f]{6}|auto)")
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WORD_SPECIAL: Final = re.compile("\r\n?|[\n\t\x0c]")
_LINE_BREAK: Final = re.compile("\r\n?|\n")
_TEXT_LINE_BREAK: Final = re.compile("(?:\r\n?|\n)(?!<)")  # not the newline before a `<w:p>`
_REOPEN: Final = '</w:t>{}<w:t xml:space="preserve">'
_WORD_BREAKS: Final = {
    "\n": _REOPEN.format("<w:br/>"),
    "\r": _REOPEN.format("<w:br/>"),
    "\r\n": _REOPEN.format("<w:br/>"),
    "\t": _REOPEN.format("<w:tab/>"),
    "\x0c": _REOPEN.format('<w:br w:type="page"/>'),
}
_REMEMBERED: Final = 4096
"""Texts `finalize` remembers what it made of, per environment; all are forgotten past that."""
_REMEMBERED_CHARS: Final = 256
"""Longest text remembered: names, dates, places, sentences; not whole paragraphs."""
_DICT_NAMES: Final = frozenset(name for klass in dict.__mro__ for name in vars(klass))
"""Every attribute a plain dict has: `items`, `keys`, `__class__` …"""
_LOOP_NAMES: Final = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"}
    | {"previtem", "nextitem"}
)
"""The values (no methods) `loop` offers a template; the sandbox finds each of them safe."""
_T = TypeVar("_T")
# Filters that return HTML as Markup would put raw markup into WordprocessingML.
_UNSAFE_FILTERS: Final = ("safe", "urlize", "xmlattr")


class WordXml(Markup):
    """Prepared WordprocessingML: printed into the document as it is, never escaped.

    `{{ x }}` writes it inside a `w:t`, `{{r x }}` in place of the run and `{{p x }}` in place
    of the paragraph, so it must be XML that fits there (`<w:p>…</w:p>` for `{{p }}`).

    Why:
        With autoescape on, Jinja returns `Markup` for much that is text: a macro's output, a
        `{% set %}…{% endset %}` block, `|e`, `|forceescape`, `|tojson`. Only a value of this
        class, made by code, is taken for XML; any other `Markup` is escaped text.
    """

    __slots__ = ()


def word_text(value: object) -> Markup:
    """`value` as the content of a `w:t`: escaped, newlines as `w:br`, tabs as `w:tab`.

    Why:
        A value is data, never markup: `&`, `<` and `{{` print as written. A `w:t` cannot hold a
        line break, so the text element is closed, `<w:br/>` written and a new `w:t` opened
        inside the same run, which keeps the run's formatting. Characters XML forbids are
        dropped rather than corrupting the part; `\\f` is a page break, as in docxtpl.
    """
    if isinstance(value, WordXml):
        return value  # prepared XML, written as it is
    if isinstance(value, Image):
        return Markup(_REOPEN.format(images.place(value)))  # a drawing inside the same run
    text = _legal(str(value)) if isinstance(value, Markup) else _plain(value)
    if _WORD_SPECIAL.search(text):
        text = _WORD_SPECIAL.sub(lambda m: _WORD_BREAKS[m.group()], text)
    return Markup(text)


def plain_text(value: object) -> Markup:
    """`value` as XML character data outside the document body (core properties).

    A `WordXml` value gives its text without the markup: a property holds no runs.
    """
    if isinstance(value, WordXml):
        text = _plain(value.striptags())
    else:
        text = _legal(str(value)) if isinstance(value, Markup) else _plain(value)
    return Markup(text.replace("\x0c", ""))


def paragraph_lines(value: object) -> list[object]:
    """The lines of `value`, one for each paragraph `{{p value }}` writes; at least one.

    A line break ends a line; a final one opens no empty paragraph. `Markup` (escaped text, such
    as a macro's output) is split only at its own line breaks, not at the newline Jinja source
    holds before each `<w:p>`, and its lines stay `Markup`, so they are not escaped twice.
    """
    if value is None:
        return [""]
    if isinstance(value, Image):
        return [value]
    if isinstance(value, Markup):
        lines: list[object] = [Markup(line) for line in _TEXT_LINE_BREAK.split(value)]
    else:
        lines = list(_LINE_BREAK.split(value if type(value) is str else str(value)))
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def cell_span(value: object) -> str:
    """The column count of `{% colspan n %}` as an attribute value: a whole number, 1 to 63."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FilterError(f"colspan：列数应为 1 到 {MAX_SPAN} 的整数（“{value}”）")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_SPAN:
        raise FilterError(f"colspan：列数应为 1 到 {MAX_SPAN} 的整数（“{value}”）")
    return str(int(text))


def cell_colour(value: object) -> str:
    """The colour of `{% cellbg c %}` as an attribute value: six hex digits (`FF0000`) or auto.

    A leading `#` is dropped, as clerks copy colours from web pages.
    """
    text = str(value).strip().removeprefix("#") if isinstance(value, str) else ""
    if not _COLOUR.fullmatch(text):
        raise FilterError(f"cellbg：颜色应为六位十六进制数，如 FF0000（“{value}”）")
    return text.upper() if text != "auto" else text


def _plain(value: object) -> str:
    """`value` escaped for XML, without the characters XML forbids; None prints as nothing."""
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    else:
        text = str(value)  # a StrictUndefined raises UndefinedError here
    return _legal(str(escape(text)))


def _legal(text: str) -> str:
    """`text` without the characters XML forbids."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _is_word_xml(value: object) -> bool:
    return isinstance(value, WordXml)


def _strict(function: Callable[..., _T]) -> Callable[..., _T]:
    """`function` that reports an undefined argument as undefined, not as a bad value."""

    @functools.wraps(function)
    def checked(*args: object, **kwargs: object) -> _T:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return function(*args, **kwargs)

    return checked


def _as_it_is(function: Callable[..., _T]) -> Callable[..., _T]:
    return function


def _bounded(function: Callable[..., _T]) -> Callable[..., _T]:
    """Jinja's own filter `function`, refusing a width or result past `limits.MAX_SIZE`.

    Why:
        `center(10**10)`, `indent(10**10)` or `join` of a long repeated list would build a
        string of gigabytes; docgen's own filters return short text and are not wrapped.
    """

    @functools.wraps(function)
    def bounded(*args: object, **kwargs: object) -> _T:
        for arg in (*args[1:], *kwargs.values()):
            if isinstance(arg, int):
                limits.check_size(arg)
        result = function(*args, **kwargs)
        limits.check_value(result)
        return result

    return bounded


def _limited(finalize: Callable[[object], Markup]) -> Callable[[object], Markup]:
    """`finalize` that first checks the clock and the size of the value printed, and remembers
    what it made of short text.

    Why:
        A batch prints the same office, names, dates and places in document after document;
        text of up to `_REMEMBERED_CHARS` is escaped and searched for line breaks once, and its
        size, far below `limits.MAX_SIZE`, needs no check. `finalize` of a `str` depends on the
        text alone (an image or an undefined value is no `str`, and is never remembered).
    """
    made: dict[str, Markup] = {}

    def checked(value: object) -> Markup:
        limits.check_time()
        if type(value) is str and len(value) <= _REMEMBERED_CHARS:
            result = made.get(value)
            if result is None:
                if len(made) >= _REMEMBERED:
                    made.clear()
                result = made[value] = finalize(value)
            return result
        limits.check_value(value)
        return finalize(value)

    return checked


class _PrintingFinalized(CodeGenerator):
    """Compiles `{{ x }}` to `environment.finalize(x)`, not Jinja's `escape(…finalize(x))`.

    Why:
        docgen's finalize (`word_text`, `plain_text`) escapes every value itself and returns
        `Markup`, which Jinja's `escape` would only copy into a new `Markup`, the same text:
        two calls and an object for every value printed. Inside `{% autoescape false %}` Jinja
        would write `str(…)` instead, the same text again, so every value is escaped there too.
    """

    def _output_child_pre(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> None:
        assert finalize.src is not None  # every docgen environment has a finalize
        self.write(finalize.src)

    def _output_child_post(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> None:
        self.write(")")


class _Naming(_PrintingFinalized):
    """Writes a template's code and, on the way, records the names it looks up in the context.

    Why:
        `jinja2.meta.find_undeclared_variables` runs a whole second code generation
        (`TrackingCodeGenerator`, which writes nothing) only to collect these names: a quarter
        of the time a template takes to compile. This generator does what that one does in
        `enter_frame`, while still writing, so one generation gives both: the same visits on
        the same tree, hence the same names (and the same errors, such as an unknown filter).
    """

    def __init__(self, environment: jinja2.Environment, name: str, filename: str, out: StringIO):
        super().__init__(environment, name, filename, out, optimized=environment.optimized)
        self.undeclared: set[str] = set()

    def enter_frame(self, frame: Frame) -> None:
        super().enter_frame(frame)
        for action, param in frame.symbols.loads.values():
            if action == "resolve" and param not in self.environment.globals:
                self.undeclared.add(param)


def compile_tree(
    environment: jinja2.Environment, tree: nodes.Template, name: str, filename: str
) -> tuple[CodeType, set[str]]:
    """The code of a parsed template, and the names it takes from the context (its variables:
    what `jinja2.meta.find_undeclared_variables` gives), from one code generation.

    Like `environment.compile`, it optimizes `tree` in place.

    Raises:
        jinja2.TemplateSyntaxError: what the code generator finds, such as an unknown filter.
    """
    out = StringIO()
    generator = _Naming(environment, name, filename, out)
    generator.visit(tree)
    return environment._compile(out.getvalue(), filename), generator.undeclared


def _count(tree: nodes.Template) -> None:
    """Rewrites a template's tree: each loop iterates through `_docgen_counted`, each `~`
    concatenation is checked by `_docgen_sized`.

    Why:
        Loops are found in one walk and changed where they stand; only a template that
        concatenates (few do) is walked again, by a transformer, which can replace a node.
    """
    found = descendants(tree)
    for loop in found:
        if isinstance(loop, nodes.For):
            loop.iter = _call(COUNTED_FUNCTION, loop.iter)
    if any(isinstance(node, nodes.Concat) for node in found):
        _Sizing().visit(tree)


def descendants(tree: nodes.Node) -> list[nodes.Node]:
    """Every node below `tree`, each parent before its children, as `tree.find_all` finds them.

    Why:
        `find_all` passes each node up through one generator for every level above it; a
        template's tree is walked here, once, with a list of the nodes still to visit.
    """
    found: list[nodes.Node] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        children: list[nodes.Node] = []
        for name in node.fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                children += [item for item in value if isinstance(item, nodes.Node)]
            elif isinstance(value, nodes.Node):
                children.append(value)
        pending += reversed(children)
    return found[1:]  # not `tree` itself


class _Sizing(NodeTransformer):
    """Wraps each `~` concatenation in `_docgen_sized`."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _call(SIZED_FUNCTION, node)


def _call(function: str, argument: nodes.Node) -> nodes.Call:
    name = nodes.Name(function, "load", lineno=argument.lineno)
    return nodes.Call(name, [argument], [], None, None, lineno=argument.lineno)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with docgen's resource limits on operators, calls and loops."""

    intercepted_binops = frozenset({"*", "**", "+"})
    code_generator_class = _PrintingFinalized

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`; for a plain dict without such an attribute, its item, straight away.

        Why:
            Case data are dicts: Jinja's sandbox would first try the attribute and catch the
            AttributeError, for every `case.id` a template prints; and it would check that
            `loop.index` is no internal. A dict name such as `items` still goes through the
            sandbox, and so does every other object.
        """
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if type(obj) is LoopContext and attribute in _LOOP_NAMES:  # `loop.index`
            try:
                return getattr(obj, attribute)
            except AttributeError:  # as the sandbox: a loop has no item of that name either
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        limits.check_operands(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's signature: `self` may be a keyword argument of the call
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        limits.check_time()
        if isinstance(getattr(__obj, "__self__", None), str):  # "x".ljust(10**10)
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int):
                    limits.check_size(arg)
        return limits.check_value(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _count(tree)
        return tree


def make_environment(
    finalize: Callable[[object], Markup], *, lenient: bool = False
) -> jinja2.Environment:
    """A sandboxed, autoescaping environment with docgen's filters and `finalize`; strict, or
    when `lenient` printing an undefined name as nothing, as docxtpl does."""
    loose = _strict if not lenient else _as_it_is
    environment = _Sandbox(
        undefined=jinja2.Undefined if lenient else jinja2.StrictUndefined,
        autoescape=True,
        finalize=_limited(finalize),
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=0,
    )
    for name in _UNSAFE_FILTERS:
        del environment.filters[name]
    environment.filters.update({name: _bounded(f) for name, f in environment.filters.items()})
    environment.filters.update({name: _strict(f) for name, f in FILTERS.items()})
    environment.tests[WORD_XML_TEST] = _is_word_xml
    environment.tests[RICH_TEXT_TEST] = is_rich_text
    environment.globals[RICH_FUNCTION] = rich_runs
    for name in DROPPED_GLOBALS:
        del environment.globals[name]
    environment.globals["range"] = limits.limited_range
    environment.globals[LINES_FUNCTION] = loose(paragraph_lines)
    environment.globals[SPAN_FUNCTION] = _strict(cell_span)
    environment.globals[COLOUR_FUNCTION] = _strict(cell_colour)
    environment.globals[COUNTED_FUNCTION] = limits.counted
    environment.globals[SIZED_FUNCTION] = limits.check_value
    return environment


WORD: Final = make_environment(word_text)
"""For parts of WordprocessingML: document, headers, footers, footnotes, endnotes."""

TEXT: Final = make_environment(plain_text)
"""For plain XML text: the core properties (title, subject …)."""

LENIENT_WORD: Final = make_environment(word_text, lenient=True)
"""`WORD` for a template in lenient mode: an undefined name prints as nothing."""

LENIENT_TEXT: Final = make_environment(plain_text, lenient=True)
"""`TEXT` for a template in lenient mode."""
