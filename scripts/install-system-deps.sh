#!/usr/bin/env bash
# Installs what PDF output (docgen render --pdf, docgen pdf) and the LibreOffice-based tests need
# on a Debian machine: LibreOffice Writer (headless), poppler-utils (pdftotext, pdffonts, pdfinfo),
# free CJK fonts, and the Fandol fonts (the only free 仿宋/楷体), which Debian ships only inside
# texlive-lang-chinese: that .deb is downloaded and only its four Fandol OTF files are copied to
# /usr/local/share/fonts/fandol (34 MB instead of 264 MB of TeX).
# Also Chromium, for the real-browser test of `docgen serve` (tests/web/test_browser.py).
# Idempotent and fast when everything is there. Needs root (or sudo).
set -euo pipefail

FANDOL_DIR=/usr/local/share/fonts/fandol

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)
fonts=$(fc-list 2>/dev/null || true)
grep -q "Noto Serif CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
grep -q "AR PL UKai" <<<"$fonts" || need+=(fonts-arphic-ukai fonts-arphic-uming)
grep -q "Liberation Serif" <<<"$fonts" || need+=(fonts-liberation2)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the web page's browser test
fandol=yes
grep -q "FandolFang" <<<"$fonts" || fandol=no
[ ${#need[@]} -eq 0 ] && [ "$fandol" = yes ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing: ${need[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ "$fandol" = no ]; then
    echo "Installing the Fandol fonts (from texlive-lang-chinese) into $FANDOL_DIR"
    work=$(mktemp -d)
    chmod 755 "$work"  # apt-get download runs as _apt
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get download -qq texlive-lang-chinese >/dev/null)
    dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/x"
    $sudo mkdir -p "$FANDOL_DIR"
    $sudo cp "$work"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Hei,Kai,Song}-*.otf "$FANDOL_DIR/"
    # licence: GPL with the font exception
    for doc in README COPYING.gz; do
        found=$(find "$work/x" -path "*fandol/$doc" -print -quit)
        [ -n "$found" ] && $sudo cp "$found" "$FANDOL_DIR/"
    done
    $sudo fc-cache -f "$FANDOL_DIR" >/dev/null
fi
