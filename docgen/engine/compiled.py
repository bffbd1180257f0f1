"""Compile a .docx template once per process; render it for any number of contexts.

compile: zip members → templated parts (document, headers, footers, footnotes, endnotes, core
properties) → lxml tree → split tags merged → Jinja source, a line a paragraph → compiled.
render: each compiled part run with the context → the zip written, other members copied as
they are. No XML is parsed and no Jinja compiled while rendering.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import jinja2
from lxml import etree

from docgen.engine import blocks, images, limits, messages
from docgen.engine.environment import LENIENT_TEXT, LENIENT_WORD, TEXT, WORD, compile_tree
from docgen.engine.hyphens import keep_hyphenated_words
from docgen.engine.messages import (
    HINT_SYNTAX,
    from_template,
    located,
    runtime_error,
    syntax_error,
)
from docgen.engine.package import (
    RESAVE_HINT,
    XML_PARSER,
    Package,
    external_relationships,
    read_package,
    templated_members,
)
from docgen.engine.source import STRUCTURAL, Site, jinja_text, prepare_text, prepare_word
from docgen.engine.unsafe import unsafe_names
from docgen.errors import Location, TemplateError, TemplateWarning

_CACHE_SIZE: Final = 32
_MARKUP: Final = re.compile(rb"<[^>]*>")
_LENIENT: Final = re.compile(r"\{#\s*docgen\s*[:：]\s*lenient\s*#\}")
_LINKED: Final = {  # relationship type -> what a clerk sees in Word
    "image": "图片",
    "oleObject": "OLE 对象",
    "attachedTemplate": "附加模板",
    "subDocument": "子文档",
    "frame": "框架",
}
_HINT_LINK: Final = (
    "请在 Word 中改为嵌入（插入时不选“链接到文件”）或删除它；来历不明的模板请勿使用。"
)


@dataclass(frozen=True)
class _Part:
    """One templated zip member, compiled."""

    member: str  # "word/footer1.xml"
    name: str  # "footer1", shown in error locations
    template: jinja2.Template
    tags: Mapping[int, tuple[str, ...]]  # source line -> the tags written on it
    word: bool  # WordprocessingML, whose text gets non-breaking hyphens

    @property
    def filename(self) -> str:
        return self.template.filename or ""


@dataclass(frozen=True, eq=False)
class CompiledTemplate:
    """A .docx template prepared and compiled once; `render` takes any number of contexts."""

    name: str
    variables: frozenset[str]
    lenient: bool  # undefined names print as nothing (docgen.yaml or the template asks so)
    _package: Package = field(repr=False)
    _parts: tuple[_Part, ...] = field(repr=False)
    _blob: bytes = field(repr=False)

    def render(self, context: Mapping[str, object]) -> bytes:
        """The complete .docx for `context`; the same context always gives the same bytes.

        Raises:
            TemplateError: an undefined variable, a failing filter, a tag refused by the sandbox
                or past a resource limit, or any other error of a tag's own expression, located
                at the template's part and paragraph. An error of docgen's own code propagates.
        """
        replaced: dict[str, bytes] = {}
        with limits.document_budget(), images.collecting() as pictures:
            for part in self._parts:
                pictures.part = part.member
                try:
                    rendered = part.template.render(context).encode("utf-8")
                    replaced[part.member] = (
                        keep_hyphenated_words(rendered) if part.word else rendered
                    )
                except Exception as err:
                    if not from_template(err, part.filename):
                        raise  # a bug in docgen, not the clerk's to fix
                    raise runtime_error(
                        self.name, part.name, part.filename, part.tags, err
                    ) from err
        if not pictures.media:
            return self._package.write(replaced)
        more, added = pictures.additions(self._package.content)
        return self._package.write({**replaced, **more}, added)

    def __reduce__(self) -> tuple[object, tuple[str, bytes, bool]]:
        """Pickled as its name and bytes, compiled again in the receiving process."""
        return compile_template, (self.name, self._blob, self.lenient)


def compile_template(name: str, blob: bytes, lenient: bool = False) -> CompiledTemplate:
    """The template `blob` (a .docx file) compiled; `name` is the path shown in errors.

    Why:
        docxtpl parses, patches and compiles the template again for every document; here that
        work is done once per process and template content, so a batch only renders.

    `lenient` makes undefined names print as nothing, as docxtpl does; a template may also ask
    for it itself with the comment tag `{# docgen: lenient #}`.

    Raises:
        TemplateError: the first problem `check_template` would list.
    """
    compiled, problems, _ = _build(name, blob, lenient)
    if compiled is None:
        raise problems[0].with_traceback(None)  # cached: do not grow its traceback
    return compiled


def check_template(
    name: str, blob: bytes, lenient: bool = False
) -> list[TemplateError | TemplateWarning]:
    """Every problem of the template at once: unreadable package, bad XML, bad or misplaced
    tags, tags reaching for Python's internals; then warnings, such as external links."""
    _, problems, warnings = _build(name, blob, lenient)
    return [*problems, *warnings]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _build(
    name: str, blob: bytes, lenient: bool
) -> tuple[CompiledTemplate | None, tuple[TemplateError, ...], tuple[TemplateWarning, ...]]:
    """The compiled template, or the problems of all its parts; built once per content.

    Why:
        `check_template` and `compile_template` share this cache: a template with problems is
        read, prepared and compiled once, however often either is called.
    """
    try:
        package = read_package(name, blob)
    except TemplateError as err:
        return None, (err,), ()
    warnings = tuple(_external_link(name, *found) for found in external_relationships(package))
    parts: list[_Part] = []
    problems: list[TemplateError] = []
    variables: set[str] = set()
    members = [(m, word, package.content(m) or b"") for m, word in templated_members(package)]
    lenient = lenient or any(asks_lenient(content) for _, _, content in members)
    for member, word, content in members:
        if b"{" not in content:
            continue  # no tag: the member is copied as it is
        found = _compile_part(name, member, content, word, lenient)
        if isinstance(found, list):
            problems += found
        elif found is not None:
            part, names = found
            parts.append(part)
            variables |= names
    if problems:
        return None, tuple(problems), warnings
    variables -= set(WORD.globals)
    compiled = CompiledTemplate(name, frozenset(variables), lenient, package, tuple(parts), blob)
    return compiled, (), warnings


