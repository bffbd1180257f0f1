"""docxtpl's own test templates that use only plain data render as docxtpl renders them.

docxtpl 0.20.2's sdist holds no tests/ (only the package), so each template of its repository's
tests/templates/ that takes plain data (dicts, lists, strings, numbers) is rebuilt here in
WordprocessingML with the same tags and context; docxtpl renders it and docgen renders it, in
lenient mode where the template relies on undefined names, and the paragraphs and table
shapes of the body, header and footer must be the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from docgen.engine import compile_template
from tests.engine.conftest import build_docx
from tests.engine.docxtpl_reference import body_shape, docxtpl_render


def p(*runs: str) -> str:
    return (
        "<w:p>"
        + "".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs)
        + "</w:p>"
    )


def cell(text: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/></w:tcPr>{p(text)}</w:tc>'


def row(*texts: str) -> str:
    return "<w:tr>" + "".join(cell(t) for t in texts) + "</w:tr>"


def table(*rows: str, columns: int) -> str:
    grid = '<w:gridCol w:w="1200"/>' * columns
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


@dataclass(frozen=True)
class Replayed:
    """One docxtpl test template, rebuilt: its body, header and footer, and its context."""

    body: str
    context: Mapping[str, object]
    header: str | None = None
    footer: str | None = None
    lenient: bool = False
    options: dict[str, str] = field(default_factory=dict)


ORDER = Replayed(
    p("Customer: ", "{{ customer_name }}")
    + table(
        row("Description", "Quantity", "Price"),
        row("{%tr for item in items %}", "", ""),
        row("{{ item.desc }}", "{{ item.qty }}", "{{ item.price }}"),
        row("{%tr endfor %}", "", ""),
        columns=3,
    )
    + p("{%p if in_europe %}")
    + p("Prices include VAT.")
    + p("{%p endif %}")
    + p("Status: {% if is_paid %}paid{% else %}not paid{% endif %}")
    + p("{{ company_name }} total: {{ total_price }}"),
    {
        "customer_name": "Eric",
        "items": [
            {"desc": "Python interpreters", "qty": 2, "price": "FREE"},
            {"desc": "Django projects", "qty": 5403, "price": "FREE"},
            {"desc": "Guido", "qty": 1, "price": "100,000,000.00"},
        ],
        "in_europe": True,
        "is_paid": False,
        "company_name": "The World Wide company",
        "total_price": "100,000,000.00",
    },
)

NESTED_FOR = Replayed(
    p("{%p for dish in dishes %}")
    + p("{{ dish.name }}")
    + p("{%p for ingredient in dish.ingredients %}")
    + p("- {{ ingredient }}")
    + p("{%p endfor %}")
    + p("{%p endfor %}")
    + table(
        row("{%tr for author in authors %}", ""),
        row(
            "{{ author.name }}",
            "{% for book in author.books %}{{ book.title }}{% if not loop.last %}, "
            "{% endif %}{% endfor %}",
        ),
        row("{%tr endfor %}", ""),
        columns=2,
    ),
    {
        "dishes": [
            {"name": "Pizza", "ingredients": ["bread", "tomato", "ham", "cheese"]},
            {"name": "Hamburger", "ingredients": ["bread", "chopped steak", "cheese", "sauce"]},
        ],
        "authors": [
            {
                "name": "Saint-Exupery",
                "books": [{"title": "Le petit prince"}, {"title": "L'aviateur"}],
            },
            {"name": "Barjavel", "books": [{"title": "Ravage"}, {"title": "La nuit des temps"}]},
        ],
    },
)

DYNAMIC_TABLE = Replayed(
    table(
        row("", "{%tc for col in col_labels %}", "{{ col }}", "{%tc endfor %}"),
        row("{%tr for r in tbl_contents %}", "", "", ""),
        row("{{ r.label }}", "{%tc for col in r.cols %}", "{{ col }}", "{%tc endfor %}"),
        row("{%tr endfor %}", "", "", ""),
        columns=4,
    ),
    {
        "col_labels": ["fruit", "vegetable", "stone", "thing"],
        "tbl_contents": [
            {"label": "yellow", "cols": ["banana", "capsicum", "pyrite", "taxi"]},
            {"label": "red", "cols": ["apple", "tomato", "cinnabar", "doubledecker"]},
        ],
    },
)

MERGE_PARAGRAPH = Replayed(
    p("My house is located")
    + p("{%- if living_in_town -%}")
    + p(" in urban area")
    + p("{%- else -%}")
    + p(" in countryside")
    + p("{%- endif -%}")
    + p(" and I love it."),
    {"living_in_town": True},
)

LESS_CELLS_AFTER_LOOP = Replayed(
    table(
        row("{%tc for i in range(3) %}", "{{ i }}{% hm %}", "{%tc endfor %}", "after"),
        row("a", "b", "c", "d"),
        columns=4,
    )
    + p("{{ not_given }}end"),
    {},
    lenient=True,
)

HORIZONTAL_MERGE = Replayed(
    table(
        row("{%tc for i in range(4) %}", "{% hm %}Merged", "{%tc endfor %}"),
        row("{%tc for i in range(4) %}", "{{ i }}", "{%tc endfor %}"),
        columns=4,
    ),
    {},
)

VERTICAL_MERGE = Replayed(
    table(
        row("{%tr for group in groups %}", ""),
        row("{%tr for item in group.members %}", ""),
        row("{{ group.name }}{% vm %}", "{{ item }}"),
        row("{%tr endfor %}", ""),
        row("{%tr endfor %}", ""),
        columns=2,
    ),
    {"groups": [{"name": "A", "members": [1, 2, 3]}, {"name": "B", "members": [4]}]},
)

CELLBG = Replayed(
    table(
        row("{%tr for a in alerts %}", "", ""),
        row("{{ a.date }}", "{% cellbg a.bg %}{{ a.type }}", "{{ a.desc }}"),
        row("{%tr endfor %}", "", ""),
        columns=3,
    ),
    {
        "alerts": [
            {"date": "2015-03-10", "desc": "Very critical", "type": "CRITICAL", "bg": "FF0000"},
            {"date": "2015-03-11", "desc": "Just a warning", "type": "WARNING", "bg": "FFDD00"},
        ]
    },
)

PRESERVE_SPACES = Replayed(
    p("We are ", "{{ tag_1 }}", " for spicy ", "{{ tag_2 }}", " hot food."),
    {"tag_1": "looking", "tag_2": "too"},
)

COMMENTS = Replayed(
    p("{#p this paragraph goes #}")
    + p("kept{# an inline comment #} text")
    + table(row("{#tr this row goes #}", ""), row("a", "b"), columns=2),
    {},
)

HEADER_FOOTER = Replayed(
    p("{{ title }}"),
    {"title": "Title & <body>", "company": 'Company "Ltd"', "page": 3},
    header=p("{{ title }} / {{ company }}"),
    footer=p("Page {{ page }}"),
)

ESCAPE = Replayed(
    p("{{ text }}") + p("{{ multiline }}"),
    {"text": 'a < b & c > d "quoted"', "multiline": "line 1\nline 2\n\tindented"},
)

UNDECLARED = Replayed(
    p("Hello {{ name }}{{ missing }}!")
    + p("{% if missing %}never{% else %}else branch{% endif %}")
    + p("{% for x in missing_list %}{{ x }}{% endfor %}done"),
    {"name": "World"},
    lenient=True,
)

REPLAYED = {
    "order": ORDER,
    "nested_for": NESTED_FOR,
    "dynamic_table": DYNAMIC_TABLE,
    "merge_paragraph": MERGE_PARAGRAPH,
    "less_cells_after_loop": LESS_CELLS_AFTER_LOOP,
    "horizontal_merge": HORIZONTAL_MERGE,
    "vertical_merge": VERTICAL_MERGE,
    "cellbg": CELLBG,
    "preserve_spaces": PRESERVE_SPACES,
    "comments": COMMENTS,
    "header_footer": HEADER_FOOTER,
    "escape": ESCAPE,
    "get_undeclared_variables": UNDECLARED,
}


@pytest.mark.parametrize("name", REPLAYED)
def test_a_docxtpl_test_template_renders_as_docxtpl_renders_it(name: str) -> None:
    replayed = REPLAYED[name]
    blob = build_docx(replayed.body, header=replayed.header, footer=replayed.footer)
    expected = docxtpl_render(blob, replayed.context)
    got = compile_template(f"{name}_tpl.docx", blob, replayed.lenient).render(replayed.context)
    members = ["word/document.xml"]
    members += ["word/header1.xml"] if replayed.header else []
    members += ["word/footer1.xml"] if replayed.footer else []
    for member in members:
        assert body_shape(got, member) == body_shape(expected, member), member


def test_a_template_relying_on_undefined_names_needs_lenient_mode() -> None:
    from docgen.errors import TemplateError

    blob = build_docx(UNDECLARED.body)
    with pytest.raises(TemplateError, match="模板变量未定义：missing"):
        compile_template("get_undeclared_variables_tpl.docx", blob).render(UNDECLARED.context)
