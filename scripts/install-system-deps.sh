#!/usr/bin/env bash
# Installs what the PDF checks and LibreOffice-based tests need on a Debian machine:
# LibreOffice Writer (headless), poppler-utils (pdftotext, pdffonts, pdftoppm) and free CJK fonts.
# Also Chromium, for the real-browser test of `docgen serve` (tests/web/test_browser.py).
# Idempotent: does nothing when everything is already there. Needs root (or sudo).
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q "AR PL UKai" || need+=(fonts-arphic-ukai fonts-arphic-uming)
fc-list 2>/dev/null | grep -q "Liberation Serif" || need+=(fonts-liberation2)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # the web page's browser test
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
