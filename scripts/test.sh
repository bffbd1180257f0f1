#!/usr/bin/env bash
# The whole test run, from a fresh machine: system tools, Python packages, lint, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
# In CI a test that needs LibreOffice fails instead of skipping when it is missing.
if [ "${CI:-}" = "true" ]; then
    export DOCGEN_REQUIRE_LIBREOFFICE=1
fi
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev]"
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
python3 scripts/check_wheel.py
python3 -m pytest -q "$@"
