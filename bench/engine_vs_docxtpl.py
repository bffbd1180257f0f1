"""Benchmark: docgen's engine against docxtpl 0.20.2 on a realistic 2-page 听证通知书.

Usage: python bench/engine_vs_docxtpl.py [--n 300] [--no-memory]

Builds the template with python-docx in a temporary folder (Chinese text, about 30 placeholders,
a `{%tr for %}` table of 5 panel members, footer fields, and docxtpl's extras: a table with
`colspan`, `cellbg`, `vm` in a row loop and `hm` in a cell loop, and `{%-`/`-%}` paragraph
joins), renders the same N contexts with docxtpl (autoescape on, the template reloaded for
every document as its documentation advises) and with docgen (compiled once) in this process,
checks that both give the same text for every document, and prints the per-document medians;
the last line is the ratio. Unless --no-memory, it also runs docgen alone for N=300 and N=3000
in fresh processes and prints their peak RSS.
Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
import jinja2  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402
from docx.text.run import Run  # noqa: E402
from lxml import etree  # noqa: E402

from docgen.engine import FILTERS, compile_template  # noqa: E402

TEMPLATE_NAME = "templates/hearing_notice.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BODY = [
    "根据《信访工作条例》和本机关信访事项听证工作规定，为公开、公正地处理上述信访事项，"
    "本机关决定举行听证。现将有关事项通知如下：",
    "一、听证事项：{{ case.title }}（案件编号 {{ case.id }}）。",
    "二、听证时间：{{ hearing.date|cn_datetime(hearing.time) }}。",
    "三、听证地点：{{ hearing.place }}。",
    "四、听证主持人：{{ hearing.host.name }}（{{ hearing.host.title }}）。",
    "五、信访人：{{ petitioner.name }}，公民身份号码 {{ petitioner.id_number|mask_id }}，"
    "联系电话 {{ petitioner.phone|mask_phone }}，住址 {{ petitioner.address }}。",
    "六、信访诉求：{{ request.text }}；涉及金额{{ request.amount|cn_amount }}"
    "（{{ request.amount|yuan }}）。",
    "七、听证员：",
]
RIGHTS = [
    "（一）听证参加人有权陈述事实和理由，提出证据，对其他参加人提出的事实、理由和证据进行质证和辩论；",
    "（二）听证参加人认为听证主持人、听证员与本信访事项有直接利害关系的，有权申请回避，"
    "申请回避应当在听证开始前提出，并说明理由；",
    "（三）信访人可以委托一至二名代理人参加听证，委托代理人参加听证的，应当提交载明委托事项和权限的授权委托书；",
    "（四）听证参加人应当遵守听证纪律，服从听证主持人的指挥，如实陈述事实，不得提供虚假证据，"
    "不得扰乱听证秩序；",
    "请你（单位）准时出席，并携带本通知书、本人身份证件及有关证据材料。"
    "如因特殊情况不能按时参加，请于听证举行三日前向本机关书面说明理由。",
    "特此通知。",
]


def build_template(folder: Path) -> bytes:
    """The 听证通知书 template as .docx bytes, built with python-docx."""
    document = docx.Document()
    section = document.sections[0]  # A4 with the margins of GB/T 9704
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    style.font.name = "FangSong_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    def run(p: Paragraph, text: str, *, size: int = 16, font: str = "仿宋_GB2312") -> Run:
        r = p.add_run(text)  # formatted run by run, as Word writes it
        r.font.name = "Times New Roman"
        r.font.size = Pt(size)
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        return r

    def paragraph(text: str, *, center: bool = False, bold: bool = False) -> None:
        p = document.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(p, text, size=22 if bold else 16, font="方正小标宋简体" if bold else "仿宋_GB2312")
        else:
            p.paragraph_format.first_line_indent = Pt(32)
            run(p, text)

    paragraph("{{ office.name }}", center=True, bold=True)
    paragraph("听证通知书", center=True, bold=True)
    paragraph("{{ doc_number }}", center=True)
    split = document.add_paragraph()  # a tag split across runs, as Word leaves it
    run(split, "{{ recipient.na")
    run(split, "me }}（{{ recipient.role_label }}）：")
    for text in BODY:
        paragraph(text)
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "姓名", "身份", "工作单位"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for m in hearing.panel %}"
    for cell, text in zip(
        table.rows[2].cells,
        ["{{ loop.index }}", "{{ m.name }}", "{{ m.role }}", "{{ m.org }}"],
        strict=True,
    ):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    add_extras_table(document)
    for text in ("本次听证", "{%- if hearing.public -%}", "公开", "{%- else -%}", "不公开"):
        paragraph(text)  # docxtpl's paragraph joins
    paragraph("{%- endif -%}")
    paragraph("举行。")
    paragraph("八、听证参加人的权利和义务：")
    for text in RIGHTS:
        paragraph(text)
    paragraph("{%p if hearing.public %}")
    paragraph("本次听证公开举行，欢迎群众旁听。旁听人员应当遵守听证纪律，不得发言、提问。")
    paragraph("{%p endif %}")
    paragraph("联系人：{{ office.contact.name }}　联系电话：{{ office.contact.phone }}")
    paragraph("{{ office.name }}", center=True)
    paragraph("{{ issued|cn_date }}", center=True)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "{{ office.name }}　地址：{{ office.address }}　{{ doc_number }}"
    document.core_properties.title = "{{ doc_title }}"
    path = folder / "hearing_notice.docx"
    document.save(str(path))
    return path.read_bytes()


def add_extras_table(document: docx.document.Document) -> None:
    """A table with docxtpl's extras: colspan, cellbg, vm in a row loop, hm in a cell loop."""
    table = document.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "{% colspan 3 %}听证员签到表"
    table.rows[1].cells[0].text = "{%tr for m in hearing.panel %}"
    row = table.rows[2].cells
    row[0].text, row[1].text, row[2].text = (
        "{% cellbg m.bg %}{{ m.name }}",
        "{{ m.org }}",
        "听证员{% vm %}",
    )
    table.rows[3].cells[0].text = "{%tr endfor %}"
    last = table.rows[4].cells
    last[0].text, last[1].text, last[2].text = (
        "{%tc for k in range(3) %}",
        "{% hm %}签名",
        "{%tc endfor %}",
    )


