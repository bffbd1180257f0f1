"""攻坚进度: its figures equal `docgen status`, and its charts are SVG drawn on the server."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from conftest import CliInvoker
from web.webclient import ClientFor

from docgen.web.charts import bars_svg, burn_down_svg

DAY = "2020-06-28"  # XF2020-025 is past its plan deadline, XF2020-031 is closed


def table(page: str, table_id: str) -> dict[str, int]:
    body = re.search(rf'<table class="numbers" id="{table_id}">(.*?)</table>', page, re.S)
    assert body, page
    return {k: int(v) for k, v in re.findall(r"<tr><th>(.*?)</th><td>(\d+)</td></tr>", body[1])}


def test_the_figures_equal_docgen_status(client_for: ClientFor, cli: CliInvoker) -> None:
    page = client_for(date.fromisoformat(DAY)).get("/progress").text
    rows = json.loads(cli("status", "--today", DAY, "--format", "json").stdout)
    assert table(page, "by-stage") == dict(Counter(row["stage"] for row in rows))
    open_rows = [r for r in rows if not r["stage"].startswith(("已办结", "已分流"))]
    found = re.search(r'id="open-cases">(\d+)<', page)
    assert found and int(found[1]) == len(open_rows)
    leaders = Counter(
        part.split("（")[0] for row in open_rows for part in row["leaders"].split("、")
    )
    assert table(page, "by-leader") == dict(leaders)
    assert page.count("<svg") == 3


def test_the_overdue_measures_are_those_of_docgen_due(
    client_for: ClientFor, cli: CliInvoker
) -> None:
    page = client_for(date.fromisoformat(DAY)).get("/progress").text
    due = json.loads(cli("due", "--today", DAY, "--days", "0", "--format", "json").stdout)
    measures = [i for i in due if i["overdue"] and i["item"].startswith("措施完成时限")]
    assert f"逾期措施（{len(measures)}）" in page
    for item in measures:
        assert item["item"] in page


def test_the_burn_down_runs_from_the_first_count_to_zero_at_the_end() -> None:
    start, end = date(2020, 3, 20), date(2020, 6, 30)
    svg = burn_down_svg([(start, 4), (date(2020, 5, 1), 3)], start, end)
    assert svg.startswith("<svg") and 'class="actual"' in svg and 'class="ideal"' in svg
    assert "2020-03-20" in svg and "2020-06-30" in svg


def test_bars_escape_their_labels() -> None:
    svg = bars_svg([("<b>", 2), ("李明", 1)])
    assert "&lt;b&gt;" in svg and "<b>" not in svg and ">2</text>" in svg
