"""A clerk's day in a real browser: Playwright drives Debian's Chromium against `docgen serve`.

One server and one browser for the module; the steps run in order, as a clerk would do them.
Without Playwright or Chromium the module is skipped on a developer's machine but fails in CI
(`CI` set), as test_browser.py does; Playwright never downloads a browser of its own.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive.signed import pdf_bytes
from docx import Document
from docxread import all_text
from web.served import REPO, chromium, needed, serving

CASE = "XF2020-018"
WINDOW = "from=2020-05-15&to=2020-06-12"  # XF2020-025 and XF2020-018
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`docgen serve --today 2020-06-10` on a copy of the example workspace: URL and folder."""
    root = tmp_path_factory.mktemp("e2e") / "ws"
    root.mkdir()
    shutil.copy(REPO / "docgen.yaml", root / "docgen.yaml")
    shutil.copytree(REPO / "cases", root / "cases")
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("source"))
    with serving(root, "--today", "2020-06-10") as url:
        yield url, root


@pytest.fixture(scope="module")
def tab(site: tuple[str, Path]) -> Iterator[Any]:
    """One headless Chromium tab, downloads allowed."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        needed("Playwright is not installed: pip install -e '.[dev]'")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, base_url=site[0])
        context.set_default_timeout(TIMEOUT_MS)
        yield context.new_page()
        browser.close()


def downloaded(tab: Any, link: Any) -> bytes:
    with tab.expect_download() as started:
        link.click()
    path = started.value.path()
    return Path(path).read_bytes()


def test_the_case_list_opens(tab: Any) -> None:
    tab.goto("/")
    assert tab.locator(f'a[href="/case/{CASE}"]').count() >= 1
    assert tab.locator("table tbody tr").count() == len(list((REPO / "cases").glob("*.yaml")))


def test_a_broken_field_is_located_then_fixed_and_saved(tab: Any) -> None:
    tab.goto("/")
    tab.locator(f'a[href="/case/{CASE}"]').first.click()
    tab.get_by_text("编辑案件文件").click()
    editor = tab.locator("#text")
    good = editor.input_value()
    editor.fill(good.replace("received: 2016-03-02", "received: 2016-13-45", 1))
    problem = tab.locator("#problems li").first
    problem.wait_for()
    assert "第 4 行（received）" in problem.inner_text()
    assert "不是有效日期（2016-13-45）" in problem.inner_text()
    editor.fill(good + "# 网页测试\n")
    tab.locator("#problems li.error").first.wait_for(state="detached")
    tab.get_by_role("button", name="保存").click()
    tab.wait_for_url(re.compile(r"/edit\?message="))
    assert "已保存" in tab.content()


def test_render_then_download_a_notice(tab: Any) -> None:
    tab.goto(f"/case/{CASE}")
    tab.get_by_role("button", name="重新生成文书").click()
    tab.wait_for_url(re.compile(r"message="))
    assert "已生成" in tab.content()
    notice = tab.locator("ul.documents a", has_text="听证通知书").first
    document = Document(io.BytesIO(downloaded(tab, notice)))
    assert "听证通知书" in all_text(document)


def test_a_hearing_week_is_run_and_its_print_file_downloaded(tab: Any) -> None:
    tab.goto(f"/hearings?{WINDOW}")
    tab.get_by_role("button", name="生成听证通知书和送达回证").click()
    tab.get_by_text("份听证通知书").wait_for()  # the progress page reloads to the result
    tab.get_by_role("link", name="打印文件、送达登记表和清单").click()
    printed = tab.locator("a", has_text="打印").first
    document = Document(io.BytesIO(downloaded(tab, printed)))
    assert "送达回证" in all_text(document)


def test_a_signed_pdf_is_archived_and_verify_passes(tab: Any, tmp_path: Path) -> None:
    scan = tmp_path / "回证.pdf"
    scan.write_bytes(pdf_bytes(2))
    tab.goto("/archive")
    number = tab.locator("datalist#numbers option").first.get_attribute("value")
    assert number
    tab.locator('input[type="file"][name="files"]').set_input_files(str(scan))
    tab.locator('input[name="number"]').fill(number)
    tab.get_by_role("button", name="归档", exact=True).click()
    tab.get_by_text("已归档：").wait_for()
    tab.get_by_role("button", name="核验归档").click()
    tab.get_by_text("核验通过：1 件、1 个文件").wait_for()


def test_a_stale_save_is_refused(tab: Any, site: tuple[str, Path]) -> None:
    tab.goto(f"/case/{CASE}/edit")
    path = site[1] / "cases" / f"{CASE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 别人改过\n", encoding="utf-8")
    tab.get_by_role("button", name="保存").click()
    tab.get_by_text("没有保存").wait_for()
    assert "别人改过" in path.read_text(encoding="utf-8")


def test_the_progress_charts_render(tab: Any) -> None:
    tab.goto("/progress")
    charts = tab.locator("svg")
    assert charts.count() >= 3
    box = charts.first.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50