def contexts(n: int) -> Iterator[dict[str, object]]:
    """N realistic, different contexts (fixed seed), made one at a time."""
    rng = random.Random(20200612)
    surnames, given = "王李张刘陈杨赵黄周吴", "建国秀英志强丽华明军伟芳静敏"
    roles = ["县人大代表", "县政协委员", "律师", "人民调解员", "村（社区）干部"]

    def name() -> str:
        return rng.choice(surnames) + "".join(rng.choices(given, k=rng.choice((1, 2))))

    for i in range(n):
        panel = [
            {
                "name": name(),
                "role": rng.choice(roles),
                "org": f"某县第{k + 1}单位",
                "bg": rng.choice(["FFFFFF", "D9D9D9", "FFF2CC"]),
            }
            for k in range(5)
        ]
        yield (
            {
                "office": {
                    "name": "某县信访局",
                    "address": "某县人民路 18 号",
                    "contact": {"name": name(), "phone": "0371-63211234"},
                },
                "doc_number": f"某信听〔2020〕{i + 1}号",
                "doc_title": "听证通知书",
                "issued": "2020-06-01",
                "recipient": {"name": name(), "role_label": "信访人"},
                "case": {"id": f"XF2020-{i:03d}", "title": f"{name()}反映征地补偿问题"},
                "hearing": {
                    "date": "2020-06-12",
                    "time": rng.choice(["09:30", "14:00", "15:30"]),
                    "place": "某县信访局三楼听证室",
                    "host": {"name": name(), "title": "县信访局副局长"},
                    "panel": panel,
                    "public": i % 2 == 0,
                },
                "petitioner": {
                    "name": name(),
                    "id_number": "41132619800101203X",
                    "phone": f"138{rng.randrange(10**8):08d}",
                    "address": "某县城关镇某村 3 组",
                },
                "request": {
                    "text": "要求按 2019 年标准补发征地补偿款 & 安置费",
                    "amount": Decimal(rng.randrange(100_000, 10_000_000)) / 100,
                },
            }
        )


