#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh --test), lint, and run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
.venv/bin/ruff check .
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
