"""The clerks who may use the web page over the office network, and what each of them changed.

Why:
    On 127.0.0.1 the person at the machine is the user. Served to the LAN, the page must know
    who is asking: each clerk has a name and a password, kept only as a salted scrypt hash in
    `.docgen/users.json` (written atomically), and the key signing the login cookie lives
    beside it, so a restart keeps clerks logged in and a copied workspace carries both.
    Every change made through the page is appended to `.docgen/changes.jsonl` with its user,
    which is also how a refused stale save can name who saved before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from docgen.docxio import write_atomically
from docgen.errors import UsageProblem, WorkspaceError

USERS_FILE: Final = Path(".docgen") / "users.json"
KEY_FILE: Final = Path(".docgen") / "session.key"
CHANGES_FILE: Final = Path(".docgen") / "changes.jsonl"
MIN_PASSWORD: Final = 8
# scrypt cost: about 50 ms per check on an office PC, 16 MiB of memory
_N: Final = 2**14
_R: Final = 8
_P: Final = 1
_NAME: Final = re.compile(r"[^\s/\\:|\x00-\x1f]{1,32}")


@dataclass(frozen=True)
class User:
    name: str
    salt: str  # hex
    hash: str  # hex scrypt of the password


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P).hex()


def load_users(root: Path) -> dict[str, User]:
    """The users of the workspace `root`, by name; none when the file does not exist.

    Raises:
        WorkspaceError: the file is not the JSON this module writes.
    """
    path = root / USERS_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            name: User(name, str(entry["salt"]), str(entry["hash"]))
            for name, entry in data["users"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        raise WorkspaceError(
            f"用户文件“{USERS_FILE.as_posix()}”已损坏",
            hint="请删除该文件，再用 docgen users add 重新添加用户。",
        ) from None


def _store(root: Path, users: dict[str, User]) -> None:
    data = {
        "users": {
            name: {"salt": user.salt, "hash": user.hash} for name, user in sorted(users.items())
        }
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomically(text.encode("utf-8"), root / USERS_FILE)


def check_name(name: str) -> str:
    """`name` when it can be a user's name.

    Raises:
        UsageProblem: empty, too long, or with a space, slash, colon or `|`.
    """
    if not _NAME.fullmatch(name):
        raise UsageProblem(
            f"“{name}”不能作为用户名",
            hint="用户名 1 至 32 个字，不含空格、斜杠、冒号和竖线，例如：刘洋。",
        )
    return name


def add_user(root: Path, name: str, password: str) -> None:
    """Add `name`, or give it a new password when it exists.

    Raises:
        UsageProblem: the name is not valid, or the password is shorter than MIN_PASSWORD.
    """
    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise UsageProblem(f"密码太短：至少 {MIN_PASSWORD} 个字符", hint="请换一个更长的密码。")
    users = load_users(root)
    salt = secrets.token_bytes(16)
    users[name] = User(name, salt.hex(), _hash(password, salt))
    _store(root, users)


def remove_user(root: Path, name: str) -> None:
    """Remove `name`.

    Raises:
        UsageProblem: there is no such user.
    """
    users = load_users(root)
    if name not in users:
        raise UsageProblem(f"没有用户“{name}”", hint="用 docgen users list 查看已有的用户。")
    del users[name]
    _store(root, users)


def password_matches(user: User | None, password: str) -> bool:
    """Whether `password` is the user's; an unknown user costs a hash too, to hide who exists."""
    if user is None:
        _hash(password, b"\x00" * 16)
        return False
    return hmac.compare_digest(_hash(password, bytes.fromhex(user.salt)), user.hash)


def session_key(root: Path) -> bytes:
    """The key signing login cookies, made once per workspace and kept in `.docgen/`."""
    path = root / KEY_FILE
    if not path.is_file():
        write_atomically(secrets.token_hex(32).encode("ascii"), path)
        os.chmod(path, 0o600)
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def record_change(root: Path, user: str, action: str, target: str, detail: str = "") -> None:
    """Append what `user` did to `.docgen/changes.jsonl`: one line, one write, never rewritten."""
    entry = {
        "at": datetime.now().isoformat(timespec="seconds"),
        "user": user,
        "action": action,
        "target": target,
        "detail": detail,
    }
    line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
    path = root / CHANGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(line)


def last_change(root: Path, action: str, target: str) -> dict[str, str] | None:
    """The latest change `action` of `target` in the log, or None."""
    path = root / CHANGES_FILE
    if not path.is_file():
        return None
    found: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut by a crash is skipped, the rest still counts
        if isinstance(entry, dict) and (entry.get("action"), entry.get("target")) == (
            action,
            target,
        ):
            found = {str(k): str(v) for k, v in entry.items()}
    return found
