"""The template engine: Word templates with docxtpl-style Jinja tags, compiled once, rendered fast.

`compile_template(name, blob)` prepares and compiles a .docx template once per process;
`CompiledTemplate.render(context)` returns the document's bytes, the same for the same context.
`check_template` lists every problem of a template; `FILTERS` are the filters templates may use.
A `WordXml` value is prepared WordprocessingML that a tag writes as it is; a `RichText` value
(spans of `Span`) prints as formatted runs, an `Image` as an inline picture; every other value,
`markupsafe.Markup` included, prints as text. `lenient=True` (or `{# docgen: lenient #}` in the
template) prints undefined names as nothing, as docxtpl does.
"""

from docgen.engine.compiled import CompiledTemplate as CompiledTemplate
from docgen.engine.compiled import check_template as check_template
from docgen.engine.compiled import compile_template as compile_template
from docgen.engine.environment import WordXml as WordXml
from docgen.engine.filters import FILTERS as FILTERS
from docgen.engine.images import Image as Image
from docgen.engine.rich import RichText as RichText
from docgen.engine.rich import Span as Span