def _external_link(file: str, rels: str, type_: str, target: str) -> TemplateWarning:
    """A warning for a link Word would follow when a rendered document is opened."""
    kind = type_.rsplit("/", 1)[-1]
    what = _LINKED.get(kind, kind)
    part = posixpath.splitext(posixpath.basename(rels).removesuffix(".rels"))[0] or None
    message = f"模板中的{what}链接到外部：{target}；打开生成的文书时 Word/WPS 会去读取它"
    return TemplateWarning(message, Location(Path(file), field=part), _HINT_LINK)


def asks_lenient(content: bytes) -> bool:
    """Whether a part holds the comment tag `{# docgen: lenient #}`, also split across runs."""
    if b"lenient" not in content:
        return False
    text = _MARKUP.sub(b"", content).decode("utf-8", "replace")
    return _LENIENT.search(text) is not None


def _compile_part(
    file: str, member: str, content: bytes, word: bool, lenient: bool
) -> tuple[_Part, set[str]] | list[TemplateError] | None:
    """The compiled part and the names it uses; its problems; or None when it has no tags."""
    part = posixpath.splitext(posixpath.basename(member))[0]
    try:
        root = etree.fromstring(content, XML_PARSER)
    except etree.XMLSyntaxError as err:
        message = f"模板的 XML 部件 {member} 已损坏，无法读取。（{err}）"
        return [TemplateError(message, Location(Path(file), field=part), RESAVE_HINT)]
    prepared = prepare_word(root) if word else prepare_text(root)
    problems = [located(file, part, p.line, p.message, p.hint) for p in prepared.problems]
    if not prepared.templated:
        return None
    environment = (LENIENT_WORD if word else LENIENT_TEXT) if lenient else (WORD if word else TEXT)
    filename = f"{file}:{member}"
    try:
        tree = environment.parse(prepared.source, member, filename)
        unsafe: dict[int, set[str]] = {}
        for line, name in unsafe_names(tree):
            unsafe.setdefault(line, set()).add(name)
        code, names = compile_tree(environment, tree, member, filename)
    except jinja2.TemplateSyntaxError as err:  # also an unknown filter, found by `compile`
        return _in_order(problems + _syntax_errors(file, part, environment, err, prepared.sites))
    for problem in blocks.level_problems(prepared.sites):
        problems.append(located(file, part, problem.line, problem.message, problem.hint))
    for line, reached in unsafe.items():
        problems.append(messages.unsafe_names(file, part, line, reached, prepared.sites))
    if problems:
        return _in_order(problems)
    # The globals as a dict: Jinja's default, a ChainMap over the environment's globals (which
    # never change once made), is copied item by item into every render's context.
    template_globals = dict(environment.make_globals(None))
    template = environment.template_class.from_code(environment, code, template_globals)
    tags: dict[int, tuple[str, ...]] = {}
    for site in prepared.sites:
        tags[site.line] = (*tags.get(site.line, ()), site.text)
    return _Part(member, part, template, tags, member.startswith("word/")), names


def _syntax_errors(
    file: str,
    part: str,
    environment: jinja2.Environment,
    err: jinja2.TemplateSyntaxError,
    sites: tuple[Site, ...],
) -> list[TemplateError]:
    """Jinja's syntax error, and that of every other `{{ }}` tag that does not compile alone.

    Why:
        Jinja stops at the first error of a part; a clerk fixing a template wants them all.
    """
    found: dict[int, TemplateError] = {}
    for problem in blocks.balance_problems(sites):
        found.setdefault(
            problem.line, located(file, part, problem.line, problem.message, HINT_SYNTAX)
        )
    nesting = (err.message or "").startswith(("Unexpected end of template", "Encountered unknown"))
    if err.lineno not in found and not (nesting and found):  # said already, at its opening tag
        found[err.lineno] = syntax_error(file, part, err, sites)
    for site in sites:
        if not site.text.startswith("{{") or site.line in found or STRUCTURAL.match(site.text):
            continue
        try:
            environment.compile(jinja_text(site.text))
        except jinja2.TemplateSyntaxError as alone:
            alone.lineno = site.line  # where the tag stands in the part
            found[site.line] = syntax_error(file, part, alone, [site])
    return [found[line] for line in sorted(found)]


def _in_order(problems: list[TemplateError]) -> list[TemplateError]:
    """`problems` in the order of their paragraphs."""
    return sorted(problems, key=lambda e: e.location.line or 0 if e.location else 0)
