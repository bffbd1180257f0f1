"""What reaches the console: never a traceback, whatever its encoding, and bugs told apart.

Why:
    A Chinese Windows console is GBK, which has no 𠮷; the clerk must still read every
    message, and a bug in docgen must not look like a mistake in the clerk's case file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

import pytest
from conftest import REPO, CliInvoker

import docgen.cli.case_commands

ENCODINGS: Final = ("gbk", "cp936", "ascii", "latin-1")
CHINESE: Final = ("gbk", "cp936")  # the encodings that can show the Chinese text
BAD_LINE: Final = "cases/XF2020-902.yaml:5:1"  # where the deliberate error is
# command, exit status, text expected on stdout or stderr, and on a Chinese console
COMMANDS: Final = [
    (("check",), 1, BAD_LINE, "不认识的字段"),
    (("render", "--kind", "hearing_announcement"), 1, BAD_LINE, "共生成 1 份文书"),
    (("status", "--today", "2020-06-01"), 1, "XF2020-901", "待听证"),
    (("--help",), 0, "check", "信访积案化解文书工具"),
]


@pytest.fixture(scope="module")
def rare_names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose cases carry 𠮷 (outside GBK): one sound, one with an unknown key 𠮷."""
    root = tmp_path_factory.mktemp("rare")
    shutil.copy(REPO / "docgen.yaml", root / "docgen.yaml")
    (root / "cases").mkdir()
    text = (REPO / "cases" / "XF2020-018.yaml").read_text(encoding="utf-8")
    text = text.replace("王建国", "王𠮷国")
    sound = text.replace("id: XF2020-018", "id: XF2020-901")
    (root / "cases" / "XF2020-901.yaml").write_text(sound, encoding="utf-8")
    lines = text.replace("id: XF2020-018", "id: XF2020-902").splitlines(keepends=True)
    lines.insert(4, "𠮷: 1\n")  # line 5: an unknown key, named in its message
    (root / "cases" / "XF2020-902.yaml").write_text("".join(lines), encoding="utf-8")
    return root


def run(root: Path, encoding: str, args: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], cwd=root, env=env, capture_output=True, timeout=120
    )


def test_no_console_encoding_makes_a_command_crash(rare_names: Path) -> None:
    runs = [(encoding, command) for encoding in ENCODINGS for command in COMMANDS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda r: run(rare_names, r[0], r[1][0]), runs))
    for (encoding, (args, status, text, chinese)), result in zip(runs, results, strict=True):
        out = result.stdout.decode(encoding, errors="replace")
        err = result.stderr.decode(encoding, errors="replace")
        where = (encoding, args, out, err)
        assert "Traceback" not in err, where
        assert "UnicodeEncodeError" not in err, where
        assert result.returncode == status, where
        assert text in out + err, where
        if encoding in CHINESE:
            assert chinese in out + err, where


def fail_with(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make `docgen status` meet `error` inside docgen, as a bug would."""

    def broken(*args: object) -> object:
        raise error

    monkeypatch.setattr(docgen.cli.case_commands, "workspace_status", broken)


def test_a_bug_is_an_internal_error_with_a_report_not_a_data_error(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_with(monkeypatch, ZeroDivisionError("division by zero"))
    result = cli("status")
    assert result.exit_code == 3
    assert result.stderr.startswith("内部错误：docgen 程序出错（不是案件数据的问题）")
    assert "Traceback" not in result.stderr
    assert "\n错误：" not in result.stderr and not result.stderr.startswith("错误：")
    (report,) = (workspace / ".docgen" / "reports").glob("internal-error-*.txt")
    assert f"错误报告已保存到“.docgen/reports/{report.name}”" in result.stderr
    text = report.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in text
    assert "ZeroDivisionError: division by zero" in text
    assert f"python: {sys.version.split()[0]}" in text
    assert "docgen: " in text
    assert "command: " in text


def test_the_report_goes_to_the_temporary_folder_when_the_workspace_is_not_writable(
    cli: CliInvoker, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / ".docgen").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    fail_with(monkeypatch, RuntimeError("boom"))
    result = cli("status")
    assert result.exit_code == 3
    (report,) = tmp_path.glob("internal-error-*.txt")
    assert "RuntimeError: boom" in report.read_text(encoding="utf-8")
    assert str(report) in result.stderr.replace("\n  ", "")


def test_ctrl_c_says_interrupted_and_exits_130(
    cli: CliInvoker, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_with(monkeypatch, KeyboardInterrupt())
    result = cli("status")
    assert result.exit_code == 130
    assert "已中断" in result.stderr
    assert "内部错误" not in result.stderr


def test_clerk_errors_and_usage_errors_keep_their_exit_status(cli: CliInvoker) -> None:
    assert cli("status", "no-such-case").exit_code == 2
    assert cli("status", "--format", "yaml").exit_code == 2
    assert cli("new", "XF2020-018").exit_code == 1
