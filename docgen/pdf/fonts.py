"""The official 公文 font names as LibreOffice will see them: a fontconfig file, and fc-match.

Why:
    The .docx keeps the names GB/T 9704 asks for (仿宋_GB2312, 方正小标宋简体 …), which no free
    system has. docgen/fonts/gongwen-aliases.conf maps each to a free face of the same style;
    it is handed to the LibreOffice process only (FONTCONFIG_FILE), never installed system-wide.
    Without it every name falls to one sans face, which looks plausible and is wrong.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docgen.errors import PdfError

ALIASES: Final = Path(__file__).resolve().parent.parent / "fonts" / "gongwen-aliases.conf"
BODY_FONT: Final = "仿宋_GB2312"
#: The names docgen's templates use, with the style each must keep (GB/T 9704 7.3.3).
OFFICIAL_NAMES: Final = (
    (BODY_FONT, "仿宋（正文）"),
    ("方正小标宋简体", "小标宋（标题）"),
    ("黑体", "黑体（一级标题）"),
    ("楷体_GB2312", "楷体（二级标题）"),
    ("宋体", "宋体（页码）"),
)
FONTS_CONF: Final = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <include ignore_missing="no">{aliases}</include>
</fontconfig>
"""
_SANS_MARKS: Final = ("sans", "hei", "gothic", "wenquanyi", "yahei")
FONT_HINT: Final = (
    "请安装仿宋所用的字体：在 docgen 源码目录中运行 bash scripts/install-system-deps.sh"
    "（装上 Fandol 仿宋、楷体），或至少 sudo apt-get install fonts-noto-cjk。"
)


def write_fonts_conf(folder: Path) -> Path:
    """A fonts.conf in `folder`: the system's configuration plus docgen's aliases."""
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(aliases=ALIASES.as_posix()), encoding="utf-8")
    return conf


@dataclass(frozen=True)
class Face:
    """The face fontconfig gives an official font name under docgen's aliases."""

    name: str  # 仿宋_GB2312
    role: str  # 仿宋（正文）
    family: str  # FandolFang
    style: str  # Regular
    file: str

    @property
    def is_sans(self) -> bool:
        """Whether the face is a sans (黑体) face, wrong for anything but 黑体 itself."""
        return any(mark in self.family.lower() for mark in _SANS_MARKS)


def resolve_faces(fonts_conf: Path) -> list[Face]:
    """Each official name and the face it resolves to, as LibreOffice asks (lang zh-cn).

    Raises:
        PdfError: fc-match (fontconfig) is not installed.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise PdfError(
            "找不到 fc-match，无法确认字体", hint="请安装：sudo apt-get install fontconfig"
        )
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
    faces = []
    for name, role in OFFICIAL_NAMES:
        done = subprocess.run(
            [fc_match, "-f", "%{family[0]}|%{style[0]}|%{file}", f"{name}:lang=zh-cn"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        family, _, rest = done.stdout.partition("|")
        style, _, file = rest.partition("|")
        faces.append(Face(name, role, family or "（无）", style, file))
    return faces


def require_serif_body(faces: list[Face]) -> None:
    """Refuse to make PDFs whose 仿宋 body would be set in a sans face.

    Raises:
        PdfError: 仿宋_GB2312 resolves to a sans face (no FangSong nor CJK serif installed).
    """
    body = next(face for face in faces if face.name == BODY_FONT)
    if body.is_sans:
        raise PdfError(
            f"正文字体“{BODY_FONT}”找不到仿宋或宋体类字体，会被替换成无衬线的“{body.family}”",
            hint=FONT_HINT,
        )