def document_text(data: bytes) -> list[str]:
    """Every paragraph's text of the body, headers and footers, in order."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "/_rels" not in name:
                root = etree.fromstring(archive.read(name))
                for p in root.iter(W + "p"):
                    lines.append("".join(_run_text(e) for e in p.iter(W + "t", *_MARKS)))
    return lines


_MARKS = {W + "tab": "\t", W + "br": "\n", W + "noBreakHyphen": "-"}
"""Run content read as text: docgen writes the hyphen of a case id or phone number as
`w:noBreakHyphen`, which Word prints (and python-docx reads) as "-"."""


def _run_text(element: etree._Element) -> str:
    return _MARKS.get(element.tag, element.text or "")


def measure(
    render: Callable[[Mapping[str, object]], bytes], items: list[dict[str, object]]
) -> tuple[list[float], list[float], list[list[str]]]:
    """Milliseconds per document (wall clock, and CPU time of this process), and each
    document's text (read outside the timing).

    Why:
        On a shared machine the wall clock counts the time other processes held the CPU;
        the CPU time does not, so its ratio is the steadier figure.
    """
    times, cpu, texts = [], [], []
    for context in items:
        start, start_cpu = time.perf_counter(), time.process_time()
        data = render(context)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
        texts.append(document_text(data))
    return times, cpu, texts


def docxtpl_renderer(blob: bytes) -> Callable[[Mapping[str, object]], bytes]:
    from docxtpl import DocxTemplate

    environment = jinja2.Environment(autoescape=True)
    environment.filters.update(FILTERS)

    def render(context: Mapping[str, object]) -> bytes:
        template = DocxTemplate(io.BytesIO(blob))  # reloaded per document, as docxtpl advises
        template.render(dict(context), environment, autoescape=True)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    return render


def docgen_renderer(blob: bytes) -> Callable[[Mapping[str, object]], bytes]:
    def render(context: Mapping[str, object]) -> bytes:
        return compile_template(TEMPLATE_NAME, blob).render(context)  # compiled on first use

    return render


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    Why:
        On Linux `ru_maxrss` survives exec, so a child started by this script would report the
        parent's peak; VmHWM in /proc belongs to the new program only.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_child(n: int) -> None:
    """Render N documents with docgen only, keeping nothing, and print the peak RSS in MB."""
    with tempfile.TemporaryDirectory() as folder:
        blob = build_template(Path(folder))
    before = peak_rss_mb()
    for context in contexts(n):
        compile_template(TEMPLATE_NAME, blob).render(context)
    print(f"{before:.1f} {peak_rss_mb():.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="documents per engine (default 300)")
    parser.add_argument("--no-memory", action="store_true", help="skip the N=300/3000 RSS runs")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    with tempfile.TemporaryDirectory() as folder:
        blob = build_template(Path(folder))
    items = list(contexts(args.n))
    print(
        f"template: 听证通知书, {len(blob):,} bytes, ~30 placeholders, "
        "{%tr for %} of 5 rows, footer fields; colspan, cellbg, vm, hm, {%- -%} joins"
    )
    print(f"documents: {args.n} contexts, rendered by each engine in this process")

    docxtpl_times, docxtpl_cpu, docxtpl_texts = measure(docxtpl_renderer(blob), items)
    docgen_times, docgen_cpu, docgen_texts = measure(docgen_renderer(blob), items)
    same = sum(a == b for a, b in zip(docxtpl_texts, docgen_texts, strict=True))
    if same != len(items):
        first = next(
            i for i, (a, b) in enumerate(zip(docxtpl_texts, docgen_texts, strict=True)) if a != b
        )
        sys.exit(
            f"outputs differ from document {first}:\n{docxtpl_texts[first]}\n{docgen_texts[first]}"
        )

    def line(label: str, times: list[float]) -> str:
        q = statistics.quantiles(times, n=10)
        return (
            f"{label:<8} median {statistics.median(times):7.2f} ms/document   "
            f"p10 {q[0]:6.2f}  p90 {q[-1]:6.2f}  total {sum(times) / 1000:6.2f} s"
        )

    print(line("docxtpl", docxtpl_times) + "   (autoescape, template reloaded per document)")
    print(
        line("docgen", docgen_times)
        + f"   (first document incl. compile: {docgen_times[0]:.1f} ms)"
    )
    print(f"text: identical in {same}/{len(items)} documents")
    print(f"peak RSS of this process: {peak_rss_mb():.1f} MB")
    if not args.no_memory:
        for n in (300, 3000):
            result = subprocess.run(
                [sys.executable, __file__, "--rss-child", str(n)],
                capture_output=True,
                text=True,
                check=True,
            )
            before, after = result.stdout.split()
            print(
                f"docgen alone, N={n:>4}: peak RSS {after} MB (after template built: {before} MB)"
            )
    cpu_ratio = statistics.median(docxtpl_cpu) / statistics.median(docgen_cpu)
    print(
        f"CPU time: docxtpl median {statistics.median(docxtpl_cpu):.2f} ms, docgen "
        f"{statistics.median(docgen_cpu):.2f} ms per document: {cpu_ratio:.1f}×; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    ratio = statistics.median(docxtpl_times) / statistics.median(docgen_times)
    print(f"docgen is {ratio:.1f}× faster than docxtpl (median per document)")


if __name__ == "__main__":
    main()
