"""新建案件: the form's values written into the commented skeleton, checked before writing."""

from __future__ import annotations

from pathlib import Path

import yaml
from starlette.testclient import TestClient
from web.webclient import TOKEN

from tests.conftest import CliInvoker

NEW = "XF2020-040"
FORM = {
    "csrf": TOKEN,
    "id": NEW,
    "title": "李秀英反映宅基地确权问题",
    "received": "2020-06-01",
    "source": "来信",
    "category": "农村土地",
    "stage": "初次办理",
    "stage_received": "",
    "responsible_unit": "县自然资源局",
    "petitioners.name": "李秀英",
    "petitioners.gender": "女",
    "petitioners.id_number": "11010519491231002X",
    "petitioners.phone": "0371-6000000",
    "petitioners.address": "",
    "requests.text": "请求确认宅基地使用权",
    "requests.assessment": "部分合理",
    "leaders.name": "张明",
    "leaders.title": "副县长",
    "leaders.level": "县级",
    "leaders.role": "牵头",
}


def case_files(workspace: Path) -> list[str]:
    return sorted(path.name for path in (workspace / "cases").iterdir())


def test_the_form_asks_every_required_field_with_choices(client: TestClient) -> None:
    form = client.get("/new").text
    for label in ("案件编号", "首次信访日期", "身份证号码", "甄别结论", "包案领导姓名"):
        assert label in form
    assert 'type="date" name="received"' in form
    assert "<option>乡镇级</option>" in form and "<option>部分合理</option>" in form


def test_a_filled_form_writes_a_case_that_check_accepts(
    client: TestClient, workspace: Path, cli: CliInvoker
) -> None:
    done = client.post("/new", data=FORM, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith(f"/case/{NEW}?")
    text = (workspace / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8")
    assert "# hearing:" in text and "## ── 办结情况" in text and "# closure:" in text
    assert 'id_number: "11010519491231002X"' in text and 'phone: "0371-6000000"' in text
    assert "address:" not in text.split("requests:")[0]  # left empty: the line is gone
    loaded = yaml.safe_load(text)
    assert loaded["stage_received"] == loaded["received"]
    assert loaded["leaders"] == [
        {"name": "张明", "title": "副县长", "level": "县级", "role": "牵头"}
    ]
    checked = cli("check", NEW)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert client.get(done.headers["location"]).status_code == 200


def test_a_bad_id_number_is_shown_beside_its_field(client: TestClient, workspace: Path) -> None:
    before = case_files(workspace)
    answer = client.post("/new", data={**FORM, "petitioners.id_number": "110105194912310021"})
    assert answer.status_code == 400 and "Traceback" not in answer.text
    field = answer.text.split('id="field-petitioners.id_number"')[1].split('class="field"')[0]
    assert "field-problems" in field and "身份证" in field
    assert 'value="110105194912310021"' in field  # what was typed is kept
    assert case_files(workspace) == before
    two_lines = client.post("/new", data={**FORM, "source": "来访\n第二行"})
    field = two_lines.text.split('id="field-source"')[1].split('class="field"')[0]
    assert two_lines.status_code == 400 and "只能写一行" in field
    for typed in ("", "2020-02-30"):
        no_date = client.post("/new", data={**FORM, "received": typed})
        field = no_date.text.split('id="field-received"')[1].split('class="field"')[0]
        assert no_date.status_code == 400 and "field-problems" in field, typed
    assert case_files(workspace) == before


def test_yaml_hostile_values_are_written_as_typed(
    client: TestClient, workspace: Path, cli: CliInvoker
) -> None:
    hostile = {
        "title": "王: #建国 \"反映\" '问题'",
        "source": "来访: #第二批 \\n",
        "requests.text": "- [a] {b}: c # d\n\ttrue",
        "petitioners.address": "null",
        "leaders.title": "副县长}, role: 协助",
    }
    done = client.post("/new", data={**FORM, **hostile}, follow_redirects=False)
    assert done.status_code == 303, done.text
    loaded = yaml.safe_load((workspace / "cases" / f"{NEW}.yaml").read_text(encoding="utf-8"))
    assert loaded["title"] == hostile["title"]
    assert loaded["source"] == hostile["source"]
    assert loaded["requests"][0]["text"] == hostile["requests.text"]
    assert loaded["petitioners"][0]["address"] == "null"
    assert loaded["leaders"][0]["title"] == hostile["leaders.title"]
    assert loaded["leaders"][0]["role"] == "牵头"
    assert cli("check", NEW).exit_code == 0


def test_an_existing_or_bad_id_is_refused_beside_the_id(
    client: TestClient, workspace: Path
) -> None:
    before = case_files(workspace)
    taken = client.post("/new", data={**FORM, "id": "xf2020-018"})
    assert taken.status_code == 400 and "已有案件文件" in taken.text
    assert "field-problems" in taken.text.split('id="field-id"')[1].split('class="field"')[0]
    bad = client.post("/new", data={**FORM, "id": "x: y\n#"})
    assert bad.status_code == 400 and "Traceback" not in bad.text
    assert case_files(workspace) == before


def test_the_form_needs_the_token(client: TestClient, workspace: Path) -> None:
    before = case_files(workspace)
    assert client.post("/new", data={**FORM, "csrf": "wrong"}).status_code == 403
    assert case_files(workspace) == before
