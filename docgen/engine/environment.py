"""The Jinja environments: strict, autoescaped for XML, with the filters and Word line breaks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final

import jinja2
from markupsafe import Markup, escape

from docgen.engine.filters import FILTERS

MARKUP_TEST: Final = "xml_markup"
"""Name of the Jinja test telling prepared XML (a `Markup` value) from data."""

_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WORD_SPECIAL: Final = re.compile("\r\n?|[\n\t\x0c]")
_REOPEN: Final = '</w:t>{}<w:t xml:space="preserve">'
_WORD_BREAKS: Final = {
    "\n": _REOPEN.format("<w:br/>"),
    "\r": _REOPEN.format("<w:br/>"),
    "\r\n": _REOPEN.format("<w:br/>"),
    "\t": _REOPEN.format("<w:tab/>"),
    "\x0c": _REOPEN.format('<w:br w:type="page"/>'),
}
# Filters that return HTML as Markup would put raw markup into WordprocessingML.
_UNSAFE_FILTERS: Final = ("safe", "urlize", "xmlattr")


def word_text(value: object) -> Markup:
    """`value` as the content of a `w:t`: escaped, newlines as `w:br`, tabs as `w:tab`.

    Why:
        A value is data, never markup: `&`, `<` and `{{` print as written. A `w:t` cannot hold a
        line break, so the text element is closed, `<w:br/>` written and a new `w:t` opened
        inside the same run, which keeps the run's formatting. Characters XML forbids are
        dropped rather than corrupting the part; `\\f` is a page break, as in docxtpl.
    """
    if isinstance(value, Markup):
        return value  # prepared XML, written as it is
    text = _plain(value)
    if _WORD_SPECIAL.search(text):
        text = _WORD_SPECIAL.sub(lambda m: _WORD_BREAKS[m.group()], text)
    return Markup(text)


def plain_text(value: object) -> Markup:
    """`value` as XML character data outside the document body (core properties)."""
    if isinstance(value, Markup):
        return value
    return Markup(_plain(value).replace("\x0c", ""))


def _plain(value: object) -> str:
    """`value` escaped for XML, without the characters XML forbids; None prints as nothing."""
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    else:
        text = str(value)  # a StrictUndefined raises UndefinedError here
    text = str(escape(text))
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _is_markup(value: object) -> bool:
    return isinstance(value, Markup)


def _strict(function: Callable[..., str]) -> Callable[..., str]:
    """`function` that reports an undefined argument as undefined, not as a bad value."""

    @functools.wraps(function)
    def checked(*args: object, **kwargs: object) -> str:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return function(*args, **kwargs)

    return checked


def make_environment(finalize: Callable[[object], Markup]) -> jinja2.Environment:
    """A strict, autoescaping environment with docgen's filters and `finalize`."""
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=0,
    )
    for name in _UNSAFE_FILTERS:
        del environment.filters[name]
    environment.filters.update({name: _strict(f) for name, f in FILTERS.items()})
    environment.tests[MARKUP_TEST] = _is_markup
    return environment


WORD: Final = make_environment(word_text)
"""For parts of WordprocessingML: document, headers, footers, footnotes, endnotes."""

TEXT: Final = make_environment(plain_text)
"""For plain XML text: the core properties (title, subject …)."""
