"""The users store: salted scrypt hashes written atomically, names checked, a change log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.errors import UsageProblem, WorkspaceError
from docgen.users import (
    USERS_FILE,
    add_user,
    last_change,
    load_users,
    password_matches,
    record_change,
    remove_user,
    session_key,
)


def test_a_password_is_kept_only_as_a_salted_hash(tmp_path: Path) -> None:
    add_user(tmp_path, "刘洋", "同一个密码123")
    add_user(tmp_path, "王芳", "同一个密码123")
    stored = (tmp_path / USERS_FILE).read_text(encoding="utf-8")
    assert "同一个密码123" not in stored
    users = load_users(tmp_path)
    assert users["刘洋"].salt != users["王芳"].salt and users["刘洋"].hash != users["王芳"].hash
    assert password_matches(users["刘洋"], "同一个密码123")
    assert not password_matches(users["刘洋"], "同一个密码12")
    assert not password_matches(None, "同一个密码123")


def test_a_user_is_given_a_new_password_and_removed(tmp_path: Path) -> None:
    add_user(tmp_path, "刘洋", "第一个密码abc")
    add_user(tmp_path, "刘洋", "第二个密码abc")
    assert password_matches(load_users(tmp_path)["刘洋"], "第二个密码abc")
    remove_user(tmp_path, "刘洋")
    assert load_users(tmp_path) == {}
    with pytest.raises(UsageProblem, match="没有用户“刘洋”"):
        remove_user(tmp_path, "刘洋")


@pytest.mark.parametrize("name", ["", "刘 洋", "../x", "a|b", "a:b", "x" * 33])
def test_a_bad_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageProblem, match="不能作为用户名"):
        add_user(tmp_path, name, "足够长的密码abc")
    assert not (tmp_path / USERS_FILE).exists()


def test_a_short_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="密码太短"):
        add_user(tmp_path, "刘洋", "1234567")


def test_a_damaged_users_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / USERS_FILE).parent.mkdir()
    (tmp_path / USERS_FILE).write_text('{"users": [', encoding="utf-8")
    with pytest.raises(WorkspaceError, match="已损坏"):
        load_users(tmp_path)


def test_the_session_key_is_made_once(tmp_path: Path) -> None:
    key = session_key(tmp_path)
    assert len(key) == 32 and session_key(tmp_path) == key


def test_the_last_change_of_a_target_is_found(tmp_path: Path) -> None:
    record_change(tmp_path, "刘洋", "save", "XF2020-018", "aa")
    record_change(tmp_path, "王芳", "save", "XF2020-025", "bb")
    with (tmp_path / ".docgen" / "changes.jsonl").open("a", encoding="utf-8") as log:
        log.write('{"cut by a cra')
    found = last_change(tmp_path, "save", "XF2020-018")
    assert found is not None and found["user"] == "刘洋" and found["detail"] == "aa"
    assert last_change(tmp_path, "render", "XF2020-018") is None
    first = json.loads((tmp_path / ".docgen" / "changes.jsonl").read_text().splitlines()[0])
    assert set(first) == {"at", "user", "action", "target", "detail"}
